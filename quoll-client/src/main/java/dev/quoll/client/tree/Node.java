package dev.quoll.client.tree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.tarball.NpmCollation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A package placed in a tree (arborist 9's {@code Node}): a folder name, the package's normalized
 * manifest, where it was resolved from, its children in its {@code node_modules}, and its outgoing
 * {@link Edge}s. A node without a parent is a top node: the project root, a workspace folder (with
 * an fs parent), or a virtual root used while a dependency and its peers are being chosen.
 *
 * <p>Nodes are mutable while a tree is built (placement moves them); the tree builder is the only
 * writer. Dep flags start {@code true} (arborist's default) and are computed by {@link DepFlags}.
 * Edges are created once, from the manifest: peer, peerOptional, prod, optional, and dev edges on
 * top nodes only, a later field replacing an earlier one of the same name (arborist's order).
 */
public final class Node {
  private String name;
  private ObjectNode pkg;
  private final String resolved;
  private final String integrity;
  private final CoreException error;
  private final Node sourceReference;
  private final Node linkTarget;
  private Node parent;
  private Node fsParent;
  private String fsLocation = "";
  private String projectDir;
  private Overrides overrides;
  private final Map<String, Node> children = new LinkedHashMap<>();
  private final List<Node> fsChildren = new ArrayList<>();
  private final Map<String, Edge> edgesOut = new LinkedHashMap<>();
  final Flags flags = new Flags();
  private TreeIndex index;

  /** The five dep flags plus {@code inert}, arborist's defaults. */
  static final class Flags {
    boolean dev = true;
    boolean optional = true;
    boolean devOptional = true;
    boolean peer = true;
    boolean extraneous = true;
    boolean inert;
  }

  Node(NodeInit init) {
    this.name = init.name();
    this.pkg = init.sourceReference() != null ? init.sourceReference().pkg : init.pkg();
    this.resolved = init.resolved();
    this.integrity = init.integrity();
    this.error = init.error();
    this.sourceReference = init.sourceReference();
    this.linkTarget = init.linkTarget();
    this.overrides = init.overrides();
    if (linkTarget == null) {
      NodeEdges.load(this, init.top(), init.legacyPeerDeps());
    }
  }

  // ---- identity and manifest ----

  /** The folder name under {@code node_modules} (the alias name for {@code npm:} aliases). */
  public String name() {
    return name;
  }

  /** The normalized manifest (never mutate it). */
  public ObjectNode pkg() {
    return pkg;
  }

  /** The manifest's {@code name}, when present (the real name behind an alias). */
  public Optional<String> packageName() {
    return text("name");
  }

  /** The manifest's {@code version}, when present. */
  public Optional<String> version() {
    return text("version");
  }

  /** Where the package came from, e.g. a tarball URL, when known. */
  public Optional<String> resolved() {
    return Optional.ofNullable(resolved);
  }

  /** The tarball's SRI integrity, when known. */
  public Optional<String> integrity() {
    return Optional.ofNullable(integrity);
  }

  /** The failure that made this a placeholder (a package that could not be fetched). */
  public Optional<CoreException> error() {
    return Optional.ofNullable(error);
  }

  private Optional<String> text(String field) {
    JsonNode v = pkg.get(field);
    return v != null && v.isTextual() && !v.asText().isEmpty()
        ? Optional.of(v.asText())
        : Optional.empty();
  }

  /** Whether this node is a symbolic link (a workspace); its target is {@link #linkTarget()}. */
  public boolean isLink() {
    return linkTarget != null;
  }

  /** The folder a link points to. */
  public Optional<Node> linkTarget() {
    return Optional.ofNullable(linkTarget);
  }

  /** The override set in force for this node's edges, or null. */
  Overrides overrides() {
    return overrides;
  }

  void setOverrides(Overrides o) {
    this.overrides = o;
  }

  /** For a virtual root: the node whose dependencies it models. */
  Node sourceReference() {
    return sourceReference;
  }

  // ---- flags ----

  /** Only reachable through dev dependencies. */
  public boolean dev() {
    return flags.dev;
  }

  /** Only reachable through optional dependencies. */
  public boolean optional() {
    return flags.optional;
  }

  /** Reachable only through dev or optional dependencies, but not only one of them. */
  public boolean devOptional() {
    return flags.devOptional;
  }

  /** Only reachable through peer dependencies. */
  public boolean peer() {
    return flags.peer;
  }

  /** Not reachable from the root at all. */
  public boolean extraneous() {
    return flags.extraneous;
  }

  /** An optional package that cannot be installed here (platform, engines, fetch failure). */
  public boolean inert() {
    return flags.inert;
  }

  /** Whether the package is in a bundle (arborist's {@code inBundle}). */
  public boolean inBundle() {
    return NodeRules.bundler(this) != null;
  }

  /** Whether the package has install scripts (the manifest flag or a (pre|post)install script). */
  public boolean hasInstallScript() {
    JsonNode s = pkg.path("scripts");
    return pkg.path("hasInstallScript").asBoolean(false)
        || truthy(s.get("install"))
        || truthy(s.get("preinstall"))
        || truthy(s.get("postinstall"));
  }

  private static boolean truthy(JsonNode n) {
    return n != null && dev.quoll.core.json.JsValues.truthy(n);
  }

  /**
   * The absolute project folder {@code file:} specs are relative to: set on the project root by the
   * tree builder; the working directory when unset.
   */
  String projectDir() {
    Node r = root();
    while (r.sourceReference != null && r.sourceReference.root() != r) {
      r = r.sourceReference.root();
    }
    return r.projectDir != null ? r.projectDir : System.getProperty("user.dir");
  }

  void setProjectDir(String dir) {
    this.projectDir = dir;
  }

  void setFsLocation(String path) {
    this.fsLocation = path;
  }

  // ---- tree shape ----

  /** The folder this node sits in, if not top. */
  public Optional<Node> parent() {
    return Optional.ofNullable(parent);
  }

  Node parentOrNull() {
    return parent;
  }

  /** The children in this node's {@code node_modules}, by folder name, insertion order. */
  public Map<String, Node> children() {
    return java.util.Collections.unmodifiableMap(children);
  }

  /** Workspace folders below this (root) node. */
  public List<Node> fsChildren() {
    return List.copyOf(fsChildren);
  }

  /** The outgoing dependency edges by name, in arborist's load order. */
  public Map<String, Edge> edgesOut() {
    return java.util.Collections.unmodifiableMap(edgesOut);
  }

  void addEdge(Edge edge) {
    edgesOut.put(edge.name(), edge);
    root().index = null;
  }

  /** Whether this node has no parent (project root, workspace folder, virtual root). */
  public boolean isTop() {
    return parent == null;
  }

  /** Where node resolution continues: the parent, else the fs parent. */
  Node resolveParent() {
    return parent != null ? parent : fsParent;
  }

  /** The top of the whole tree. */
  public Node root() {
    Node n = this;
    while (n.resolveParent() != null) {
      n = n.resolveParent();
    }
    return n;
  }

  /** Whether this node is the root of its tree (the project or a virtual root). */
  public boolean isProjectRoot() {
    return root() == this;
  }

  /** Whether this is a workspace folder (a top node below the root). */
  public boolean isWorkspace() {
    return parent == null && fsParent != null;
  }

  /** Nesting depth: 0 for top nodes. */
  public int depth() {
    return parent == null ? 0 : parent.depth() + 1;
  }

  /** The location relative to the root, e.g. {@code node_modules/a/node_modules/b}; root is "". */
  public String location() {
    if (parent == null) {
      return fsParent == null ? "" : fsLocation;
    }
    String p = parent.location();
    return (p.isEmpty() ? "" : p + "/") + "node_modules/" + name;
  }

  /** This node, then each resolve parent up to the root. */
  List<Node> ancestry() {
    List<Node> out = new ArrayList<>();
    for (Node n = this; n != null; n = n.resolveParent()) {
      out.add(n);
    }
    return out;
  }

  boolean isDescendantOf(Node node) {
    for (Node n = this; n != null; n = n.resolveParent()) {
      if (n == node) {
        return true;
      }
    }
    return false;
  }

  /** node's module resolution: a child of this name, else the resolve parent's resolution. */
  public Node resolve(String depName) {
    for (Node n = this; n != null; n = n.resolveParent()) {
      Node c = n.children.get(depName);
      if (c != null) {
        return c;
      }
    }
    return null;
  }

  /** Moves this node under {@code newParent} (null detaches it), replacing a same-named child. */
  void setParent(Node newParent) {
    Node oldRoot = root();
    if (oldRoot != this && oldRoot.index != null) {
      oldRoot.index.removeSubtree(this);
    }
    if (parent != null) {
      if (parent.children.get(name) == this) {
        parent.children.remove(name);
      }
      parent = null;
    }
    if (newParent != null) {
      Node newRoot = newParent.root();
      Node existing = newParent.children.get(name);
      if (existing != null && existing != this) {
        if (newRoot.index != null) {
          newRoot.index.removeSubtree(existing);
        }
        existing.parent = null;
        existing.index = null;
      }
      newParent.children.put(name, this);
      parent = newParent;
      if (newRoot.index != null) {
        newRoot.index.addSubtree(this);
      }
    }
    index = null;
  }

  /** Registers {@code child} as a workspace folder of this root. */
  void addFsChild(Node child) {
    child.fsParent = this;
    fsChildren.add(child);
    if (index != null) {
      index.addSubtree(child);
    }
  }

  /** Replaces the manifest of a top node and reloads its edges (after package.json edits). */
  void reloadPkg(ObjectNode newPkg) {
    this.pkg = newPkg;
    edgesOut.clear();
    NodeEdges.load(this, true, false);
    root().index = null;
  }

  /** Renames a node before it is placed (used when a placed copy takes an old node's name). */
  void rename(String newName) {
    this.name = newName;
  }

  // ---- tree-wide indexes ----

  /** Every node of this node's tree (this must be a root), in the order they joined it. */
  public List<Node> inventory() {
    return index().nodes();
  }

  /** The nodes of this root's tree with a folder name. */
  List<Node> inventoryNamed(String depName) {
    return index().named(depName);
  }

  /** arborist's {@code edgesIn}: the edges in this tree that resolve to this node. */
  public List<Edge> edgesIn() {
    List<Edge> out = new ArrayList<>();
    for (Edge e : root().index().edgesNamed(name)) {
      if (e.target() == this) {
        out.add(e);
      }
    }
    return out;
  }

  private TreeIndex index() {
    if (index == null) {
      index = TreeIndex.of(this);
    }
    return index;
  }

  /** Children sorted by location with {@code localeCompare(…, 'en')}. */
  List<Node> sortedChildren() {
    List<Node> out = new ArrayList<>(children.values());
    out.sort((a, b) -> NpmCollation.localeCompare(a.location(), b.location()));
    return out;
  }

  @Override
  public String toString() {
    return (location().isEmpty() ? "(root)" : location()) + "@" + version().orElse("");
  }
}
