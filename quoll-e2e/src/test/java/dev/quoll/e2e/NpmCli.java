package dev.quoll.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the real npm CLI from PATH with an isolated user config and cache, against one registry.
 * Prompts (npm login's Username/Password/Email) are answered by watching the output and writing the
 * answer when the prompt text appears.
 */
final class NpmCli {
  private final Path userconfig;
  private Path cache;
  private String registry;

  NpmCli(Path userconfig, Path cache, String registry) {
    this.userconfig = userconfig;
    this.cache = cache;
    this.registry = registry;
  }

  void registry(String url) {
    this.registry = url;
  }

  void cache(Path dir) {
    this.cache = dir;
  }

  record Result(int exit, String output) {}

  Result run(Path dir, String... args) throws IOException, InterruptedException {
    return run(dir, Map.of(), args);
  }

  /**
   * Runs {@code npm <args> --registry <r> --userconfig <u> --cache <c>} in {@code dir}.
   *
   * @param answers prompt text to the line answered when it appears (each answered once)
   */
  Result run(Path dir, Map<String, String> answers, String... args)
      throws IOException, InterruptedException {
    return run(dir, answers, out -> {}, args);
  }

  /**
   * Like {@link #run(Path, Map, String...)}, and calls {@code watcher} with the whole output so far
   * after each chunk npm writes (on the reader thread; it must not block).
   */
  Result run(Path dir, Map<String, String> answers, Consumer<String> watcher, String... args)
      throws IOException, InterruptedException {
    List<Answer> list = new ArrayList<>();
    answers.forEach((k, v) -> list.add(new Answer(k, out -> v)));
    return run(dir, list, watcher, args);
  }

  /**
   * An answer to a prompt, computed from the output so far when the prompt appears (e.g. a TOTP
   * code from a secret npm printed).
   *
   * @param prompt text that triggers the answer (answered once)
   * @param reply the line to type, given the whole output so far
   */
  record Answer(String prompt, java.util.function.Function<String, String> reply) {}

  /** Like {@link #run(Path, Map, String...)} with answers computed when their prompt appears. */
  Result run(Path dir, List<Answer> answers, String... args)
      throws IOException, InterruptedException {
    return run(dir, answers, out -> {}, args);
  }

  /** The general form: computed answers and a watcher. */
  Result run(Path dir, List<Answer> answers, Consumer<String> watcher, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("npm"));
    cmd.addAll(List.of(args));
    cmd.addAll(
        List.of(
            "--registry",
            registry,
            "--userconfig",
            userconfig.toString(),
            "--cache",
            cache.toString(),
            "--no-audit",
            "--no-fund",
            "--no-update-notifier",
            "--loglevel",
            "notice"));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("NO_COLOR", "1");
    pb.environment().put("BROWSER", "true");
    Process p = pb.start();
    StringBuilder out = new StringBuilder();
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  var pending = new ArrayList<>(answers);
                  try (InputStream in = p.getInputStream();
                      OutputStream stdin = p.getOutputStream()) {
                    byte[] buf = new byte[4096];
                    for (int n; (n = in.read(buf)) > 0; ) {
                      String soFar;
                      synchronized (out) {
                        out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                        soFar = out.toString();
                      }
                      watcher.accept(soFar);
                      for (var it = pending.iterator(); it.hasNext(); ) {
                        var e = it.next();
                        if (soFar.contains(e.prompt())) {
                          stdin.write(
                              (e.reply().apply(soFar) + "\n").getBytes(StandardCharsets.UTF_8));
                          stdin.flush();
                          it.remove();
                        }
                      }
                    }
                  } catch (IOException e) {
                    // the process ended
                  }
                });
    if (answers.isEmpty()) {
      p.getOutputStream().close();
    }
    boolean done = p.waitFor(3, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly();
    }
    reader.join(5_000);
    synchronized (out) {
      return new Result(done ? p.exitValue() : -1, out.toString());
    }
  }
}
