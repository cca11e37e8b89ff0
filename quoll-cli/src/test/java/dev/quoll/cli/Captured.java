package dev.quoll.cli;

import dev.quoll.client.testing.FakeRegistry;
import dev.quoll.client.testing.NpmCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a command in this JVM with {@code System.out} and {@code System.err} captured (UTF-8),
 * restoring both afterwards; one run at a time, since the streams are global.
 */
final class Captured {
  private Captured() {}

  /**
   * What a run printed.
   *
   * @param code the exit code
   * @param out standard output
   * @param err standard error
   */
  record Output(int code, String out, String err) {}

  /** A command given the capturing streams, returning its exit code. */
  @FunctionalInterface
  interface Command {
    int run(PrintStream out, PrintStream err);
  }

  /**
   * Runs {@code command} with both streams captured.
   *
   * @param command the command
   * @return its exit code and what it printed
   */
  static synchronized Output run(Command command) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      System.setOut(o);
      System.setErr(e);
      code = command.run(o, e);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    return new Output(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * Runs {@code quoll <args> <extra>} with the flags npm's differential runs get ({@link
   * NpmCommand#line}: the fake registry, an empty user npmrc, no audit or fund), {@code --cache}
   * pointing at Quoll's own cache {@code <tmp>/quoll-cache}.
   *
   * @param registry the fake registry
   * @param tmp the test's folder (npmrc and caches)
   * @param extra flags after the arguments
   * @param args the command and its arguments
   * @return its exit code and what it printed
   * @throws IOException if the empty npmrc cannot be written
   */
  static Output quollLikeNpm(FakeRegistry registry, Path tmp, List<String> extra, String... args)
      throws IOException {
    List<String> line =
        new ArrayList<>(
            NpmCommand.line(
                registry,
                tmp,
                args[0],
                List.of(args).subList(1, args.length).toArray(String[]::new)));
    line.removeFirst();
    line.replaceAll(a -> a.startsWith("--cache=") ? "--cache=" + tmp.resolve("quoll-cache") : a);
    line.addAll(extra);
    return quoll(line.toArray(String[]::new));
  }

  /**
   * Runs {@code quoll <args>} through {@link Quoll#run} (main's paths: {@code install} and {@code
   * ci} skip picocli).
   *
   * @param args the command line without {@code quoll}
   * @return its exit code and what it printed
   */
  static Output quoll(String... args) {
    return run((o, e) -> Quoll.run(args));
  }
}
