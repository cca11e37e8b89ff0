package dev.quoll.cli;

import dev.quoll.client.config.ConfigLoader;
import dev.quoll.client.install.InstalledTree;
import dev.quoll.client.install.Listing;
import dev.quoll.client.install.Project;
import dev.quoll.core.json.Json;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code quoll ls} (aliases {@code list}, {@code la}, {@code ll}): npm 11's {@code ls}: the
 * installed packages as a tree ({@link Listing}); exit code 1 when something is missing, invalid or
 * extraneous, as npm.
 */
@Command(
    name = "ls",
    aliases = {"list"},
    mixinStandardHelpOptions = true,
    description = "List installed packages.")
public final class LsCommand implements Callable<Integer> {
  @Mixin ClientOptions client;

  @Option(
      names = {"-a", "--all"},
      description = "Show the whole tree, not only the top level.")
  boolean all;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    Path project = ConfigLoader.forProcess(client.flags(Map.of())).localPrefix();
    Listing listing = new Listing(InstalledTree.load(Project.read(project)), all);
    if (json) {
      System.out.println(Json.stringify(listing.json(), "  "));
    } else {
      System.out.print(listing.text(project.toString()));
    }
    return listing.problems().isEmpty() ? 0 : 1;
  }
}
