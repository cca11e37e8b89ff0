package dev.quoll.client.config;

import dev.quoll.client.ClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Another project's config: what npm reads when it runs in another project folder with this
 * process's settings, as pacote 21's {@code GitFetcher} runs {@code npm install} inside a git
 * checkout to prepare it.
 *
 * <p>Contract (@npmcli/config 10 {@code loadProjectConfig}; set-envs.js): the nested npm's local
 * prefix is the folder (it holds the package.json), so its project layer is {@code <folder>/.npmrc}
 * (parsed and {@code ${VAR}}-expanded as {@link ConfigLoader} does) in place of this project's;
 * every other layer is kept, and the command-line flags and environment of this process still win
 * over the folder's npmrc (npm exports its non-default flags to the child's environment).
 */
public final class ProjectNpmrc {
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
    return new NpmConfig(layers);
  }
}
