package dev.quoll.cli;

import dev.quoll.client.install.Operation;
import picocli.CommandLine.Command;

/**
 * {@code quoll dedupe} (alias {@code ddp}): npm 11's {@code dedupe}: re-resolves every package that
 * is installed more than once, preferring one shared copy.
 */
@Command(
    name = "dedupe",
    aliases = {"ddp"},
    mixinStandardHelpOptions = true,
    description = "Reduce duplication in the package tree.")
public final class DedupeCommand extends ReifyCommand {
  @Override
  Operation operation() {
    return new Operation.Dedupe();
  }
}
