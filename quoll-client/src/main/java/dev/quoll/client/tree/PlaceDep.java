package dev.quoll.client.tree;

import static dev.quoll.client.tree.Placement.CONFLICT;
import static dev.quoll.client.tree.Placement.KEEP;

import dev.quoll.core.tarball.NpmCollation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * arborist 9's {@code PlaceDep}: places one dependency (and then its peers) for one edge.
 *
 * <p>Contract: walking from the deepest allowed folder toward the root, the dependency goes in the
 * shallowest folder where {@link CanPlace} does not answer CONFLICT (hoisting), stopping at the
 * first conflict. KEEP leaves the tree as it is (pruning what became dedupable); otherwise a copy
 * of the candidate is placed (replacing an old node and pruning the deps only it needed), nodes
 * below the folder that the new one makes redundant are pruned, and each peer of the placed node
 * that is not yet met is placed the same way. When nothing fits and the conflict is the project's
 * own (or --strict-peer-deps), an {@code ERESOLVE} {@link ResolveException} is thrown unless
 * --force; otherwise the best self-placement is used with a warning.
 */
final class PlaceDep {
  final PlaceSettings settings;
  final Node dep;
  final Edge edge;
  final PlaceDep parent;
  final boolean explicitRequest;
  final Node current;
  final List<PlaceDep> children = new ArrayList<>();
  final Set<Node> needEvaluation = new LinkedHashSet<>();
  CanPlace canPlace;
  CanPlace canPlaceSelf;
  Node placed;

  PlaceDep(PlaceSettings settings, Node dep, Edge edge, PlaceDep parent, boolean explicitRequest) {
    this.settings = settings;
    this.dep = dep;
    this.edge = edge;
    this.parent = parent;
    this.explicitRequest = explicitRequest;
    this.current = edge.target();
    if (current != null
        && edge.valid()
        && !explicitRequest
        && !settings.updateNames().contains(edge.name())) {
      return;
    }
    place();
  }

  private void place() {
    Node start = startNode();
    for (Node target : start.ancestry()) {
      Edge targetEdge = target.edgesOut().get(edge.name());
      if (!target.isTop() && targetEdge != null && targetEdge.peer()) {
        continue;
      }
      CanPlace cpd =
          new CanPlace(
              dep,
              target,
              edge,
              parent != null ? parent.canPlace : null,
              List.of(),
              explicitRequest,
              settings.preferDedupe());
      if (cpd.canPlaceSelf != CONFLICT) {
        canPlaceSelf = cpd;
      }
      if (cpd.canPlace != CONFLICT) {
        canPlace = cpd;
      } else {
        break;
      }
      if (dep.error().isPresent()) {
        break;
      }
    }
    if (canPlace == null) {
      if (!settings.force() && (isMine() || settings.strictPeerDeps())) {
        throw Eresolve.placeConflict(this, top().edge, top().dep);
      }
      if (canPlaceSelf == null) {
        warnPeerConflict(edge, dep);
        return;
      }
      canPlace = canPlaceSelf;
    }
    Node target = canPlace.target;
    Placement type = canPlace.canPlace == CONFLICT ? canPlace.canPlaceSelf : canPlace.canPlace;
    if (type == KEEP) {
      if (edge.peer() && !edge.valid()) {
        warnPeerConflict(edge, dep);
      }
      pruneDedupable(target, true);
      return;
    }
    Node virtualRoot = dep.parentOrNull();
    placed =
        new Node(
            NodeInit.of(
                    dep.name(),
                    dep.pkg(),
                    dep.resolved().orElse(null),
                    dep.integrity().orElse(null))
                .withError(dep.error().orElse(null))
                .withLink(dep.linkTarget().orElse(null))
                .withLegacyPeerDeps(settings.legacyPeerDeps())
                .withOverrides(dep.overrides()));
    Node oldDep = target.children().get(edge.name());
    if (oldDep != null) {
      replaceOldDep(oldDep);
    } else {
      placed.setParent(target);
    }
    if (edge.peer() && !edge.satisfiedBy(placed)) {
      warnPeerConflict(edge, dep);
    }
    Node edgeTo = edge.target();
    if (edge.valid() && edgeTo != null && edgeTo != placed) {
      pruneDedupable(edgeTo, false);
    }
    for (Node node : target.root().inventoryNamed(edge.name())) {
      if (node.root() != target.root()) {
        continue;
      }
      if (node.isDescendantOf(target) && !node.isTop()) {
        pruneDedupable(node, false);
        if (node.root() == target.root()) {
          for (Node kid : new ArrayList<>(node.children().values())) {
            pruneDedupable(kid, false);
          }
        }
      }
    }
    for (Edge peerEdge : placed.edgesOut().values()) {
      if (peerEdge.valid() || !peerEdge.peer() || peerEdge.peerConflicted()) {
        continue;
      }
      Node peer = virtualRoot == null ? null : virtualRoot.children().get(peerEdge.name());
      if (peer == null || !peerEdge.satisfiedBy(peer)) {
        continue;
      }
      children.add(new PlaceDep(settings, peer, peerEdge, this, explicitRequest));
    }
  }

