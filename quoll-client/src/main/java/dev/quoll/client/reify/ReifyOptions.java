package dev.quoll.client.reify;

import java.util.List;
import java.util.Map;

/**
 * How a plan is reified.
 *
 * @param ignoreScripts {@code --ignore-scripts}: no lifecycle scripts run (bins are still linked)
 * @param dryRun {@code --dry-run}: compute and report the changes, touch nothing
 * @param fetchConcurrency downloads in flight at once
 * @param extractConcurrency tarballs unpacked at once (CPU-bound; about the number of cores)
 * @param scriptEnv extra environment for scripts: npm's {@code npm_config_*} ({@link
 *     dev.quoll.client.config.NpmConfig#scriptEnvironment()}) and the like; added on top of the
 *     process environment
 * @param scriptShell the shell that runs a script as {@code <shell> -c <script>} ({@code
 *     script-shell}, default {@code sh})
 * @param extraPath folders appended to {@code PATH} after every {@code node_modules/.bin} (npm puts
 *     its {@code node-gyp-bin} folder there)
 */
public record ReifyOptions(
    boolean ignoreScripts,
    boolean dryRun,
    int fetchConcurrency,
    int extractConcurrency,
    Map<String, String> scriptEnv,
    String scriptShell,
    List<String> extraPath) {
  /** Copies the collections. */
  public ReifyOptions {
    scriptEnv = Map.copyOf(scriptEnv);
    extraPath = List.copyOf(extraPath);
    if (fetchConcurrency < 1 || extractConcurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1");
    }
  }

  /** Scripts on, not a dry run, 50 downloads and one extraction per core, {@code sh}. */
  public static ReifyOptions defaults() {
    return new ReifyOptions(
        false,
        false,
        50,
        Math.max(2, Runtime.getRuntime().availableProcessors()),
        Map.of(),
        "sh",
        List.of());
  }

  /** These options with {@code ignoreScripts} set. */
  public ReifyOptions withIgnoreScripts(boolean on) {
    return new ReifyOptions(
        on, dryRun, fetchConcurrency, extractConcurrency, scriptEnv, scriptShell, extraPath);
  }

  /** These options with {@code dryRun} set. */
  public ReifyOptions withDryRun(boolean on) {
    return new ReifyOptions(
        ignoreScripts, on, fetchConcurrency, extractConcurrency, scriptEnv, scriptShell, extraPath);
  }

  /** These options with another script environment. */
  public ReifyOptions withScriptEnv(Map<String, String> env) {
    return new ReifyOptions(
        ignoreScripts, dryRun, fetchConcurrency, extractConcurrency, env, scriptShell, extraPath);
  }
}
