package dev.quoll.cli;

import dev.quoll.client.Redaction;
import dev.quoll.client.install.Phases;
import dev.quoll.core.CoreException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code quoll} command: the registry ({@code quoll serve}) and the npm-compatible client
 * commands. This is the composition root of the command line; each subcommand is one class.
 *
 * <p>Exit codes: 0 on success, 1 when a command fails with a message, 2 on a usage error (picocli's
 * convention).
 */
@Command(
    name = "quoll",
    mixinStandardHelpOptions = true,
    versionProvider = QuollVersion.class,
    description = "Quoll: the npm registry, website and client.",
    subcommands = {
      CommandLine.HelpCommand.class,
      PackCommand.class,
      MigrateCommand.class,
      AdminCommand.class,
      OrgCommand.class,
      InstallCommand.class,
      CiCommand.class,
      UninstallCommand.class,
      UpdateCommand.class,
      LsCommand.class,
      OutdatedCommand.class,
      DedupeCommand.class,
      PruneCommand.class
    })
public final class Quoll implements Runnable {
  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  /**
   * Runs the command line and exits the JVM with the command's exit code.
   *
   * @param args the arguments after {@code quoll}
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs a command line as {@link #main} does, without exiting: a no-op install is answered by
   * {@link NoOpInstall}, a common {@code install} or {@code ci} line is parsed without picocli
   * ({@link ReifyArgs}), and every other line goes through {@link #commandLine()}; the output and
   * exit code are the same on each path.
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
    return direct.isPresent() ? direct.get().execute() : commandLine().execute(args);
  }

  /** The configured command line, for {@link #main} and for tests that run commands in-process. */
  public static CommandLine commandLine() {
    CommandLine root = new CommandLine(new Quoll());
    CommandLine serve = new CommandLine(new Serve());
    Serve.withConfigOptions(serve.getCommandSpec());
    root.addSubcommand("serve", serve);
    return root.setExecutionExceptionHandler(
        (e, cmd, parsed) -> reported(e, cmd.getCommandName(), cmd.getErr()).orElseThrow(() -> e));
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

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
