package dev.quoll.client.tree;

import static dev.quoll.client.tree.Placement.CONFLICT;
import static dev.quoll.client.tree.Placement.KEEP;
import static dev.quoll.client.tree.Placement.OK;
import static dev.quoll.client.tree.Placement.REPLACE;

import dev.quoll.semver.Options;
import dev.quoll.semver.Semver;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * arborist 9's {@code CanPlaceDep}: whether a candidate node (in its virtual root, with its peer
 * set beside it) may be placed in a target folder for an edge, without changing the tree.
 *
 * <p>Contract: {@link #canPlace} is CONFLICT when the target already has a peer edge for the name
 * (and is not top), when nothing is there but the target's own edge would reject the candidate,
 * when a node of the name resolved from the target is depended on from inside the target and would
 * be shadowed by an unsuitable candidate, or when the candidate's peers cannot go beside it. With a
 * current node: KEEP when it is the same package or already satisfies the edge (unless the request
 * is explicit), REPLACE when the candidate is not older and every dependent of the current accepts
 * it (and peers fit), else CONFLICT unless the target is the deepest allowed folder, where
 * replacement is tried harder (peer sets of the current node may be clobbered or nested).
 */
final class CanPlace {
  final Node dep;
  final Node target;
  final Edge edge;
  final CanPlace parent;
  final List<Node> peerPath;
  final boolean explicitRequest;
  final boolean preferDedupe;
  final List<CanPlace> children = new ArrayList<>();
  final Node current;
  final Edge targetEdge;
  final boolean edgeOverride;
  Placement canPlace;
  Placement canPlaceSelf;
  private Placement canPlacePeers;

  CanPlace(
      Node dep,
      Node target,
      Edge edge,
      CanPlace parent,
      List<Node> peerPath,
      boolean explicitRequest,
      boolean preferDedupe) {
    this.dep = dep;
    this.target = target;
    this.edge = edge;
    this.parent = parent;
    this.peerPath = peerPath;
    this.explicitRequest = explicitRequest;
    this.preferDedupe = preferDedupe || edge.peer();
    this.current = target.children().get(edge.name());
    this.targetEdge = target.edgesOut().get(edge.name());
    this.edgeOverride = !edge.satisfiedBy(dep);
    this.canPlace = check();
    if (canPlaceSelf == null) {
      canPlaceSelf = canPlace;
    }
  }

  private Placement check() {
    if (dep.error().isPresent()) {
      return current != null ? REPLACE : OK;
    }
    if (targetEdge != null && targetEdge.peer() && !target.isTop()) {
      return CONFLICT;
    }
    if (current == null
        && targetEdge != null
        && !targetEdge.satisfiedBy(dep)
        && targetEdge != edge) {
      return CONFLICT;
    }
    return current != null ? checkCurrent() : checkNoCurrent();
  }

  private Placement checkCurrent() {
    if (NodeRules.matches(dep, current)) {
      if (edge.satisfiedBy(current) || edgeOverride) {
        return explicitRequest ? REPLACE : KEEP;
      }
    }
    String curVer = current.version().orElse("");
    String newVer = dep.version().orElse("");
    boolean tryReplace = !curVer.isEmpty() && !newVer.isEmpty() && gte(newVer, curVer);
    if (tryReplace && NodeRules.canReplace(dep, current)) {
      Placement cpp = canPlacePeers(REPLACE);
      if (cpp != CONFLICT) {
        return cpp;
      }
    }
    if (edge.satisfiedBy(current) && (!explicitRequest || preferDedupe)) {
      return KEEP;
    }
    if (preferDedupe && !tryReplace && NodeRules.canReplace(dep, current)) {
      Placement cpp = canPlacePeers(REPLACE);
      if (cpp != CONFLICT) {
        return cpp;
      }
    }
    if (target != deepestNestingTarget()) {
      return CONFLICT;
    }
    if (!edge.peer() && target == edge.from()) {
      return canPlacePeers(REPLACE);
    }
    if (parent == null && !edge.peer()) {
      return CONFLICT;
    }
    boolean canReplace = true;
    for (Map.Entry<Edge, Set<Node>> entry : PeerSets.peerEntrySets(current).entrySet()) {
      Edge entryEdge = entry.getKey();
      if (entryEdge == edge || entryEdge == peerEntryEdge()) {
        continue;
      }
      Node entryNode = entryEdge.target();
      Node depParent = dep.parentOrNull();
      Node entryRep = depParent.children().get(entryNode.name());
      if (entryRep != null
          && NodeRules.canReplaceWith(entryNode, entryRep, depParent.children().keySet())) {
        continue;
      }
      boolean canClobber = entryRep == null;
      if (entryRep == null) {
        canClobber = canClobber(entryNode, depParent);
      }
      if (canClobber) {
        continue;
      }
      for (Node currentPeer : entry.getValue()) {
        Node curDeep = PeerSets.deepestNestingTarget(entryEdge.from(), currentPeer.name());
        if (curDeep == target || target.isDescendantOf(curDeep)) {
          canReplace = false;
          break;
        }
      }
    }
    return canReplace ? canPlacePeers(REPLACE) : CONFLICT;
  }

  private static boolean canClobber(Node entryNode, Node depParent) {
    Set<Node> walk = new LinkedHashSet<>();
    List<Node> queue = new ArrayList<>();
    walk.add(entryNode);
    queue.add(entryNode);
    for (int i = 0; i < queue.size(); i++) {
      for (Edge e : queue.get(i).edgesOut().values()) {
        if (!e.peer() || !e.valid()) {
          continue;
        }
        Node rep = depParent.children().get(e.name());
        if (rep == null) {
          Node to = e.target();
          if (to != null && walk.add(to)) {
            queue.add(to);
          }
          continue;
        }
        if (!e.satisfiedBy(rep)) {
          return false;
        }
      }
    }
    return true;
  }

  private Placement checkNoCurrent() {
    Node cur = target != peerEntryEdge().from() ? target.resolve(edge.name()) : null;
    if (cur != null) {
      for (Edge e : cur.edgesIn()) {
        if (e.from().isDescendantOf(target) && e.valid() && !e.satisfiedBy(dep)) {
          return CONFLICT;
        }
      }
    }
    return canPlacePeers(OK);
  }

  private Node deepestNestingTarget() {
    Node start = parent != null ? parent.deepestNestingTarget() : edge.from();
    return PeerSets.deepestNestingTarget(start, edge.name());
  }

  private Placement canPlacePeers(Placement state) {
    canPlaceSelf = state;
    if (canPlacePeers != null) {
      return canPlacePeers;
    }
    List<Node> path = new ArrayList<>(peerPath);
    path.add(dep);
    boolean sawConflict = false;
    for (Edge peerEdge : dep.edgesOut().values()) {
      Node peer = peerEdge.target();
      if (!peerEdge.peer() || peer == null || path.contains(peer)) {
        continue;
      }
      Node t = PeerSets.deepestNestingTarget(target, peer.name());
      CanPlace cpp = new CanPlace(peer, t, peerEdge, this, path, false, true);
      children.add(cpp);
      if (cpp.canPlace == CONFLICT) {
        sawConflict = true;
      }
    }
    canPlacePeers = sawConflict ? CONFLICT : state;
    return canPlacePeers;
  }

  /** All descendant checks whose own answer was CONFLICT. */
  List<CanPlace> conflictChildren() {
    List<CanPlace> all = new ArrayList<>(children);
    for (int i = 0; i < all.size(); i++) {
      all.addAll(all.get(i).children);
    }
    return all.stream().filter(c -> c.canPlace == CONFLICT).toList();
  }

  private CanPlace top() {
    return parent != null ? parent.top() : this;
  }

  Edge peerEntryEdge() {
    return top().edge;
  }

  private static boolean gte(String a, String b) {
    if (Semver.valid(a, Options.LOOSE).isEmpty() || Semver.valid(b, Options.LOOSE).isEmpty()) {
      return false;
    }
    return Semver.gte(a, b, Options.LOOSE);
  }
}
