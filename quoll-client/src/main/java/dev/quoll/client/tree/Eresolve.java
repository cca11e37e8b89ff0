package dev.quoll.client.tree;

import java.util.ArrayList;
import java.util.List;

/**
 * npm 11's ERESOLVE explanations: arborist's {@code node.explain()} / {@code edge.explain()}
 * shapes, rendered as npm's {@code explain-eresolve.js} report at depth 4 (dependents listed up to
 * half the remaining depth, the rest summarized as "N more (names)").
 */
final class Eresolve {
  private Eresolve() {}

  record NodeExpl(
      String name,
      String version,
      String location,
      boolean root,
      String whileInstalling,
      List<EdgeExpl> dependents) {}

  record EdgeExpl(String type, String name, String spec, String rawSpec, NodeExpl from) {}

  static NodeExpl explain(Node node, Edge via, List<Node> seen) {
    if (node.isProjectRoot() && node.sourceReference() == null) {
      return new NodeExpl(null, null, null, true, null, List.of());
    }
    Node r = node.root();
    String whileInstalling =
        r.sourceReference() != null
            ? r.packageName().orElse("") + "@" + r.version().orElse("")
            : null;
    if (node.sourceReference() != null) {
      return explain(node.sourceReference(), via, seen);
    }
    String name =
        node.isProjectRoot() || node.isTop() ? node.packageName().orElse(null) : node.name();
    String version = node.version().orElse(null);
    if (seen.contains(node)) {
      return new NodeExpl(name, version, null, false, whileInstalling, List.of());
    }
    List<Node> seen2 = new ArrayList<>(seen);
    seen2.add(node);
    List<EdgeExpl> deps = new ArrayList<>();
    if (via != null) {
      deps.add(explain(via, seen2));
    } else {
      for (Edge e : node.edgesIn()) {
        if (!e.valid() && !e.from().isProjectRoot()) {
          continue;
        }
        deps.add(explain(e, seen2));
      }
    }
    return new NodeExpl(name, version, node.location(), false, whileInstalling, deps);
  }

  static EdgeExpl explain(Edge edge, List<Node> seen) {
    return new EdgeExpl(
        edge.type().npmName(),
        edge.name(),
        edge.spec(),
        edge.rawSpec(),
        explain(edge.from(), null, seen));
  }

  static String printNode(NodeExpl n) {
    return n.name()
        + "@"
        + n.version()
        + (n.location() != null && !n.location().isEmpty() ? "\n" + n.location() : "");
  }

  static String explainNode(NodeExpl n, int depth) {
    return printNode(n) + explainDependents(n, depth);
  }

  private static String explainDependents(NodeExpl n, int depth) {
    List<EdgeExpl> deps = n.dependents();
    if (deps.isEmpty() || depth <= 0) {
      return "";
    }
    int max = (depth + 1) / 2;
    List<String> messages = new ArrayList<>();
    for (int i = 0; i < Math.min(max, deps.size()); i++) {
      messages.add(explainEdge(deps.get(i), depth));
    }
    if (deps.size() > max) {
      int len = 0;
      List<String> show = new ArrayList<>();
      for (int i = max; i < deps.size(); i++) {
        String depName =
            deps.get(i).from().name() == null ? "the root project" : deps.get(i).from().name();
        len += depName.length();
        if (len >= 50 && i < deps.size() - 1) {
          show.add("...");
          break;
        }
        show.add(depName);
      }
      messages.add((deps.size() - max) + " more (" + String.join(", ", show) + ")");
    }
    return ("\n" + String.join("\n", messages)).replace("\n", "\n  ");
  }

  static String explainEdge(EdgeExpl e, int depth) {
    String dep = e.name() + "@\"" + e.spec() + "\"";
    if (!e.spec().equals(e.rawSpec())) {
      dep = "overridden " + dep + " (was \"" + e.rawSpec() + "\")";
    }
    String from =
        e.from().root() || (e.from().name() == null && e.from().version() == null)
            ? "the root project"
            : printNode(e.from()) + explainDependents(e.from(), depth - 1);
    return (e.type().equals("prod") ? "" : e.type() + " ") + dep + " from " + from;
  }

