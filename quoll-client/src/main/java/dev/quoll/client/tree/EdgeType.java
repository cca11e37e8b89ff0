package dev.quoll.client.tree;

/**
 * The kind of a dependency declaration (arborist 9's {@code Edge} types): which package.json field
 * it comes from and how it behaves.
 */
public enum EdgeType {
  /** {@code dependencies}. */
  PROD("prod"),
  /** {@code devDependencies} (only on top nodes: the root and workspaces). */
  DEV("dev"),
  /** {@code optionalDependencies}: a failure to resolve or install is not an error. */
  OPTIONAL("optional"),
  /** {@code peerDependencies}: must be met by a node the dependent can see from its parent. */
  PEER("peer"),
  /** A peer dependency marked {@code optional} in {@code peerDependenciesMeta}. */
  PEER_OPTIONAL("peerOptional"),
  /** A workspace of the root project, met by a link. */
  WORKSPACE("workspace");

  private final String npmName;

  EdgeType(String npmName) {
    this.npmName = npmName;
  }

  /** arborist's name of the type, e.g. {@code "peerOptional"}. */
  public String npmName() {
    return npmName;
  }

  /** Whether the edge is a peer edge ({@code peer} or {@code peerOptional}). */
  public boolean peer() {
    return this == PEER || this == PEER_OPTIONAL;
  }

  /** Whether a missing target is fine ({@code optional} or {@code peerOptional}). */
  public boolean optional() {
    return this == OPTIONAL || this == PEER_OPTIONAL;
  }

  /** Whether the edge is a dev edge. */
  public boolean dev() {
    return this == DEV;
  }
}
