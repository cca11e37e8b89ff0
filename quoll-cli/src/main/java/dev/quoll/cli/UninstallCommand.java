package dev.quoll.cli;

import dev.quoll.client.install.Operation;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quoll uninstall <names>} (aliases {@code remove}, {@code rm}, {@code r}, {@code un},
 * {@code unlink}): npm 11's {@code uninstall}: removes the names from every dependency field of
 * package.json and from node_modules ({@code -D}/{@code -O}/{@code -P} are accepted and change
 * nothing, as in npm); with {@code -g}, from the global prefix ({@link GlobalInstall}).
 */
@Command(
    name = "uninstall",
    aliases = {"remove", "rm", "r", "un", "unlink"},
    mixinStandardHelpOptions = true,
    description = "Remove packages from package.json and node_modules.")
public final class UninstallCommand extends ReifyCommand {
  @Parameters(paramLabel = "<name>", arity = "1..*", description = "Package names.")
  List<String> names = new ArrayList<>();

  @Option(names = "--save", description = "Save to package.json and the lockfile (the default).")
  boolean saveFlag;

  @Option(names = "--no-save", description = "Save neither package.json nor the lockfile.")
  boolean noSave;

  @Option(
      names = {"-D", "--save-dev", "-O", "--save-optional", "-P", "--save-prod"},
      description =
          "Accepted as npm does: the names are removed from every dependency field anyway.")
  boolean saveType;

  @Option(
      names = {"-g", "--global"},
      description = "Remove packages from the global prefix (<prefix>/lib/node_modules).")
  boolean global;

  @Override
  public Integer call() {
    if (global) {
      return GlobalInstall.uninstall(client, names, dryRun);
    }
    return super.call();
  }

  @Override
  Operation operation() {
    return new Operation.Uninstall(names);
  }

  @Override
  boolean save() {
    return !noSave;
  }
}
