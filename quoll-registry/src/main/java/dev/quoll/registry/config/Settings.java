package dev.quoll.registry.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The layered configuration: built-in defaults, then the config file, then {@code QUOLL_*}
 * environment variables, then command-line flags; each layer overrides the ones before it.
 *
 * <p>The config file is YAML with the same keys as the flags (nested maps are read as dotted keys,
 * e.g. {@code tls: {cert: x}} is {@code tls.cert}). Its path comes from the {@code config} key,
 * itself taken from flags or the environment. Unknown keys in any layer are an error, so a typo
 * never silently falls back to a default.
 */
public final class Settings {
  private final Map<String, String> values;
  private final Map<String, String> sources;

  private Settings(Map<String, String> values, Map<String, String> sources) {
    this.values = values;
    this.sources = sources;
  }

  /**
   * Resolves every known key from the layers.
   *
   * @param flags values given on the command line, by key name (without the {@code --})
   * @param environment the process environment; only {@code QUOLL_*} variables of known keys are
   *     read
   * @return the resolved settings
   * @throws ConfigException on an unknown key, an unreadable config file, or a value that does not
   *     parse
   */
  public static Settings resolve(Map<String, String> flags, Map<String, String> environment) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> sources = new LinkedHashMap<>();
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      if (!key.defaultText().isEmpty()) {
        values.put(key.name(), key.defaultText());
        sources.put(key.name(), "default");
      }
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      String v = environment.get(key.environmentVariable());
      if (v != null) {
        env.put(key.name(), v);
      }
    }
    for (String name : flags.keySet()) {
      ConfigKeys.byName(name).orElseThrow(() -> new ConfigException("unknown option --" + name));
    }
    String configFile =
        flags.getOrDefault(ConfigKeys.CONFIG.name(), env.get(ConfigKeys.CONFIG.name()));
    if (configFile != null) {
      Path file = Path.of(configFile);
      readFile(file).forEach((k, v) -> put(values, sources, k, v, "config file " + file));
    }
    env.forEach(
        (k, v) ->
            put(values, sources, k, v, ConfigKeys.byName(k).orElseThrow().environmentVariable()));
    flags.forEach((k, v) -> put(values, sources, k, v, "--" + k));
    Settings settings = new Settings(values, sources);
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      settings.get(key); // parse every value now, so a bad one fails at start-up
    }
    return settings;
  }

  /**
   * The value of a key.
   *
   * @param key one of {@link ConfigKeys#ALL}
   * @return its parsed value, or empty when it has no default and was not set
   * @throws ConfigException when the value does not parse (the message names its source)
   */
  public <T> Optional<T> get(ConfigKey<T> key) {
    String text = values.get(key.name());
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(key.parse().apply(text));
    } catch (ConfigException | IllegalArgumentException e) {
      throw new ConfigException(
          "bad value for "
              + key.name()
              + " from "
              + sources.get(key.name())
              + ": "
              + e.getMessage());
    }
  }

  /**
   * Where the value of a key came from: default, config file, an environment variable or a flag.
   */
  public String sourceOf(ConfigKey<?> key) {
    return sources.getOrDefault(key.name(), "unset");
  }

  private static void put(
      Map<String, String> values, Map<String, String> sources, String k, String v, String source) {
    if (ConfigKeys.byName(k).isEmpty()) {
      throw new ConfigException("unknown setting '" + k + "' in " + source);
    }
    values.put(k, v);
    sources.put(k, source);
  }

  private static Map<String, String> readFile(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
    }
    Map<String, String> flat = new LinkedHashMap<>();
    if (root != null && !root.isMissingNode() && !root.isNull()) {
      if (!root.isObject()) {
        throw new ConfigException("config file " + file + " must be a YAML mapping of settings");
      }
      flatten("", root, flat);
    }
    return flat;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    node.properties()
        .forEach(
            e -> {
              String key = prefix + e.getKey();
              if (e.getValue().isObject()) {
                flatten(key + ".", e.getValue(), out);
              } else {
                out.put(key, e.getValue().isNull() ? "" : e.getValue().asText());
              }
            });
  }
}
