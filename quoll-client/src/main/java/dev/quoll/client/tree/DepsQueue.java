package dev.quoll.client.tree;

import dev.quoll.core.tarball.NpmCollation;
import java.util.ArrayList;
import java.util.List;

/**
 * build-ideal-tree's queue of nodes whose dependencies need work: no duplicates, and each pop takes
 * the shallowest node, ties broken by location with {@code localeCompare(…, 'en')} — the
 * breadth-first order that decides which version of a package gets hoisted.
 */
final class DepsQueue {
  private final List<Node> deps = new ArrayList<>();
  private boolean sorted = true;

  void push(Node node) {
    if (!deps.contains(node)) {
      sorted = false;
      deps.add(node);
    }
  }

  boolean isEmpty() {
    return deps.isEmpty();
  }

  Node pop() {
    if (!sorted) {
      deps.sort(
          (a, b) -> {
            int d = Integer.compare(a.depth(), b.depth());
            return d != 0 ? d : NpmCollation.localeCompare(a.location(), b.location());
          });
      sorted = true;
    }
    return deps.removeFirst();
  }
}