  private void replaceOldDep(Node oldDep) {
    Node target = oldDep.parentOrNull();
    List<Node> oldDeps = new ArrayList<>();
    for (Map.Entry<String, Edge> e : oldDep.edgesOut().entrySet()) {
      Node to = e.getValue().target();
      if (!placed.edgesOut().containsKey(e.getKey()) && to != null) {
        oldDeps.addAll(PeerSets.gatherDepSet(List.of(to), x -> x.target() != to));
      }
    }
    List<Node> prunePeerSets = new ArrayList<>();
    for (Edge in : oldDep.edgesIn()) {
      if (in.satisfiedBy(placed)
          || !in.peer()
          || in.from().parentOrNull() != target
          || in.peerConflicted()) {
        continue;
      }
      for (Edge entryEdge : PeerSets.peerEntrySets(in.from()).keySet()) {
        Node entryNode = entryEdge.target();
        Node deepest = PeerSets.deepestNestingTarget(entryNode, "");
        if (deepest != target
            && !(entryEdge.from().isProjectRoot() || entryEdge.from().isWorkspace())) {
          prunePeerSets.addAll(
              PeerSets.gatherDepSet(
                  List.of(entryNode), x -> x.target() != entryNode && !x.peerConflicted()));
        } else {
          warnPeerConflict(in, dep);
        }
      }
    }
    // placed.replace(oldDep): take its place and adopt its children
    List<Node> kids = new ArrayList<>(oldDep.children().values());
    oldDep.setParent(null);
    placed.setParent(target);
    for (Node kid : kids) {
      kid.setParent(placed);
    }
    pruneForReplacement(oldDeps);
    for (Node d : prunePeerSets) {
      for (Edge in : d.edgesIn()) {
        needEvaluation.add(in.from());
      }
      d.setParent(null);
    }
  }

  private void pruneForReplacement(List<Node> oldDeps) {
    Set<Node> invalid = new LinkedHashSet<>();
    for (Edge e : placed.edgesOut().values()) {
      Node to = e.target();
      if (to != null && !e.valid()) {
        invalid.add(to);
      }
    }
    for (Node d : oldDeps) {
      invalid.addAll(PeerSets.gatherDepSet(List.of(d), e -> e.target() != d && e.valid()));
    }
    Set<Node> deps =
        PeerSets.gatherDepSet(
            invalid, e -> e.from() != placed && e.target() != placed && e.valid());
    for (Node d : deps) {
      d.setParent(null);
    }
  }

  private void pruneDedupable(Node node, boolean descend) {
    if (NodeRules.canDedupe(node, settings.preferDedupe(), explicitRequest)) {
      Set<Node> deps = PeerSets.gatherDepSet(List.of(node), e -> e.target() != node && e.valid());
      for (Node d : deps) {
        d.setParent(null);
      }
      return;
    }
    if (descend) {
      List<Node> kids = new ArrayList<>(node.children().values());
      kids.sort((a, b) -> NpmCollation.localeCompare(a.location(), b.location()));
      for (Node kid : kids) {
        pruneDedupable(kid, true);
      }
      for (Node fs : node.fsChildren()) {
        for (Node kid : fs.sortedChildren()) {
          pruneDedupable(kid, true);
        }
      }
    }
  }

  /** arborist's {@code isMine}: the conflict involves the project's own dependencies. */
  boolean isMine() {
    Edge topEdge = top().edge;
    Node node = topEdge.from();
    if (node.isWorkspace() || node.isProjectRoot()) {
      return true;
    }
    if (!topEdge.peer()) {
      return false;
    }
    boolean hasPeerEdges = false;
    for (Edge e : node.edgesIn()) {
      if (e.peer()) {
        hasPeerEdges = true;
        continue;
      }
      if (e.from().isWorkspace() || e.from().isProjectRoot()) {
        return true;
      }
    }
    if (hasPeerEdges) {
      for (Edge e : PeerSets.peerEntrySets(node).keySet()) {
        if (e.from().isWorkspace() || e.from().isProjectRoot()) {
          return true;
        }
      }
    }
    return false;
  }

  private void warnPeerConflict(Edge e, Node d) {
    e.markPeerConflicted();
    settings.warnings().add(Eresolve.warning(this, e, d));
  }

  PlaceDep top() {
    return parent != null ? parent.top() : this;
  }

  private Node startNode() {
    Node from = parent != null ? parent.startNode() : edge.from();
    return PeerSets.deepestNestingTarget(from, edge.name());
  }

  /** This placement and all its peer placements, breadth-first. */
  List<PlaceDep> allChildren() {
    List<PlaceDep> all = new ArrayList<>(children);
    for (int i = 0; i < all.size(); i++) {
      all.addAll(all.get(i).children);
    }
    return all;
  }
}
