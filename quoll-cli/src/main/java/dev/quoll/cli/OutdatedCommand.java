package dev.quoll.cli;

import dev.quoll.client.install.FolderTree;
import dev.quoll.client.install.InstalledTree;
import dev.quoll.client.install.Outdated;
import dev.quoll.client.install.Project;
import dev.quoll.client.tree.Engines;
import dev.quoll.client.tree.Node;
import dev.quoll.core.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code quoll outdated}: npm 11's {@code outdated} for the project's direct dependencies ({@link
 * Outdated}), or with {@code -g} for the global packages (each against {@code *}, depended by
 * {@code global}); exit code 1 when anything is outdated, as npm.
 */
@Command(
    name = "outdated",
    mixinStandardHelpOptions = true,
    description = "List direct dependencies with newer versions.")
public final class OutdatedCommand implements Callable<Integer> {
  @Mixin ClientOptions client;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Option(
      names = {"-g", "--global"},
      description = "The global packages (<prefix>/lib/node_modules), each against its latest.")
  boolean global;

  @Override
  public Integer call() {
    Map<String, String> extra = global ? Map.of("global", "true") : Map.of();
    try (ClientSession session = ClientSession.open(client.flags(extra))) {
      Path folder = global ? GlobalInstall.prefix(client).resolve("lib") : session.project();
      Node tree = global ? FolderTree.global(folder) : InstalledTree.load(Project.read(folder));
      List<Outdated.Row> rows = Outdated.of(tree, session.packuments(), Engines.detect());
      // npm 11 outdated.js: a global package has no edge, so its dependent is "global"
      String dependent = global ? "global" : folder.getFileName().toString();
      if (json) {
        System.out.println(Json.stringify(Outdated.json(rows, folder, dependent), "  "));
      } else {
        System.out.print(Outdated.table(rows, dependent));
      }
      return rows.isEmpty() ? 0 : 1;
    }
  }
}
