package dev.quoll.cli;

import dev.quoll.client.install.Operation;
import picocli.CommandLine.Command;

/**
 * {@code quoll ci} (aliases {@code clean-install}, {@code install-clean}): npm 11's {@code ci}:
 * exactly the lockfile into an emptied node_modules; refuses (npm's {@code EUSAGE} message) when
 * there is no lockfile or package.json and the lockfile disagree; never writes package.json or the
 * lockfile.
 */
@Command(
    name = "ci",
    aliases = {"clean-install", "install-clean", "isntall-clean"},
    mixinStandardHelpOptions = true,
    description = "Clean install exactly what the lockfile says.")
public final class CiCommand extends ReifyCommand {
  @Override
  Operation operation() {
    return new Operation.Ci();
  }

  @Override
  boolean save() {
    return false;
  }
}
