package dev.quoll.cli;

import dev.quoll.client.install.InstalledTree;
import dev.quoll.client.install.Outdated;
import dev.quoll.client.install.Project;
import dev.quoll.client.tree.Engines;
import dev.quoll.core.json.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code quoll outdated}: npm 11's {@code outdated} for the project's direct dependencies ({@link
 * Outdated}); exit code 1 when anything is outdated, as npm.
 */
@Command(
    name = "outdated",
    mixinStandardHelpOptions = true,
    description = "List direct dependencies with newer versions.")
public final class OutdatedCommand implements Callable<Integer> {
  @Mixin ClientOptions client;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    try (ClientSession session = ClientSession.open(client.flags(Map.of()))) {
      Project project = Project.read(session.project());
      List<Outdated.Row> rows =
          Outdated.of(InstalledTree.load(project), session.packuments(), Engines.detect());
      if (json) {
        System.out.println(Json.stringify(Outdated.json(rows, session.project()), "  "));
      } else {
        System.out.print(Outdated.table(rows, session.project().getFileName().toString()));
      }
      return rows.isEmpty() ? 0 : 1;
    }
  }
}
