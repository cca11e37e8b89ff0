package dev.quoll.e2e;

import dev.quoll.testkit.NpmOracle;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code quoll serve} process from the built distribution ({@code quoll-cli/target/quoll/lib}),
 * on a free port, with extra flags and environment; its output is kept for failure messages.
 */
final class ServeProcess implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+/)");

  private final Process process;
  private final String url;
  private final StringBuffer output = new StringBuffer();

  private ServeProcess(Process process, String url, BufferedReader rest) {
    this.process = process;
    this.url = url;
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                for (String line; (line = rest.readLine()) != null; ) {
                  output.append(line).append('\n');
                }
              } catch (IOException e) {
                // the process ended
              }
            });
  }

  /**
   * Starts {@code quoll serve --port 0 --uplink none <flags>} and waits until it listens.
   *
   * @param flags more flags, e.g. {@code --database ...}
   * @param env more environment variables (AWS credentials)
   */
  static ServeProcess start(List<String> flags, Map<String, String> env) throws Exception {
    Path lib = NpmOracle.repositoryRoot().resolve("quoll-cli/target/quoll/lib");
    if (!Files.isDirectory(lib)) {
      throw new IllegalStateException("build quoll-cli first (package phase)");
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1",
                "-Xmx256m",
                "-cp",
                lib + "/*",
                "dev.quoll.cli.Quoll",
                "serve",
                "--port",
                "0",
                "--uplink",
                "none"));
    cmd.addAll(flags);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    CompletableFuture<String> url =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String line; (line = out.readLine()) != null; ) {
                  seen.append(line).append('\n');
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    return m.group(1);
                  }
                }
              } catch (IOException e) {
                // fall through
              }
              return null;
            });
    String u = url.get(60, TimeUnit.SECONDS);
    if (u == null) {
      p.destroyForcibly();
      throw new IllegalStateException("quoll serve did not start:\n" + seen);
    }
    return new ServeProcess(p, u, out);
  }

  /** The node's URL, ending in {@code /}. */
  String url() {
    return url;
  }

  /** What the process printed after start-up (request log lines, errors). */
  String output() {
    return output.toString();
  }

  /** Kills the process with SIGKILL and waits for it to die. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(20, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
