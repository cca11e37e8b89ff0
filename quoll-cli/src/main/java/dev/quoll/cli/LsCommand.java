package dev.quoll.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.config.ConfigLoader;
import dev.quoll.client.install.InstalledTree;
import dev.quoll.client.install.Listing;
import dev.quoll.client.install.Project;
import dev.quoll.core.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quoll ls [names]} (alias {@code list}): npm 11's {@code ls}: the installed packages as a
 * tree ({@link Listing}; with {@code -g}, the global packages: {@link GlobalListing}). Exit code 1,
 * with npm's {@code ELSPROBLEMS} lines on stderr (and an {@code error} object in {@code --json}),
 * when something is missing or invalid (an extraneous package alone is not a failure), or when
 * names were given and nothing matched them, as npm.
 */
@Command(
    name = "ls",
    aliases = {"list"},
    mixinStandardHelpOptions = true,
    description = "List installed packages.")
public final class LsCommand implements Callable<Integer> {
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "<name>", description = "Only packages matching name or name@range.")
  List<String> names = new ArrayList<>();

  @Option(
      names = {"-a", "--all"},
      description = "Show the whole tree, not only the top level.")
  boolean all;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Option(
      names = {"-g", "--global"},
      description = "List the global packages (<prefix>/lib/node_modules).")
  boolean global;

  @Override
  public Integer call() {
    if (global) {
      GlobalListing g = new GlobalListing(GlobalInstall.prefix(client).resolve("lib"));
      System.out.print(json ? Json.stringify(g.json(), "  ") + "\n" : g.text());
      return 0;
    }
    Path project = ConfigLoader.forProcess(client.flags(Map.of())).localPrefix();
    Listing listing = new Listing(InstalledTree.load(Project.read(project)), project, all, names);
    boolean failed = listing.failed();
    if (json) {
      ObjectNode o = listing.json();
      if (failed) {
        ObjectNode error = o.putObject("error");
        error.put("code", "ELSPROBLEMS");
        error.put("summary", String.join("\n", listing.problems()));
        error.put("detail", "");
      }
      System.out.println(Json.stringify(o, "  "));
    } else {
      System.out.print(listing.text());
    }
    if (failed) {
      System.err.println("npm error code ELSPROBLEMS");
      for (String p : listing.problems()) {
        System.err.println("npm error " + p);
      }
    }
    return failed || !listing.matched() ? 1 : 0;
  }
}
