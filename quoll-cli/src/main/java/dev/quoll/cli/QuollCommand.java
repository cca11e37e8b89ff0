package dev.quoll.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code quoll} command: the registry ({@code quoll serve}) and the npm-compatible client
 * commands. This is the composition root of the command line; each subcommand is one class.
 *
 * <p>Exit codes: as {@link Quoll}.
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
public final class QuollCommand implements Runnable {
  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  /**
   * The configured command line, for {@link Quoll#run} (every line {@link ReifyArgs} does not take)
   * and for tests that run commands in-process; a failure is reported by {@link Quoll#reported}.
   */
  public static CommandLine commandLine() {
    CommandLine root = new CommandLine(new QuollCommand());
    CommandLine serve = new CommandLine(new Serve());
    Serve.withConfigOptions(serve.getCommandSpec());
    root.addSubcommand("serve", serve);
    return root.setExecutionExceptionHandler(
        (e, cmd, parsed) ->
            Quoll.reported(e, cmd.getCommandName(), cmd.getErr()).orElseThrow(() -> e));
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
