package dev.quoll.client.tree;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks after building (arborist 9's {@code optionalSet} and {@code #checkEngineAndPlatform}
 * for platforms and engines): an optional package that cannot be installed here (platform or {@link
 * Engines}), and every package only it needs, is marked inert (kept in the lockfile, skipped by
 * reify); a required package for another platform is {@code EBADPLATFORM} unless --force.
 */
final class TreeChecks {
  private TreeChecks() {}

  /**
   * arborist's {@code optionalSet(node)}: the node, its non-optional dependents, and their deps.
   */
  static Set<Node> optionalSet(Node node) {
    Set<Node> set = new LinkedHashSet<>();
    List<Node> q = new ArrayList<>();
    set.add(node);
    q.add(node);
    for (int i = 0; i < q.size(); i++) {
      for (Edge e : q.get(i).edgesIn()) {
        if (!e.optional() && set.add(e.from())) {
          q.add(e.from());
        }
      }
    }
    return PeerSets.gatherDepSet(set, e -> !set.contains(e.target()) && !e.from().inert());
  }

  static void markInert(Node root, Platform platform, boolean force) {
    for (Node node : root.inventory()) {
      if (node.isLink() || node == root) {
        continue;
      }
      if (!node.optional()) {
        if (!force && !platform.allows(node.pkg())) {
          throw badPlatform(node, platform);
        }
      } else if (!node.inert()
          && !(platform.allows(node.pkg()) && platform.engines().allows(node.pkg()))) {
        for (Node n : optionalSet(node)) {
          n.flags.inert = true;
        }
      }
    }
  }

  private static ResolveException badPlatform(Node node, Platform p) {
    ObjectNode wanted = Json.object();
    ObjectNode current = Json.object();
    for (String f : new String[] {"os", "cpu", "libc"}) {
      if (node.pkg().has(f)) {
        wanted.set(f, node.pkg().get(f));
        current.put(f, f.equals("os") ? p.os() : f.equals("cpu") ? p.cpu() : p.libc());
      }
    }
    String msg =
        "Unsupported platform for "
            + node.packageName().orElse(node.name())
            + "@"
            + node.version().orElse("")
            + ": wanted "
            + Json.stringify(wanted)
            + " (current: "
            + Json.stringify(current)
            + ")";
    return new ResolveException("EBADPLATFORM", msg, msg);
  }
}
