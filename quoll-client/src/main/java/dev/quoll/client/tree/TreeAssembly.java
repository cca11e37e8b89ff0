package dev.quoll.client.tree;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.manifest.Manifest;

/**
 * Assembles trees from outside the tree builder (the lockfile reader): the project root from
 * package.json, package nodes at locations, workspace folders with their links, and recorded dep
 * flags. Manifests are normalized as arborist's Node constructor does.
 */
public final class TreeAssembly {
  private TreeAssembly() {}

  /**
   * A project root node for a package.json (normalized as arborist does, dev edges loaded).
   *
   * @param manifest the package.json
   * @param legacyPeerDeps whether peer dependencies are ignored
   */
  public static Node projectRoot(Manifest manifest, boolean legacyPeerDeps) {
    Node root =
        new Node(
            NodeInit.of(
                    manifest.name().orElse(""), NodeFactory.normalize(manifest.json()), null, null)
                .withTop(true)
                .withLegacyPeerDeps(legacyPeerDeps)
                .withOverrides(Overrides.of(manifest.overrides().orElse(null)).orElse(null)));
    setFlags(root, false, false, false, false, false);
    return root;
  }

  /**
   * A package node placed under {@code parent}, from lockfile metadata shaped like a manifest.
   *
   * @param parent where it sits (its {@code node_modules})
   * @param name its folder name
   * @param pkg manifest fields (version, dependency fields, ...)
   * @param resolved the resolution, or null
   * @param integrity the integrity, or null
   * @param legacyPeerDeps whether peer dependencies are ignored
   */
  public static Node placeChild(
      Node parent,
      String name,
      ObjectNode pkg,
      String resolved,
      String integrity,
      boolean legacyPeerDeps) {
    Node n =
        new Node(
            NodeInit.of(name, NodeFactory.normalize(pkg), resolved, integrity)
                .withLegacyPeerDeps(legacyPeerDeps)
                .withOverrides(parent.root().overrides()));
    n.setParent(parent);
    return n;
  }

  /**
   * Adds a workspace folder {@code path} (e.g. {@code packages/a}) below {@code root}; returns it.
   */
  public static Node addWorkspace(Node root, String path, ObjectNode pkg, boolean legacyPeerDeps) {
    String base = path.substring(path.lastIndexOf('/') + 1);
    int slash = path.lastIndexOf('/');
    int prev = slash > 0 ? path.lastIndexOf('/', slash - 1) : -1;
    if (slash > 0 && path.charAt(prev + 1) == '@') {
      base = path.substring(prev + 1);
    }
    Node target =
        new Node(
            NodeInit.of(base, NodeFactory.normalize(pkg), null, null)
                .withTop(true)
                .withLegacyPeerDeps(legacyPeerDeps)
                .withOverrides(root.overrides()));
    target.setFsLocation(path);
    root.addFsChild(target);
    return target;
  }

  /** Places a link named {@code name} under {@code parent} pointing at a workspace folder. */
  public static Node addLink(Node parent, String name, Node target) {
    Node link = new Node(NodeInit.of(name, target.pkg(), target.location(), null).withLink(target));
    link.setParent(parent);
    if (parent.isTop() && !parent.edgesOut().containsKey(name)) {
      parent.addEdge(new Edge(parent, EdgeType.WORKSPACE, name, "file:" + target.location()));
    }
    return link;
  }

  /** Sets a node's dep flags as a lockfile records them. */
  public static void setFlags(
      Node node,
      boolean dev,
      boolean optional,
      boolean devOptional,
      boolean peer,
      boolean extraneous) {
    node.flags.dev = dev;
    node.flags.optional = optional;
    node.flags.devOptional = devOptional;
    node.flags.peer = peer;
    node.flags.extraneous = extraneous;
  }
}
