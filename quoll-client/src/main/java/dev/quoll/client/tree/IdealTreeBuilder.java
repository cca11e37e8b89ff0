package dev.quoll.client.tree;

import static dev.quoll.client.tree.Placement.OK;
import static dev.quoll.client.tree.Placement.REPLACE;

import dev.quoll.core.tarball.NpmCollation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds npm 11's ideal tree (arborist 9's {@code buildIdealTree}).
 *
 * <p>Contract: starting from the root (and the lockfile tree when given, whose nodes are kept while
 * they still satisfy their dependents), nodes are taken breadth-first (shallowest first, then by
 * location); for each, every missing or invalid edge (plus explicitly requested and updated names)
 * gets a candidate node chosen with its peer set in a virtual root, and the candidates are placed
 * in name order by {@link PlaceDep} (hoisted as high as possible without conflict). Nodes whose
 * dependents became invalid are re-queued. Workspace folders are processed after the main queue
 * drains, as arborist's link resolution does. Afterwards: a failed non-optional package fails the
 * build (its error is thrown); dep flags are computed ({@link DepFlags}); with a lockfile,
 * extraneous nodes are pruned; optional packages that cannot be installed on the {@link Platform}
 * (and what only they need) are marked inert, while a required one fails with {@code EBADPLATFORM}.
 */
public final class IdealTreeBuilder {
  private final PackumentSource source;
  private final SourceFetcher fetcher;

  /**
   * A builder for registry specs only (other kinds fail with {@code EUNSUPPORTEDPROTOCOL}).
   *
   * @param source where packuments come from
   */
  public IdealTreeBuilder(PackumentSource source) {
    this(source, SourceFetcher.none());
  }

  /**
   * A builder for every spec kind: registry specs and aliases through {@code source}, {@code file:}
   * folders as links, tarballs and git through {@code fetcher}.
   *
   * @param source where packuments come from
   * @param fetcher where non-registry manifests come from; its project folder anchors {@code file:}
   *     specs
   */
  public IdealTreeBuilder(PackumentSource source, SourceFetcher fetcher) {
    this.source = source;
    this.fetcher = fetcher;
  }

  /**
   * Builds the ideal tree for a request.
   *
   * @param request the root package, lockfile tree, additions, removals and options
   * @return the tree, the updated root package.json and the warnings
   * @throws ResolveException {@code ERESOLVE} for a peer conflict npm would refuse, {@code
   *     ETARGET}/{@code E404}/... for a required package that cannot be resolved, {@code
   *     EBADPLATFORM} for a required package of another platform
   * @throws dev.quoll.core.CoreException for a malformed spec or override
   */
  public IdealTree build(IdealTreeRequest request) {
    return new Run(source, fetcher, request).build();
  }

  /** One build: the mutable state of build-ideal-tree. */
  private static final class Run {
    private final IdealTreeRequest request;
    private final NodeFactory factory;
    private final PlaceSettings settings;
    private final DepsQueue queue = new DepsQueue();
    private final Set<Node> depsSeen = new HashSet<>();
    private final Set<Edge> explicitRequests = new HashSet<>();
    private final Set<Node> loadFailures = new LinkedHashSet<>();
    private final Set<Node> linkNodes = new LinkedHashSet<>();
    private final PeerSetLoader peers;
    private final List<String> warnings = new ArrayList<>();
    private Node root;

    private final SourceFetcher fetcher;

    Run(PackumentSource source, SourceFetcher fetcher, IdealTreeRequest request) {
      this.request = request;
      this.fetcher = fetcher;
      var o = request.options();
      this.factory = new NodeFactory(source, fetcher, o.legacyPeerDeps(), request.platform());
      this.peers = new PeerSetLoader(factory, o);
      this.settings =
          new PlaceSettings(
              o.force(),
              o.legacyPeerDeps(),
              o.strictPeerDeps(),
              o.preferDedupe(),
              request.update(),
              warnings);
    }

