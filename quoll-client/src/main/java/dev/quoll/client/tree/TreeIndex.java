package dev.quoll.client.tree;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A root's inventory (arborist's {@code Inventory}): its nodes in the order they joined the tree,
 * the nodes by name, and the outgoing edges by dependency name (so {@code edgesIn} is a lookup).
 * Kept up to date as subtrees join and leave the tree.
 */
final class TreeIndex {
  private final Set<Node> nodes = new LinkedHashSet<>();
  private final Map<String, Set<Node>> byName = new HashMap<>();
  private final Map<String, Set<Edge>> edgesByName = new HashMap<>();

  static TreeIndex of(Node root) {
    TreeIndex idx = new TreeIndex();
    idx.addSubtree(root);
    return idx;
  }

  void addSubtree(Node top) {
    List<Node> queue = new ArrayList<>();
    queue.add(top);
    for (int i = 0; i < queue.size(); i++) {
      Node n = queue.get(i);
      if (nodes.add(n)) {
        byName.computeIfAbsent(n.name(), k -> new LinkedHashSet<>()).add(n);
        for (Edge e : n.edgesOut().values()) {
          edgesByName.computeIfAbsent(e.name(), k -> new LinkedHashSet<>()).add(e);
        }
      }
      queue.addAll(n.children().values());
      queue.addAll(n.fsChildren());
    }
  }

  void removeSubtree(Node top) {
    List<Node> queue = new ArrayList<>();
    queue.add(top);
    for (int i = 0; i < queue.size(); i++) {
      Node n = queue.get(i);
      if (nodes.remove(n)) {
        Set<Node> named = byName.get(n.name());
        if (named != null) {
          named.remove(n);
        }
        for (Edge e : n.edgesOut().values()) {
          Set<Edge> es = edgesByName.get(e.name());
          if (es != null) {
            es.remove(e);
          }
        }
      }
      queue.addAll(n.children().values());
      queue.addAll(n.fsChildren());
    }
  }

  List<Node> nodes() {
    return List.copyOf(nodes);
  }

  List<Node> named(String name) {
    Set<Node> s = byName.get(name);
    return s == null ? List.of() : List.copyOf(s);
  }

  Set<Edge> edgesNamed(String name) {
    return edgesByName.getOrDefault(name, Set.of());
  }
}
