package dev.quoll.cli;

import dev.quoll.client.install.FolderTree;
import dev.quoll.client.install.InstallResult;
import dev.quoll.client.tree.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code quoll update -g [names]}: npm 11's global update. Every global package (or each named one
 * that is installed; links are left alone) is installed again from {@code <name>@*} with its own
 * dependencies nested inside it, as {@code npm update -g} rebuilds the global tree with each top
 * package at {@code *} (arborist 9 buildIdealTree's global update). The summary counts, over the
 * packages below the updated folders, the locations that appeared ({@code added}), disappeared
 * ({@code removed}) or stayed ({@code changed}): arborist 9 diff.js calls a node changed when its
 * version differs or when the actual one has no integrity to compare, and a global package folder
 * records none.
 */
final class GlobalUpdate implements Callable<Integer> {
  private final ClientOptions client;
  private final List<String> names;
  private final boolean ignoreScripts;

  GlobalUpdate(ClientOptions client, List<String> names, boolean ignoreScripts) {
    this.client = client;
    this.names = List.copyOf(names);
    this.ignoreScripts = ignoreScripts;
  }

  @Override
  public Integer call() {
    long start = System.nanoTime();
    Path lib = GlobalInstall.prefix(client).resolve("lib");
    Node before = FolderTree.global(lib);
    List<String> specs = new ArrayList<>();
    List<String> tops = new ArrayList<>();
    for (Node top : before.children().values()) {
      if (top.isLink() || !names.isEmpty() && !names.contains(top.name())) {
        continue;
      }
      String real = top.packageName().orElse(top.name());
      specs.add(real.equals(top.name()) ? top.name() + "@*" : top.name() + "@npm:" + real + "@*");
      tops.add("node_modules/" + top.name());
    }
    if (!specs.isEmpty()) {
      new GlobalInstall(client, specs, ignoreScripts, false).installAll();
    }
    Map<String, String> old = versions(before, tops);
    Map<String, String> now = versions(FolderTree.global(lib), tops);
    int added = 0;
    int changed = 0;
    for (Map.Entry<String, String> e : now.entrySet()) {
      if (old.containsKey(e.getKey())) {
        changed++;
      } else {
        added++;
      }
    }
    int removed = (int) old.keySet().stream().filter(k -> !now.containsKey(k)).count();
    System.out.println();
    System.out.println(
        new InstallResult(added, removed, changed, now.size(), false, List.of(), List.of())
            .summary(InstallResult.ms((System.nanoTime() - start) / 1_000_000)));
    return 0;
  }

  /** Location to version of every package at or below the given top locations. */
  private static Map<String, String> versions(Node root, List<String> tops) {
    Map<String, String> out = new HashMap<>();
    for (Node n : root.inventory()) {
      String loc = n.location();
      for (String t : tops) {
        if (loc.equals(t) || loc.startsWith(t + "/")) {
          out.put(loc, n.version().orElse(""));
        }
      }
    }
    return out;
  }
}
