package dev.quoll.cli;

import dev.quoll.client.install.Operation;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code quoll update [names]} (aliases {@code up}, {@code upgrade}): npm 11's {@code update}:
 * re-resolves the named packages (all when none are named) to the newest versions their ranges
 * allow and writes the lockfile; package.json's ranges are not changed.
 */
@Command(
    name = "update",
    aliases = {"up", "upgrade", "udpate"},
    mixinStandardHelpOptions = true,
    description = "Update packages to the newest versions their ranges allow.")
public final class UpdateCommand extends ReifyCommand {
  @Parameters(paramLabel = "<name>", description = "Package names (default: all).")
  List<String> names = new ArrayList<>();

  @Override
  Operation operation() {
    return new Operation.Update(names);
  }
}
