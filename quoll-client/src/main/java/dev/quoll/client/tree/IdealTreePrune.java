package dev.quoll.client.tree;

/**
 * arborist 9's {@code #idealTreePrune}, as {@code npm prune} calls it after building the ideal
 * tree: every extraneous node (one no dependency path from the root reaches, per {@link DepFlags})
 * is detached with everything below it. The root and workspace folders are never detached.
 */
public final class IdealTreePrune {
  private IdealTreePrune() {}

  /**
   * Detaches the extraneous nodes of a tree whose dep flags are computed.
   *
   * @param root the ideal tree's root
   */
  public static void prune(Node root) {
    for (Node n : root.inventory()) {
      if (n.extraneous() && n != root && !n.isWorkspace()) {
        n.setParent(null);
      }
    }
  }
}
