package dev.quoll.client.tree;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.semver.Options;
import dev.quoll.semver.Semver;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The questions arborist 9's {@code Node} answers about two nodes during placement: {@code matches}
 * (same package: integrity, else resolved, else name and version), {@code canReplaceWith} (every
 * dependent outside the node's own dependency set accepts the replacement), {@code canDedupe} (a
 * node can go because the same name one level up would serve its dependents), and the bundling
 * questions ({@code getBundler}).
 */
final class NodeRules {
  private NodeRules() {}

  /** arborist's {@code a.matches(b)}. */
  static boolean matches(Node a, Node b) {
    if (a == b) {
      return true;
    }
    if (!a.name().equals(b.name())) {
      return false;
    }
    if (a.isLink()) {
      return b.isLink() && matches(a.linkTarget().orElseThrow(), b.linkTarget().orElseThrow());
    }
    if (a.isProjectRoot() && b.isProjectRoot()) {
      return false;
    }
    if (a.integrity().isPresent() && b.integrity().isPresent()) {
      return a.integrity().equals(b.integrity());
    }
    if (a.resolved().isPresent() && b.resolved().isPresent()) {
      return a.resolved().equals(b.resolved());
    }
    return a.packageName().isPresent()
        && a.packageName().equals(b.packageName())
        && a.version().isPresent()
        && a.version().equals(b.version());
  }

  /** arborist's {@code current.canReplaceWith(replacement, ignorePeers)}. */
  static boolean canReplaceWith(Node current, Node replacement, Collection<String> ignorePeers) {
    if (!replacement.name().equals(current.name())) {
      return false;
    }
    if (!replacement.packageName().equals(current.packageName())) {
      return false;
    }
    if (!current.edgesOut().isEmpty() && replacement.overrides() != current.overrides()) {
      return false;
    }
    Set<String> ignore = new HashSet<>(ignorePeers);
    Set<Node> depSet =
        PeerSets.gatherDepSet(List.of(current), e -> e.target() != current && e.valid());
    for (Edge edge : current.edgesIn()) {
      if (!current.isTop()
          && edge.from().parentOrNull() == current.parentOrNull()
          && edge.peer()
          && ignore.contains(edge.from().name())) {
        continue;
      }
      if (!depSet.contains(edge.from()) && !edge.satisfiedBy(replacement)) {
        return false;
      }
    }
    return true;
  }

  /** {@code replacement.canReplace(current)}. */
  static boolean canReplace(Node replacement, Node current) {
    return canReplaceWith(current, replacement, List.of());
  }

  /** arborist's {@code node.canDedupe(preferDedupe, explicitRequest)}. */
  static boolean canDedupe(Node node, boolean preferDedupe, boolean explicitRequest) {
    if (inDepBundle(node)) {
      return false;
    }
    Node rp = node.resolveParent();
    if (rp == null || rp.resolveParent() == null) {
      return false;
    }
    if (node.edgesIn().isEmpty()) {
      return true;
    }
    Node other = rp.resolveParent().resolve(node.name());
    if (other == null) {
      return false;
    }
    if (matches(other, node)) {
      return true;
    }
    if (!canReplace(other, node)) {
      return false;
    }
    String ov = other.version().orElse("");
    String nv = node.version().orElse("");
    if (preferDedupe || safeEq(ov, nv)) {
      return true;
    }
    if (Semver.valid(ov, Options.LOOSE).isPresent()
        && Semver.valid(nv, Options.LOOSE).isPresent()
        && Semver.gt(ov, nv, Options.LOOSE)) {
      return true;
    }
    return explicitRequest;
  }

  private static boolean safeEq(String a, String b) {
    return Semver.valid(a, Options.LOOSE).isPresent()
        && Semver.valid(b, Options.LOOSE).isPresent()
        && Semver.eq(a, b, Options.LOOSE);
  }

  /** The names in a manifest's {@code bundleDependencies} (after normalization). */
  static List<String> bundled(Node node) {
    List<String> out = new ArrayList<>();
    JsonNode bd = node.pkg().get("bundleDependencies");
    if (bd != null && bd.isArray()) {
      bd.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  /** arborist's {@code getBundler}: the node whose bundle this node is part of, or null. */
  static Node bundler(Node node) {
    // every answer below is a parent whose bundleDependencies name a child, reached up the parent
    // chain: without such an ancestor the (graph-wide) search cannot find anything
    for (Node a = node.parentOrNull(); a == null || bundled(a).isEmpty(); a = a.parentOrNull()) {
      if (a == null) {
        return null;
      }
    }
    return bundler(node, new ArrayList<>());
  }

  private static Node bundler(Node node, List<Node> path) {
    if (path.contains(node)) {
      return null;
    }
    path.add(node);
    Node parent = node.parentOrNull();
    if (parent == null) {
      return null;
    }
    Node pb = bundler(parent, path);
    if (pb != null) {
      return pb;
    }
    if (bundled(parent).contains(node.name())) {
      return parent;
    }
    for (Edge e : node.edgesIn()) {
      Node eb = bundler(e.from(), path);
      if (eb != null && eb == parent) {
        return eb;
      }
    }
    return null;
  }

  /** Whether the node is bundled by a dependency (not by the root). */
  static boolean inDepBundle(Node node) {
    Node b = bundler(node);
    return b != null && b != node.root();
  }
}
