package dev.quoll.cli;

import dev.quoll.core.CoreException;
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
    java.util.Optional<Integer> noop = NoOpInstall.tryRun(args, System.out);
    System.exit(noop.isPresent() ? noop.get() : commandLine().execute(args));
  }

  /** The configured command line, for {@link #main} and for tests that run commands in-process. */
  public static CommandLine commandLine() {
    CommandLine root = new CommandLine(new Quoll());
    CommandLine serve = new CommandLine(new Serve());
    Serve.withConfigOptions(serve.getCommandSpec());
    root.addSubcommand("serve", serve);
    return root.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof CoreException ce) {
            cmd.getErr()
                .println(
                    "quoll "
                        + cmd.getCommandName()
                        + ": "
                        + ce.getMessage()
                        + " ("
                        + ce.code()
                        + ")");
            if (ce instanceof dev.quoll.client.tree.ResolveException re
                && !re.explanation().equals(re.getMessage())) {
              cmd.getErr().println(re.explanation());
            }
            return 1;
          }
          if (e instanceof java.io.UncheckedIOException io) {
            cmd.getErr()
                .println("quoll " + cmd.getCommandName() + ": " + io.getCause().getMessage());
            return 1;
          }
          throw e;
        });
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
