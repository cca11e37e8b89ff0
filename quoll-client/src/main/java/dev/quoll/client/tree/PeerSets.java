package dev.quoll.client.tree;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * arborist 9's set helpers: {@code gatherDepSet} (the nodes reached from a start set that nothing
 * outside the set depends on), {@code peerEntrySets} (for a node in a peer group, each entry edge
 * into the group with the peer set it pulls in), and {@code deepestNestingTarget} (the deepest
 * folder a dependency may be placed in without breaking a peer edge).
 */
final class PeerSets {
  private PeerSets() {}

  static Set<Node> gatherDepSet(Collection<Node> start, Predicate<Edge> filter) {
    Set<Node> deps = new LinkedHashSet<>(start);
    List<Node> queue = new ArrayList<>(deps);
    for (int i = 0; i < queue.size(); i++) {
      for (Edge e : queue.get(i).edgesOut().values()) {
        Node to = e.target();
        if (to != null && filter.test(e) && deps.add(to)) {
          queue.add(to);
        }
      }
    }
    boolean changed = true;
    while (changed && !deps.isEmpty()) {
      changed = false;
      for (Node dep : new ArrayList<>(deps)) {
        for (Edge e : dep.edgesIn()) {
          if (!deps.contains(e.from()) && filter.test(e)) {
            changed = true;
            deps.remove(dep);
            break;
          }
        }
      }
    }
    return deps;
  }

  static Map<Edge, Set<Node>> peerEntrySets(Node node) {
    Set<Node> union = new LinkedHashSet<>();
    List<Node> queue = new ArrayList<>();
    union.add(node);
    queue.add(node);
    for (int i = 0; i < queue.size(); i++) {
      Node n = queue.get(i);
      for (Edge e : n.edgesOut().values()) {
        Node to = e.target();
        if (e.valid() && e.peer() && to != null && union.add(to)) {
          queue.add(to);
        }
      }
      for (Edge e : n.edgesIn()) {
        if (e.valid() && e.peer() && union.add(e.from())) {
          queue.add(e.from());
        }
      }
    }
    Map<Edge, Set<Node>> entrySets = new LinkedHashMap<>();
    for (Node peer : union) {
      for (Edge e : peer.edgesIn()) {
        if (!e.valid()) {
          continue;
        }
        if (!e.peer() || e.from().isTop()) {
          Set<Node> sub = new LinkedHashSet<>();
          List<Node> q = new ArrayList<>();
          sub.add(peer);
          q.add(peer);
          for (int i = 0; i < q.size(); i++) {
            for (Edge pe : q.get(i).edgesOut().values()) {
              Node to = pe.target();
              if (pe.valid() && pe.peer() && to != null && sub.add(to)) {
                q.add(to);
              }
            }
          }
          if (sub.contains(node)) {
            entrySets.put(e, sub);
          }
        }
      }
    }
    return entrySets;
  }

  static Node deepestNestingTarget(Node start, String name) {
    for (Node target : start.ancestry()) {
      if (target.isProjectRoot() || target.resolveParent() == null) {
        return target;
      }
      Edge te = target.edgesOut().get(name);
      if (te == null || !te.peer()) {
        return target;
      }
    }
    return start;
  }
}
