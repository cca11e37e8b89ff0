package dev.quoll.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.config.ConfigLoader;
import dev.quoll.client.install.FolderTree;
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
 * tree ({@link Listing}; with {@code -g}, the global packages read from their folders: {@link
 * FolderTree#global}), down to {@code --depth}. Exit code 1, with npm's {@code ELSPROBLEMS} lines
 * on stderr (and an {@code error} object in {@code --json}), when something is missing or invalid
 * (an extraneous package alone is not a failure), or when names were given and nothing matched
 * them, as npm.
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

  @Option(
      names = "--depth",
      paramLabel = "<n>",
      description = "How deep to show the tree (default: 0, or everything with --all or names).")
  int depth = -1;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Option(
      names = {"-g", "--global"},
      description = "List the global packages (<prefix>/lib/node_modules).")
  boolean global;

  @Override
  public Integer call() {
    int depthToPrint = Listing.depthToPrint(all, !names.isEmpty(), depth);
    Path project;
    Listing listing;
    if (global) {
      project = GlobalInstall.prefix(client).resolve("lib");
      listing = new Listing(FolderTree.global(project), project, depthToPrint, names);
    } else {
      project = ConfigLoader.forProcess(client.flags(Map.of())).localPrefix();
      listing =
          new Listing(InstalledTree.load(Project.read(project)), project, depthToPrint, names);
    }
    boolean failed = listing.failed();
    if (json) {
      ObjectNode o = listing.json();
      if (global) {
        // npm names a root that has a package object (the global root's is made up) by its folder
        ObjectNode named = Json.object();
        named.put("name", project.getFileName().toString());
        named.setAll(o);
        o = named;
      }
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
