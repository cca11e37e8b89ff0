package dev.quoll.cli;

import dev.quoll.client.ClientException;
import dev.quoll.client.install.Operation;
import dev.quoll.core.spec.PackageSpec;
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

  /**
   * {@inheritDoc}
   *
   * @throws ClientException {@code EUPDATEARGS} when a name is not a bare package name (arborist
   *     build-ideal-tree: no ranges or tags, e.g. {@code a@^1.0.0})
   */
  @Override
  Operation operation() {
    for (String n : names) {
      String bare = PackageSpec.parse(n).name().orElse("");
      if (!bare.equals(n)) {
        throw new ClientException(
            "EUPDATEARGS",
            "Update arguments must only contain package names, eg:\n    npm update "
                + (bare.isEmpty() ? n : bare));
      }
    }
    return new Operation.Update(names);
  }
}
