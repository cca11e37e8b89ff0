package dev.quoll.cli;

import dev.quoll.client.Redaction;
import dev.quoll.client.install.Phases;
import dev.quoll.core.CoreException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The {@code quoll} program's entry point ({@code main}) and how a failed command is reported. The
 * commands themselves are {@link QuollCommand}'s (picocli).
 *
 * <p>Why two classes: the launcher looks {@code main} up by reflection, which resolves the types in
 * every method signature of this class. picocli's {@code CommandLine} is a large class compiled for
 * Java 5, which the JDK's AOT cache cannot hold, so naming it here cost every run about 10 ms of
 * loading and verifying it, even the common {@code install} and {@code ci} lines that never use
 * picocli ({@link ReifyArgs}).
 *
 * <p>Exit codes: 0 on success, 1 when a command fails with a message, 2 on a usage error (picocli's
 * convention).
 */
public final class Quoll {
  private Quoll() {}

  /**
   * Runs the command line and ends the JVM with the command's exit code.
   *
   * <p>On success, with no other non-daemon thread alive, {@code main} just returns: the JVM then
   * ends exactly as after {@code System.exit(0)} (shutdown hooks run, exit code 0) but skips {@code
   * Runtime.exit}'s logging, whose first {@code System.getLogger} looks for a logger provider in
   * every jar on the class path (about 30 ms of a 0.1 s no-op install, measured with
   * async-profiler). Every other case calls {@link System#exit}.
   *
   * @param args the arguments after {@code quoll}
   */
  public static void main(String[] args) {
    int code = run(args);
    if (code != 0 || otherThreadsKeepRunning()) {
      System.exit(code);
    }
  }

  /** Whether a platform thread other than this one would keep the JVM alive after main. */
  private static boolean otherThreadsKeepRunning() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 16];
    int n = root.enumerate(threads, true);
    for (int i = 0; i < n; i++) {
      Thread t = threads[i];
      if (t != Thread.currentThread() && t.isAlive() && !t.isDaemon()) {
        return true;
      }
    }
    return n == threads.length; // more threads than the array held: assume the worst
  }

  /**
   * Runs a command line as {@link #main} does, without exiting: a no-op install is answered by
   * {@link NoOpInstall}, a common {@code install} or {@code ci} line is parsed without picocli
   * ({@link ReifyArgs}), and every other line goes through {@link QuollCommand#commandLine()}; the
   * output and exit code are the same on each path.
   *
   * @param args the arguments after {@code quoll}
   * @return the exit code
   */
  public static int run(String[] args) {
    Phases.mark("main");
    Optional<Integer> noop = NoOpInstall.tryRun(args, System.out);
    if (noop.isPresent()) {
      return noop.get();
    }
    Phases.mark("no-op check");
    Optional<ReifyArgs.Direct> direct = ReifyArgs.parse(args);
    return direct.isPresent() ? direct.get().execute() : QuollCommand.commandLine().execute(args);
  }

  /**
   * How a command's failure is reported: a {@link CoreException} as {@code quoll <command>:
   * <summary> (<code>)} and then npm's detail lines ({@link ErrorMessage}: npm 11's texts for
   * E401/EOTP, E404, E403, ETARGET, network codes, an ERESOLVE's explanation), an {@link
   * UncheckedIOException} as {@code quoll <command>: <message>}; both exit with 1. Messages pass
   * through npm's {@code redactLog} ({@link Redaction#log}), so a URL's password or an npm token
   * never reaches the terminal.
   *
   * @param e the exception the command threw
   * @param command the command's name, e.g. {@code install}
   * @param err where the lines go
   * @return the exit code; empty for any other exception (picocli then prints its stack trace)
   */
  static Optional<Integer> reported(Exception e, String command, PrintWriter err) {
    if (e instanceof CoreException ce) {
      ErrorMessage.Report r = ErrorMessage.of(ce);
      err.println("quoll " + command + ": " + Redaction.log(r.summary()) + " (" + r.code() + ")");
      for (String line : r.detail()) {
        err.println(Redaction.log(line));
      }
      return Optional.of(1);
    }
    if (e instanceof UncheckedIOException io) {
      err.println("quoll " + command + ": " + Redaction.log(io.getCause().getMessage()));
      return Optional.of(1);
    }
    return Optional.empty();
  }
}
