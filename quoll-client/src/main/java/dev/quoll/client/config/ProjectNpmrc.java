package dev.quoll.client.config;

import dev.quoll.client.ClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Another project's config: what npm reads when it runs in another project folder with this
 * process's settings, as pacote 21's {@code GitFetcher} runs {@code npm install} inside a git
 * checkout to prepare it.
 *
 * <p>Contract (@npmcli/config 10 {@code loadProjectConfig}; set-envs.js): the nested npm's local
 * prefix is the folder (it holds the package.json), so its project layer is {@code <folder>/.npmrc}
 * (parsed and {@code ${VAR}}-expanded as {@link ConfigLoader} does) in place of this project's; the
 * builtin, global and user layers are the same files; and npm exports every effective value of this
 * process that is not its default to the child's environment, which outranks the folder's npmrc: so
 * the folder's npmrc decides only the keys this process leaves at their defaults, and the keys npm
 * never exports ({@code @scope:registry}, {@code //host/:_authToken}, {@code _auth}, ...). The
 * command-line flags stay on top.
 */
public final class ProjectNpmrc {
  /** The definitions with {@code envExport: false} (@npmcli/config 10 definitions.js). */
  private static final Set<String> NOT_EXPORTED =
      Set.of(
          "if-present",
          "include-workspace-root",
          "min-release-age",
          "min-release-age-exclude",
          "workspace",
          "workspaces");

  private ProjectNpmrc() {}

  /**
   * The folder's own {@code .npmrc}, when it has one.
   *
   * @param folder the project folder
   * @param env the environment for {@code ${VAR}} expansion
   * @return the values, empty when there is no {@code .npmrc}
   * @throws ClientException {@code ECONFIG} when the file exists but cannot be read
   */
  public static Optional<Map<String, String>> read(Path folder, Map<String, String> env) {
    Path file = folder.resolve(".npmrc");
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return Optional.of(ConfigLoader.fromIni(Ini.parse(text), env));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new ClientException("ECONFIG", "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@code config} with its project layer replaced.
   *
   * @param config this process's config
   * @param project the other project's npmrc values ({@link #read})
   * @return the config npm would use in the other project
   */
  public static NpmConfig withProject(NpmConfig config, Map<String, String> project) {
    Map<ConfigSource, Map<String, String>> layers = new EnumMap<>(ConfigSource.class);
    for (ConfigSource s : ConfigSource.values()) {
      layers.put(s, config.layer(s));
    }
    layers.put(ConfigSource.PROJECT, project);
    layers.put(ConfigSource.ENV, exported(config));
    return new NpmConfig(layers);
  }

  /**
   * The environment layer a child npm sees (set-envs.js): this process's {@code npm_config_*}
   * values plus every effective value that differs from its default, whatever set it, except keys
   * starting with {@code /}, {@code @} or {@code _} (scoped registries, credentials) and the keys
   * npm never exports.
   */
  private static Map<String, String> exported(NpmConfig config) {
    Map<String, String> env = new LinkedHashMap<>(config.layer(ConfigSource.ENV));
    Map<String, String> defaults = config.layer(ConfigSource.DEFAULT);
    for (Map.Entry<String, String> e : config.all().entrySet()) {
      String key = e.getKey();
      if (key.isEmpty()
          || "/@_".indexOf(key.charAt(0)) >= 0
          || NOT_EXPORTED.contains(key)
          || e.getValue().equals(defaults.get(key))) {
        continue;
      }
      env.put(key, e.getValue());
    }
    return env;
  }
}
