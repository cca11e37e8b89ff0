package dev.quoll.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

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
