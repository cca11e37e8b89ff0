package dev.quoll.client.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.ClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Loads {@link NpmConfig} from npm's sources as @npmcli/config 10's {@code load()} does.
 *
 * <p>Contract: the command-line flags and the {@code npm_config_*} environment are read first,
 * because they may move the other files ({@code prefix}, {@code globalconfig}, {@code userconfig}).
 * Then the builtin npmrc (when given), the global npmrc ({@code <prefix>/etc/npmrc}), the user
 * npmrc ({@code ~/.npmrc}) and the project npmrc ({@code <localPrefix>/.npmrc}, skipped when it is
 * the user npmrc or {@code global} is set) are parsed with {@link Ini}; keys and string values get
 * {@code ${VAR}} expansion ({@link EnvReplace}). The local prefix is the {@code prefix} flag, else
 * the nearest folder from the working directory up that holds {@code package.json} or {@code
 * node_modules}, else the working directory. A missing file is an empty source.
 *
 * <p>Environment keys: {@code npm_config_} (any case) is removed, and unless the rest starts with
 * {@code //}, every {@code _} but a leading one becomes {@code -} and the key is lower-cased; empty
 * values are ignored.
 *
 * @param env the process environment
 * @param cwd the working directory
 * @param home the user's home directory
 * @param globalPrefix the default global prefix (npm: the folder above node's {@code bin})
 * @param flags command-line flags as key to value (booleans as {@code "true"}/{@code "false"})
 * @param builtin the builtin npmrc file, when there is one
 */
public record ConfigLoader(
    Map<String, String> env,
    Path cwd,
    Path home,
    Path globalPrefix,
    Map<String, String> flags,
    List<Path> builtin) {
  private static final Pattern ENV_KEY = Pattern.compile("(?i)^npm_config_");

  /** Copies the maps and list. */
  public ConfigLoader {
    env = Map.copyOf(env);
    flags = Map.copyOf(flags);
    builtin = List.copyOf(builtin);
  }

  /**
   * A loader for this process: {@link System#getenv()}, the working directory, {@code user.home},
   * and the prefix above the {@code node} found on {@code PATH} (or {@code /usr/local}).
   *
   * @param flags command-line flags
   * @return the loader
   */
  public static ConfigLoader forProcess(Map<String, String> flags) {
    Path home = Path.of(System.getProperty("user.home"));
    Path prefix = Path.of("/usr/local");
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "node"))) {
        Path parent = Path.of(dir).toAbsolutePath().getParent();
        prefix = parent == null ? prefix : parent;
        break;
      }
    }
    return new ConfigLoader(
        System.getenv(), Path.of("").toAbsolutePath(), home, prefix, flags, List.of());
  }

  /**
   * Reads every source.
   *
   * @return the configuration
   * @throws ClientException {@code ECONFIG} when an npmrc exists but cannot be read
   */
  public NpmConfig load() {
    Map<ConfigSource, Map<String, String>> layers = new EnumMap<>(ConfigSource.class);
    Map<String, String> cli = new LinkedHashMap<>(flags);
    Map<String, String> envLayer = fromEnv();
    layers.put(ConfigSource.CLI, cli);
    layers.put(ConfigSource.ENV, envLayer);
    Path defaultPrefix = env.containsKey("PREFIX") ? Path.of(env.get("PREFIX")) : globalPrefix;
    Map<String, String> defaults = ConfigDefaults.of(home, defaultPrefix);
    layers.put(ConfigSource.DEFAULT, defaults);
    for (Path b : builtin) {
      layers.put(ConfigSource.BUILTIN, readFile(b));
    }
    boolean isGlobal = "true".equals(pick("global", layers).orElse("false"));
    Path project = localPrefix(cli).resolve(".npmrc");
    Path userBeforeProject = cwd.resolve(pick("userconfig", layers).orElseThrow());
    if (!isGlobal && !project.normalize().equals(userBeforeProject.normalize())) {
      layers.put(ConfigSource.PROJECT, readFile(project));
    }
    Path user = cwd.resolve(pick("userconfig", layers).orElseThrow());
    layers.put(ConfigSource.USER, readFile(user));
    Path prefix = cwd.resolve(pick("prefix", layers).orElseThrow());
    Path global =
        cwd.resolve(
            pick("globalconfig", layers, ConfigSource.DEFAULT)
                .orElse(prefix.resolve("etc").resolve("npmrc").toString()));
    layers.put(ConfigSource.GLOBAL, readFile(global));
    return new NpmConfig(layers);
  }

  /** The project folder npm calls {@code localPrefix}. */
  public Path localPrefix() {
    return localPrefix(flags);
  }

  private Path localPrefix(Map<String, String> cli) {
    Optional<String> p = Optional.ofNullable(cli.get("prefix"));
    if (p.isPresent()) {
      return cwd.resolve(p.get());
    }
    for (Path d = cwd.toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.exists(d.resolve("package.json")) || Files.exists(d.resolve("node_modules"))) {
        return d;
      }
    }
    return cwd.toAbsolutePath();
  }

  /** The value of {@code key} in the highest loaded layer, ignoring the {@code skip} layers. */
  private static Optional<String> pick(
      String key, Map<ConfigSource, Map<String, String>> layers, ConfigSource... skip) {
    ConfigSource[] all = ConfigSource.values();
    for (int i = all.length - 1; i >= 0; i--) {
      if (List.of(skip).contains(all[i])) {
        continue;
      }
      String v = layers.getOrDefault(all[i], Map.of()).get(key);
      if (v != null) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  private Map<String, String> fromEnv() {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>(env.keySet());
    keys.sort(null);
    for (String envKey : keys) {
      String value = env.get(envKey);
      if (!ENV_KEY.matcher(envKey).find() || value.isEmpty()) {
        continue;
      }
      String key = envKey.substring("npm_config_".length());
      if (!key.startsWith("//")) {
        key = key.isEmpty() ? key : key.charAt(0) + key.substring(1).replace('_', '-');
        key = key.toLowerCase(java.util.Locale.ROOT);
      }
      out.put(key, value);
    }
    return out;
  }

  private Map<String, String> readFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (IOException e) {
      throw new ClientException("ECONFIG", "cannot read " + file + ": " + e.getMessage(), e);
    }
    return fromIni(Ini.parse(text), env);
  }

  /**
   * The values of a parsed npmrc, with {@code ${VAR}} expanded in keys and string values; booleans
   * become {@code "true"}/{@code "false"}, arrays their items joined by {@code "\n"}; sections and
   * nulls are skipped.
   *
   * @param ini the output of {@link Ini#parse}
   * @param env the environment for expansion
   * @return key to value
   */
  static Map<String, String> fromIni(ObjectNode ini, Map<String, String> env) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : ini.properties()) {
      String key = EnvReplace.replace(e.getKey(), env);
      JsonNode v = e.getValue();
      if (v.isTextual()) {
        out.put(key, EnvReplace.replace(v.textValue(), env));
      } else if (v.isBoolean()) {
        out.put(key, Boolean.toString(v.booleanValue()));
      } else if (v.isArray()) {
        List<String> items = new ArrayList<>();
        v.forEach(
            i -> items.add(i.isTextual() ? EnvReplace.replace(i.textValue(), env) : i.toString()));
        out.put(key, String.join("\n", items));
      }
    }
    return out;
  }
}