    IdealTree build() {
      RootSetup setup = new RootSetup(request, fetcher);
      root = setup.root();
      for (String name : setup.explicitNames()) {
        Edge e = root.edgesOut().get(name);
        if (e != null) {
          explicitRequests.add(e);
        }
      }
      assertRootOverrides();
      queueInvalid();
      // the root's own dependencies are fetched together (later nodes prefetch when placed)
      factory.prefetch(problemEdges(root));
      queue.push(root);
      while (true) {
        while (!queue.isEmpty()) {
          step(queue.pop());
        }
        boolean more = false;
        for (Node link : new ArrayList<>(linkNodes)) {
          linkNodes.remove(link);
          Node target = link.linkTarget().orElseThrow();
          if (!depsSeen.contains(target) && !LocalLinks.external(target)) {
            queue.push(target);
            more = true;
          }
        }
        if (!more) {
          break;
        }
      }
      DepFlags.reset(root);
      DepFlags.calc(root);
      // arborist 9: loadVirtual with the root given marks the flags suspect, so a tree started from
      // the lockfile is always pruned (a workspace that dropped a dependency leaves it extraneous)
      if (request.lockTree().isPresent()) {
        for (Node n : root.inventory()) {
          if (n.extraneous() && n != root && !n.isWorkspace()) {
            n.setParent(null);
          }
        }
      }
      pruneFailedOptional();
      TreeChecks.markInert(root, request.platform(), request.options().force());
      var manifest = setup.savedManifest(root);
      return new IdealTree(root, manifest, warnings);
    }

    /** arborist's {@code assertRootOverrides}: an override may not change a direct dependency. */
    private void assertRootOverrides() {
      if (root.overrides() == null) {
        return;
      }
      for (Edge e : root.edgesOut().values()) {
        if (!e.spec().equals(e.rawSpec()) && !e.spec().startsWith("$")) {
          throw new ResolveException(
              "EOVERRIDE",
              "Override for " + e.name() + "@" + e.rawSpec() + " conflicts with direct dependency",
              "");
        }
      }
    }

    /** With a lockfile: queue every node that has a missing or invalid edge. */
    private void queueInvalid() {
      for (Node n : root.inventory()) {
        for (Edge e : n.edgesOut().values()) {
          if (e.target() == null && !e.optional() || !e.valid()) {
            queue.push(n);
            break;
          }
        }
      }
      for (Edge e : root.edgesOut().values()) {
        if (e.target() != null && e.target().isLink()) {
          linkNodes.add(e.target());
        }
      }
      queueNamedUpdates();
    }

    /**
     * arborist's {@code #queueNamedUpdates}: the dependents of every non-top node named in the
     * update list are queued, so their edges to it are re-resolved ({@code update <name>} of a
     * transitive dependency, {@code dedupe}).
     */
    private void queueNamedUpdates() {
      if (request.update().isEmpty()) {
        return;
      }
      for (Node n : root.inventory()) {
        if (request.update().contains(n.name()) && !n.isTop() && !n.inBundle()) {
          for (Edge in : n.edgesIn()) {
            queue.push(in.from());
          }
        }
      }
    }

