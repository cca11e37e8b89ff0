package dev.quoll.client.tree;

import dev.quoll.core.tarball.NpmCollation;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * build-ideal-tree's candidate selection ({@code #nodeFromEdge}, {@code #virtualRoot}, {@code
 * #loadPeerSet}): a dependency is resolved into a virtual root that mirrors its dependent, and its
 * peer dependencies are resolved beside it, preferring the dependent's own spec for the same name.
 *
 * <p>Contract: a peer that cannot be met beside its dependent is marked peer-conflicted when the
 * conflict is acceptable (--force, or neither the project's own nor --strict-peer-deps, or the
 * dependent is not required), else an {@code ERESOLVE} {@link ResolveException} is thrown with
 * npm's explanation.
 */
final class PeerSetLoader {
  private final NodeFactory factory;
  private final IdealTreeRequest.ResolveOptions options;
  private final Map<Node, Node> virtualRoots = new IdentityHashMap<>();
  private final Map<Node, Node> peerSetSource = new IdentityHashMap<>();

  PeerSetLoader(NodeFactory factory, IdealTreeRequest.ResolveOptions options) {
    this.factory = factory;
    this.options = options;
  }

  /** The node whose virtual root a candidate came from, else the node itself. */
  Node peerSetSource(Node node) {
    return peerSetSource.getOrDefault(node, node);
  }

  Node nodeFromEdge(Edge edge, Node parentIn, Edge secondEdge, Set<Node> required) {
    Node parent = parentIn != null ? parentIn : virtualRoot(edge.from(), false);
    Node first = factory.nodeFor(edge.name(), edge, parent);
    Node second =
        secondEdge != null && !secondEdge.valid()
            ? factory.nodeFor(edge.name(), secondEdge, parent)
            : null;
    Node node = second != null && edge.valid() ? second : first;
    node.setParent(parent);
    if (required.contains(edge.from()) && edge.type() != EdgeType.PEER_OPTIONAL
        || secondEdge != null
            && required.contains(secondEdge.from())
            && secondEdge.type() != EdgeType.PEER_OPTIONAL) {
      required.add(node);
    }
    peerSetSource.put(node, parent.sourceReference());
    return loadPeerSet(node, required);
  }

  Node virtualRoot(Node node, boolean reuse) {
    if (reuse && virtualRoots.containsKey(node)) {
      return virtualRoots.get(node);
    }
    Node vr =
        new Node(
            NodeInit.of(node.name(), node.pkg(), null, null)
                .withSource(node)
                .withTop(node.isTop())
                .withLegacyPeerDeps(options.legacyPeerDeps())
                .withOverrides(node.overrides()));
    virtualRoots.put(node, vr);
    return vr;
  }

  Node loadPeerSet(Node node, Set<Node> required) {
    List<Edge> peerEdges = new ArrayList<>();
    for (Edge e : node.edgesOut().values()) {
      if (e.peer() && !(e.valid() && e.target() != null)) {
        peerEdges.add(e);
      }
    }
    peerEdges.sort((a, b) -> NpmCollation.localeCompare(a.name(), b.name()));
    for (Edge edge : peerEdges) {
      Node parent = node.parentOrNull();
      if (parent == null) {
        break;
      }
      if (edge.valid() && edge.target() != null) {
        continue;
      }
      Edge parentEdge = parent.edgesOut().get(edge.name());
      Node srcRef = parent.sourceReference();
      boolean isMine = srcRef != null && (srcRef.isProjectRoot() || srcRef.isWorkspace());
      boolean conflictOk = options.force() || !isMine && !options.strictPeerDeps();
      if (edge.target() == null) {
        if (parentEdge == null) {
          nodeFromEdge(edge, parent, null, required);
          continue;
        }
        Node dep = nodeFromEdge(parentEdge, parent, edge, required);
        if (edge.valid()) {
          continue;
        }
        if (conflictOk || !required.contains(dep)) {
          edge.markPeerConflicted();
          continue;
        }
        if (node.parentOrNull() == null) {
          break;
        }
        throw Eresolve.peerSetConflict(edge, parentEdge, options.strictPeerDeps());
      }
      Node current = edge.target();
      Node dep = nodeFromEdge(edge, null, null, required);
      if (NodeRules.canReplace(dep, current)) {
        nodeFromEdge(edge, node.parentOrNull(), null, required);
        continue;
      }
      if (conflictOk || !required.contains(edge.from())) {
        continue;
      }
      throw Eresolve.peerSetConflict(edge, parentEdge, options.strictPeerDeps());
    }
    return node;
  }
}
