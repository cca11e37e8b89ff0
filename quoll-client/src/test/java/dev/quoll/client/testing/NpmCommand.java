package dev.quoll.client.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The command line of the real npm CLI against a {@link FakeRegistry} in a test: npm's own cache
 * under the test's temp directory, an empty user npmrc (so the developer's config is not read), and
 * no audit, fund or update-notifier requests. {@link #run} runs it and {@link #runOk} insists that
 * it succeeds.
 */
public final class NpmCommand {
  private static final long TIMEOUT_MINUTES = 5;

  private NpmCommand() {}

  /**
   * What one npm run gave.
   *
   * @param exit the exit code, or -1 if npm was still running after 5 minutes (it is then killed)
   * @param stdout standard output, UTF-8
   * @param stderr standard error, UTF-8
   */
  public record Result(int exit, String stdout, String stderr) {
    /** {@code npm <label> failed (exit N):} then stdout and stderr, for an assertion message. */
    public String failure(String label) {
      return "npm " + label + " failed (exit " + exit + "):\n" + stdout + stderr;
    }
  }

  /**
   * {@code npm <command> <args> --registry=... --cache=<tmp>/npm-cache
   * --userconfig=<tmp>/empty-npmrc --no-audit --no-fund --no-update-notifier}; writes the empty
   * npmrc.
   *
   * @throws IOException if the npmrc cannot be written
   */
  public static List<String> line(FakeRegistry registry, Path tmp, String command, String... args)
      throws IOException {
    Files.writeString(tmp.resolve("empty-npmrc"), "");
    List<String> cmd = new ArrayList<>(List.of("npm", command));
    cmd.addAll(List.of(args));
    cmd.addAll(
        List.of(
            "--registry=" + registry.url(),
            "--cache=" + tmp.resolve("npm-cache"),
            "--userconfig=" + tmp.resolve("empty-npmrc"),
            "--no-audit",
            "--no-fund",
            "--no-update-notifier"));
    return cmd;
  }

  /**
   * Runs {@link #line npm <command> <args>} in {@code dir} with the environment of this JVM plus
   * {@code env}; stderr goes through a file under {@code tmp} so neither stream can block npm.
   *
   * @throws IOException if npm cannot be started or its output not read
   * @throws InterruptedException if interrupted while waiting for npm
   */
  public static Result run(
      FakeRegistry registry,
      Path tmp,
      Path dir,
      Map<String, String> env,
      String command,
      String... args)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(line(registry, tmp, command, args)).directory(dir.toFile());
    pb.environment().putAll(env);
    Path err = Files.createTempFile(tmp, "npm-stderr", ".txt");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      p.destroyForcibly().waitFor();
      return new Result(-1, out, Files.readString(err));
    }
    return new Result(p.exitValue(), out, Files.readString(err));
  }

  /**
   * {@link #run(FakeRegistry, Path, Path, Map, String, String...)} with no added environment.
   *
   * @throws IOException if npm cannot be started or its output not read
   * @throws InterruptedException if interrupted while waiting for npm
   */
  public static Result run(
      FakeRegistry registry, Path tmp, Path dir, String command, String... args)
      throws IOException, InterruptedException {
    return run(registry, tmp, dir, Map.of(), command, args);
  }

  /**
   * {@link #run(FakeRegistry, Path, Path, String, String...)} that must exit 0.
   *
   * @return npm's stdout
   * @throws AssertionError with npm's output if it exits otherwise or times out
   * @throws IOException if npm cannot be started or its output not read
   * @throws InterruptedException if interrupted while waiting for npm
   */
  public static String runOk(
      FakeRegistry registry, Path tmp, Path dir, String command, String... args)
      throws IOException, InterruptedException {
    Result r = run(registry, tmp, dir, command, args);
    if (r.exit() != 0) {
      throw new AssertionError(r.failure(command + " " + String.join(" ", args)));
    }
    return r.stdout();
  }
}
