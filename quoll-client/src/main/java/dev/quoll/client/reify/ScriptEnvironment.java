package dev.quoll.client.reify;

import dev.quoll.client.config.NpmConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment npm gives every lifecycle script on top of the package's own variables
 * (@npmcli/config 10's {@code setEnvs} and run-script's {@code makeSpawnArgs}).
 *
 * <p>Contract: {@link #variables} returns the config's {@code npm_config_*} ({@link
 * NpmConfig#scriptEnvironment()}), {@code npm_config_global_prefix}, {@code
 * npm_config_local_prefix}, {@code npm_command}, {@code INIT_CWD} (the working folder), and, when a
 * {@code node} is on {@code PATH}, {@code NODE} and {@code npm_node_execpath}; when npm is
 * installed beside that node, {@code npm_execpath} ({@code npm-cli.js}), {@code
 * npm_config_node_gyp} (its bundled {@code node-gyp.js}) and {@link #extraPath} its run-script
 * {@code node-gyp-bin} folder, so {@code node-gyp rebuild} works as under npm. Where npm is absent
 * those are left out.
 *
 * @param variables the extra variables
 * @param extraPath folders after the {@code node_modules/.bin} folders in {@code PATH}
 */
public record ScriptEnvironment(Map<String, String> variables, List<String> extraPath) {
  /** Copies the collections. */
  public ScriptEnvironment {
    variables = Map.copyOf(variables);
    extraPath = List.copyOf(extraPath);
  }

  /**
   * The environment for this process.
   *
   * @param config the npm config
   * @param localPrefix the project folder
   * @param cwd the working folder ({@code INIT_CWD})
   * @param command npm's command name ({@code install}, {@code ci}, ...)
   * @param searchPath the {@code PATH} to find {@code node} and npm in
   * @return the environment
   */
  public static ScriptEnvironment of(
      NpmConfig config, Path localPrefix, Path cwd, String command, String searchPath) {
    Map<String, String> env = new LinkedHashMap<>(config.scriptEnvironment());
    config.get("prefix").ifPresent(p -> env.put("npm_config_global_prefix", p));
    env.put("npm_config_local_prefix", localPrefix.toString());
    env.put("npm_command", command);
    env.put("INIT_CWD", cwd.toString());
    List<String> extra = List.of();
    Optional<Path> node = find(searchPath, "node").map(ScriptEnvironment::real);
    if (node.isPresent()) {
      env.put("NODE", node.get().toString());
      env.put("npm_node_execpath", node.get().toString());
    }
    Optional<Path> npmDir = find(searchPath, "npm").flatMap(ScriptEnvironment::npmFolder);
    if (npmDir.isPresent()) {
      Path d = npmDir.get();
      env.put("npm_execpath", d.resolve("bin/npm-cli.js").toString());
      Path gyp = d.resolve("node_modules/node-gyp/bin/node-gyp.js");
      if (Files.isRegularFile(gyp)) {
        env.put("npm_config_node_gyp", gyp.toString());
      }
      Path gypBin = d.resolve("node_modules/@npmcli/run-script/lib/node-gyp-bin");
      if (Files.isDirectory(gypBin)) {
        extra = List.of(gypBin.toString());
      }
    }
    return new ScriptEnvironment(env, extra);
  }

  /**
   * Reify options with this environment.
   *
   * @param base the options to extend
   * @return base with these variables and extra {@code PATH} folders
   */
  public ReifyOptions applyTo(ReifyOptions base) {
    Map<String, String> env = new LinkedHashMap<>(base.scriptEnv());
    env.putAll(variables);
    return new ReifyOptions(
        base.ignoreScripts(),
        base.dryRun(),
        base.fetchConcurrency(),
        base.extractConcurrency(),
        env,
        base.scriptShell(),
        extraPath);
  }

  private static Optional<Path> find(String searchPath, String name) {
    for (String dir : searchPath.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return Optional.of(Path.of(dir, name).toAbsolutePath());
      }
    }
    return Optional.empty();
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p;
    }
  }

  /** npm's package folder from its {@code bin/npm} link ({@code .../npm/bin/npm-cli.js}). */
  private static Optional<Path> npmFolder(Path npmBin) {
    try {
      Path real = npmBin.toRealPath();
      Path dir = real.getParent() == null ? null : real.getParent().getParent();
      return dir != null && Files.isRegularFile(dir.resolve("bin/npm-cli.js"))
          ? Optional.of(dir)
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