  /** The report for a conflict: npm's {@code explain()} plus the fix advice. */
  static String report(
      NodeExpl current,
      NodeExpl peerCurrent,
      NodeExpl peer,
      EdgeExpl currentEdge,
      EdgeExpl edge,
      NodeExpl dep,
      boolean strict) {
    List<String> out = new ArrayList<>();
    String whileInstalling =
        dep != null && dep.whileInstalling() != null
            ? dep.whileInstalling()
            : current != null && current.whileInstalling() != null
                ? current.whileInstalling()
                : edge.from().whileInstalling();
    if (whileInstalling != null) {
      out.add("While resolving: " + whileInstalling);
    }
    if (current != null) {
      out.add("Found: " + explainNode(current, 4));
    } else if (peerCurrent != null) {
      out.add("Found: " + explainNode(peerCurrent, 4));
    } else if (currentEdge != null) {
      out.add("Found: " + explainEdge(currentEdge, 4));
    } else {
      out.add("Found: " + explainEdge(edge, 4));
    }
    out.add("\nCould not resolve dependency:\n" + explainEdge(edge, 4));
    if (peer != null) {
      out.add("\nConflicting peer dependency: " + explainNode(peer, 4));
    }
    String flags =
        strict
            ? "--no-strict-peer-deps, --force, or --legacy-peer-deps"
            : "--force or --legacy-peer-deps";
    return String.join("\n", out)
        + "\n\nFix the upstream dependency conflict, or retry this command with "
        + flags
        + " to accept an incorrect (and potentially broken) dependency resolution.";
  }

  /** PlaceDep's failure: the top edge could not be placed. */
  static ResolveException placeConflict(PlaceDep pd, Edge edge, Node dep) {
    Node curNode = edge.from().resolve(edge.name());
    EdgeExpl edgeExpl = explain(edge, List.of());
    NodeExpl depExpl = explain(dep, edge, List.of());
    NodeExpl current;
    NodeExpl peerCurrent = null;
    NodeExpl peer = null;
    if (pd.parent != null) {
      current = curNode == null ? null : explain(curNode, edge, List.of());
    } else {
      current = curNode == null ? null : explain(curNode, null, List.of());
      if (pd.canPlaceSelf != null && pd.canPlaceSelf.canPlaceSelf != Placement.CONFLICT) {
        for (CanPlace c : pd.canPlaceSelf.conflictChildren()) {
          if (c.current != null) {
            peerCurrent = explain(c.current, null, List.of());
            peer = explain(c.dep, c.edge, List.of());
            break;
          }
        }
      } else {
        peerCurrent = pd.current == null ? null : explain(pd.current, null, List.of());
        peer = explain(pd.dep, pd.edge, List.of());
      }
    }
    String text =
        report(current, peerCurrent, peer, null, edgeExpl, depExpl, pd.settings.strictPeerDeps());
    return new ResolveException("ERESOLVE", "could not resolve", text);
  }

  /** build-ideal-tree's failure while loading a peer set. */
  static ResolveException peerSetConflict(Edge edge, Edge currentEdge, boolean strict) {
    Node curNode = edge.from().resolve(edge.name());
    NodeExpl current = curNode == null ? null : explain(curNode, null, List.of());
    EdgeExpl ce = currentEdge == null ? null : explain(currentEdge, List.of());
    String text = report(current, null, null, ce, explain(edge, List.of()), null, strict);
    return new ResolveException("ERESOLVE", "unable to resolve dependency tree", text);
  }

  /** The warning npm logs when it overrides a peer dependency. */
  static String warning(PlaceDep pd, Edge edge, Node dep) {
    Node curNode = edge.from().resolve(edge.name());
    NodeExpl current = curNode == null ? null : explain(curNode, null, List.of());
    return "ERESOLVE overriding peer dependency\n"
        + report(
            current,
            null,
            null,
            null,
            explain(edge, List.of()),
            explain(dep, edge, List.of()),
            pd.settings.strictPeerDeps());
  }
}
