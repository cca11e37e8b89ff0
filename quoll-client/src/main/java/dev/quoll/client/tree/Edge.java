package dev.quoll.client.tree;

import dev.quoll.core.CoreException;
import dev.quoll.core.spec.AliasSpec;
import dev.quoll.core.spec.FileSpec;
import dev.quoll.core.spec.GitSpec;
import dev.quoll.core.spec.PackageSpec;
import dev.quoll.core.spec.RegistrySpec;
import dev.quoll.core.spec.RemoteSpec;
import dev.quoll.semver.Options;
import dev.quoll.semver.Range;
import java.util.Optional;

/**
 * A dependency declaration of one node (arborist 9's {@code Edge}): its type, the name it wants and
 * the spec it asks for. The edge's target is not stored: it is whatever {@link Node#resolve} finds
 * from the declaring node, so it follows every change to the tree.
 *
 * <p>Validity follows arborist's {@code edge.error} and {@code dep-valid.js}: a missing target is
 * fine for optional edges and {@code MISSING} otherwise; a peer met by the dependent's own child is
 * {@code PEER LOCAL}; otherwise the target must satisfy the spec ({@code *} and the empty spec
 * accept anything, ranges and versions are node-semver loose ranges, a tag accepts any registry
 * resolution, an alias checks its sub-spec, a remote URL must equal the resolution, a workspace
 * must be a link; a link to a workspace meets a registry range by its version; a {@code file:}
 * folder wants a link to it and a {@code file:} tarball its {@code file:} resolution ({@link
 * LocalLinks}); git as {@link GitValid}).
 */
public final class Edge {
  private final Node from;
  private final EdgeType type;
  private final String name;
  private final String rawSpec;
  private String parsedFor;
  private PackageSpec parsed;
  private Range range;
  private boolean peerConflicted;

  Edge(Node from, EdgeType type, String name, String rawSpec) {
    this.from = from;
    this.type = type;
    this.name = name;
    this.rawSpec = rawSpec;
  }

  /** The node that declares the dependency. */
  public Node from() {
    return from;
  }

  /** The edge type. */
  public EdgeType type() {
    return type;
  }

  /** The dependency name (the folder name it must be found under). */
  public String name() {
    return name;
  }

  /** The spec in force: the declared spec, or the override that replaced it. */
  public String spec() {
    Overrides o = from.overrides();
    if (o == null) {
      return rawSpec;
    }
    Node src = from.sourceReference() != null ? from.sourceReference() : from;
    return o.specFor(name, rawSpec, NodeEdges.rootSpecs(src.root().pkg(), from.pkg()));
  }

  /** The spec as declared in the dependent's package.json. */
  public String rawSpec() {
    return rawSpec;
  }

  /** Whether an override replaced the declared spec. */
  public boolean overridden() {
    return !spec().equals(rawSpec);
  }

  /** Whether this is a peer edge. */
  public boolean peer() {
    return type.peer();
  }

  /** Whether a missing target is acceptable. */
  public boolean optional() {
    return type.optional();
  }

  /** Whether this is a dev edge. */
  public boolean dev() {
    return type.dev();
  }

  /** Whether a peer conflict on this edge was accepted (--force or --legacy-peer-deps rules). */
  public boolean peerConflicted() {
    return peerConflicted;
  }

  void markPeerConflicted() {
    peerConflicted = true;
  }

  /** The node this edge resolves to from its dependent, if any. */
  public Optional<Node> to() {
    return Optional.ofNullable(target());
  }

  Node target() {
    return from.resolve(name);
  }

  /**
   * arborist's {@code edge.error}: empty when valid, else {@code MISSING}, {@code PEER LOCAL} or
   * {@code INVALID}.
   */
  public Optional<String> error() {
    Node to = target();
    if (to == null) {
      return optional() ? Optional.empty() : Optional.of("MISSING");
    }
    if (peer() && to.parentOrNull() == from && !from.isTop()) {
      return Optional.of("PEER LOCAL");
    }
    return satisfiedBy(to) ? Optional.empty() : Optional.of("INVALID");
  }

  /** Whether the edge is met (no {@link #error()}). */
  public boolean valid() {
    return error().isEmpty();
  }

  /** arborist's {@code edge.satisfiedBy(node)}: whether {@code node} would meet this edge. */
  public boolean satisfiedBy(Node node) {
    if (!node.name().equals(name)) {
      return false;
    }
    if (type == EdgeType.WORKSPACE) {
      return node.isLink();
    }
    PackageSpec p = parsedSpec();
    if (p == null) {
      return false;
    }
    if (p instanceof AliasSpec alias) {
      p = alias.subSpec();
    }
    return switch (p) {
      case RegistrySpec reg -> registryValid(reg, node);
      case RemoteSpec remote -> node.resolved().equals(remote.fetchSpec());
      case FileSpec file -> LocalLinks.satisfies(file, node, from);
      case GitSpec git -> GitValid.satisfies(git, node);
      case AliasSpec nested -> false;
    };
  }

  private boolean registryValid(RegistrySpec reg, Node node) {
    String fetch = reg.fetchSpec().orElse("*");
    return switch (reg.type()) {
      case TAG ->
          node.resolved().map(r -> r.startsWith("http:") || r.startsWith("https:")).orElse(false);
      case RANGE, VERSION -> {
        if (fetch.equals("*")) {
          yield true;
        }
        if (range == null) {
          range = Range.tryParse(fetch, Options.LOOSE).orElse(null);
        }
        yield range != null && node.version().map(range::test).orElse(false);
      }
      default -> false;
    };
  }

  PackageSpec parsedSpec() {
    String spec = spec();
    if (!spec.equals(parsedFor)) {
      parsedFor = spec;
      parsed = null;
      range = null;
      try {
        parsed = PackageSpec.parse(name, spec.isEmpty() ? "*" : spec);
      } catch (CoreException e) {
        parsed = null;
      }
    }
    return parsed;
  }

  @Override
  public String toString() {
    return type.npmName() + " " + name + "@" + spec() + " from " + from.location();
  }
}
