package dev.quoll.client.reify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.client.ClientException;
import dev.quoll.core.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The project's own lifecycle scripts that {@code npm install} (without package arguments, not
 * global) and {@code npm ci} run after reify (npm 11's {@code lib/commands/install.js} and {@code
 * ci.js} through @npmcli/run-script 10 with {@code stdio: 'inherit'}).
 *
 * <p>Contract: the events {@link #EVENTS} run one after another in that order, each only when
 * package.json's {@code scripts} has it (for {@code install} also {@code node-gyp rebuild} when
 * {@code binding.gyp} exists and neither {@code install} nor {@code preinstall} is set and {@code
 * gypfile} is not {@code false}). Before each, run-script's banner {@code \n> name@version event\n>
 * command\n} is printed to the banner stream (none when the stream is empty, npm's {@code
 * --silent}). The script runs as {@code <shell> -c <script>} in the project folder with stdin,
 * stdout and stderr inherited, and the environment of {@link Lifecycle} without the dependency-only
 * variables: {@code npm_package_name}/{@code _version} (when package.json has them), the flattened
 * {@code config}, {@code engines} and {@code bin}, {@code npm_package_json}, {@code
 * npm_lifecycle_event}, {@code npm_lifecycle_script}, and {@code PATH} with every {@code
 * node_modules/.bin} from the project folder up. A script that exits non-zero stops the sequence
 * with {@code ELIFECYCLE}; nothing is rolled back (npm has already written node_modules,
 * package.json and the lockfile by then).
 */
public final class ProjectScripts {
  /** npm 11's event list, in order ({@code prepublish} is still run). */
  public static final List<String> EVENTS =
      List.of(
          "preinstall",
          "install",
          "postinstall",
          "prepublish",
          "preprepare",
          "prepare",
          "postprepare");

  private final ReifyOptions options;
  private final Optional<PrintStream> banner;

  /**
   * @param options the shell, the extra environment ({@code npm_config_*}, {@code INIT_CWD}, ...)
   *     and extra {@code PATH} folders; {@code ignoreScripts} makes {@link #run} do nothing
   * @param banner where run-script's banner goes (stdout), empty for {@code --silent}
   */
  public ProjectScripts(ReifyOptions options, Optional<PrintStream> banner) {
    this.options = options;
    this.banner = banner;
  }

  /**
   * Runs the project's install-time scripts.
   *
   * @param project the project folder (holding package.json)
   * @return the scripts that ran, in order (output is inherited, so empty)
   * @throws ClientException {@code ELIFECYCLE} naming the event, command and exit code
   * @throws UncheckedIOException when the shell cannot be started
   */
  public List<ScriptRun> run(Path project) {
    return run(project, EVENTS);
  }

  /**
   * As {@link #run(Path)}, for the given events only (e.g. pacote's {@code DirFetcher}, which runs
   * just {@code prepare} before packing a folder).
   *
   * @param project the project folder (holding package.json)
   * @param events the events, in order
   * @return the scripts that ran, in order
   * @throws ClientException {@code ELIFECYCLE} naming the event, command and exit code
   */
  public List<ScriptRun> run(Path project, List<String> events) {
    List<ScriptRun> ran = new ArrayList<>();
    if (options.ignoreScripts()) {
      return ran;
    }
    JsonNode pkg = ActualTree.packageJson(project).orElse(Json.object());
    for (String event : events) {
      Optional<String> script = script(project, pkg, event);
      if (script.isEmpty()) {
        continue;
      }
      String cmd = script.get();
      banner.ifPresent(b -> b.println(bannerText(pkg, event, cmd)));
      int code = runOne(project, pkg, event, cmd);
      ran.add(new ScriptRun("", event, cmd, code, ""));
      if (code != 0) {
        throw new ClientException(
            "ELIFECYCLE",
            "command failed\npath "
                + project
                + "\nevent "
                + event
                + "\ncommand "
                + options.scriptShell()
                + " -c "
                + cmd
                + "\ncode "
                + code);
      }
    }
    return ran;
  }

  /** run-script's banner, without the final newline. */
  static String bannerText(JsonNode pkg, String event, String cmd) {
    String id =
        pkg.path("name").isTextual() && pkg.path("version").isTextual()
            ? pkg.path("name").textValue() + "@" + pkg.path("version").textValue() + " "
            : "";
    return "\n> " + id + event + "\n> " + cmd.strip().replace("\n", "\n> ");
  }

  private static Optional<String> script(Path project, JsonNode pkg, String event) {
    JsonNode s = pkg.path("scripts");
    if (s.path(event).isTextual() && !s.path(event).textValue().isEmpty()) {
      return Optional.of(s.path(event).textValue());
    }
    if (event.equals("install")
        && !s.path("preinstall").isTextual()
        && Lifecycle.isGyp(project, pkg)) {
      return Optional.of(Lifecycle.NODE_GYP_DEFAULT);
    }
    return Optional.empty();
  }

  private int runOne(Path project, JsonNode pkg, String event, String cmd) {
    ProcessBuilder pb = new ProcessBuilder(options.scriptShell(), "-c", cmd);
    pb.directory(project.toFile());
    pb.inheritIO();
    Map<String, String> env = pb.environment();
    env.putAll(options.scriptEnv());
    env.putAll(environment(project, pkg, event, cmd, env.getOrDefault("PATH", "")));
    try {
      return pb.start().waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException("EINTR", "interrupted");
    }
  }

  Map<String, String> environment(
      Path project, JsonNode pkg, String event, String cmd, String inheritedPath) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String field : List.of("name", "version")) {
      if (pkg.path(field).isValueNode()) {
        env.put("npm_package_" + field, pkg.path(field).asText());
      }
    }
    for (String field : List.of("config", "engines", "bin")) {
      Lifecycle.flatten(pkg.get(field), "npm_package_" + field + "_", env);
    }
    env.put("npm_package_json", project.resolve("package.json").toString());
    env.put("npm_lifecycle_event", event);
    env.put("npm_lifecycle_script", cmd);
    env.put("INIT_CWD", options.scriptEnv().getOrDefault("INIT_CWD", project.toString()));
    env.put("PATH", Lifecycle.searchPath(project, options.extraPath(), inheritedPath));
    return env;
  }
}