    private void step(Node node) {
      if (depsSeen.contains(node) || node.root() != root || LocalLinks.external(node)) {
        return;
      }
      depsSeen.add(node);
      Node peerSource = peers.peerSetSource(node);
      record Task(Edge edge, Node dep) {}
      List<Task> tasks = new ArrayList<>();
      for (Edge edge : problemEdges(node)) {
        if (edge.peerConflicted()) {
          continue;
        }
        Node src = edge.peer() ? peerSource : node;
        Node vr = peers.virtualRoot(src, true);
        Edge vrEdge = vr.edgesOut().get(edge.name());
        Node vrDep = vrEdge != null && vrEdge.valid() ? vrEdge.target() : null;
        Set<Node> required = new HashSet<>();
        required.add(edge.from());
        Node parent = edge.peer() ? vr : null;
        Node dep = vrDep != null && edge.satisfiedBy(vrDep) ? vrDep : null;
        boolean skipShortcut =
            request.update().contains(edge.name()) || explicitRequests.contains(edge);
        if (dep == null && edge.type() == EdgeType.PEER_OPTIONAL && !skipShortcut) {
          Node from =
              edge.from().resolveParent() != null ? edge.from().resolveParent() : edge.from();
          dep = findHoistable(from, edge);
        }
        if (dep == null) {
          dep = peers.nodeFromEdge(edge, parent, null, required);
        }
        tasks.add(new Task(edge, dep));
      }
      tasks.sort((a, b) -> NpmCollation.localeCompare(a.edge().name(), b.edge().name()));
      for (Task t : tasks) {
        PlaceDep pd =
            new PlaceDep(settings, t.dep(), t.edge(), null, explicitRequests.contains(t.edge()));
        List<PlaceDep> visit = new ArrayList<>();
        preorder(pd, visit);
        for (PlaceDep p : visit) {
          visit(p);
        }
      }
      for (Edge e : node.edgesOut().values()) {
        Node to = e.target();
        if (to != null && to.isLink()) {
          linkNodes.add(to);
        }
      }
    }

    private static void preorder(PlaceDep pd, List<PlaceDep> out) {
      out.add(pd);
      for (PlaceDep c : pd.children) {
        preorder(c, out);
      }
    }

    private void visit(PlaceDep pd) {
      Node placed = pd.placed;
      if (placed == null) {
        return;
      }
      if (placed.error().isPresent()) {
        loadFailures.add(placed);
      }
      factory.placed(placed);
      Placement self = pd.canPlace.canPlaceSelf;
      for (Edge in : placed.edgesIn()) {
        if (in == pd.edge || in.peerConflicted() || in.valid()) {
          continue;
        }
        if (self == OK || self == REPLACE) {
          // with save on (npm's default) both cases re-queue the dependent
          depsSeen.remove(in.from());
          queue.push(in.from());
        }
      }
      queue.push(placed);
      for (Node n : pd.needEvaluation) {
        depsSeen.remove(n);
        queue.push(n);
      }
      factory.prefetch(problemEdges(placed));
    }

    private Node findHoistable(Node start, Edge edge) {
      List<Node> q = new ArrayList<>(start.children().values());
      for (int i = 0; i < q.size(); i++) {
        Node n = q.get(i);
        if (n.name().equals(edge.name()) && !NodeRules.inDepBundle(n) && edge.satisfiedBy(n)) {
          return n;
        }
        q.addAll(n.children().values());
      }
      return null;
    }

    private List<Edge> problemEdges(Node node) {
      Set<String> bundled =
          node.isProjectRoot() || node.isWorkspace()
              ? Set.of()
              : new HashSet<>(NodeRules.bundled(node));
      List<Edge> problems = new ArrayList<>();
      for (Edge edge : node.edgesOut().values()) {
        if (bundled.contains(edge.name())) {
          continue;
        }
        Node to = edge.target();
        if (to != null && loadFailures.contains(to)) {
          continue;
        }
        if (to == null) {
          if (edge.type() != EdgeType.PEER_OPTIONAL || explicitRequests.contains(edge)) {
            problems.add(edge);
          }
          continue;
        }
        if (!edge.valid()) {
          problems.add(edge);
          continue;
        }
        if (to.isWorkspace() || to.isLink()) {
          continue;
        }
        if (request.update().contains(edge.name()) || explicitRequests.contains(edge)) {
          problems.add(edge);
        }
      }
      return problems;
    }

    private void pruneFailedOptional() {
      for (Node node : loadFailures) {
        if (node.root() != root) {
          continue;
        }
        if (!node.optional()) {
          throw node.error().orElseThrow();
        }
        for (Node n : TreeChecks.optionalSet(node)) {
          n.flags.inert = true;
        }
      }
    }
  }
}
