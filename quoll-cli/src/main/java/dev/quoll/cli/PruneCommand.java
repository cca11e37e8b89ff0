package dev.quoll.cli;

import dev.quoll.client.install.Operation;
import picocli.CommandLine.Command;

/**
 * {@code quoll prune}: npm 11's {@code prune}: removes extraneous packages (and, with {@code
 * --omit}, the omitted types) from node_modules.
 */
@Command(
    name = "prune",
    mixinStandardHelpOptions = true,
    description = "Remove extraneous packages.")
public final class PruneCommand extends ReifyCommand {
  @Override
  Operation operation() {
    return new Operation.Prune();
  }
}
