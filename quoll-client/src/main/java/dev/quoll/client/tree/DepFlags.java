package dev.quoll.client.tree;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * arborist 9's {@code calcDepFlags}: which nodes are dev, optional, devOptional, peer or
 * extraneous.
 *
 * <p>Contract: every node starts with all five flags set (the root with none); walking edges from
 * the root, a flag is cleared on a target when the edge and its source do not carry it (extraneous
 * is cleared by any edge from a non-extraneous node except an optional peer edge; devOptional by an
 * edge that is neither dev nor optional from a node that is neither). Finally devOptional is
 * dropped where dev or optional is set. Links pass their flags to their targets.
 */
public final class DepFlags {
  private DepFlags() {}

  /** Sets every node's flags to arborist's starting values (all on, the root all off). */
  public static void reset(Node root) {
    for (Node n : root.inventory()) {
      Node.Flags f = n.flags;
      f.dev = f.optional = f.devOptional = f.peer = f.extraneous = true;
    }
    unset(root);
  }

  private static void unset(Node n) {
    Node.Flags f = n.flags;
    f.dev = f.optional = f.devOptional = f.peer = f.extraneous = false;
  }

  /**
   * Computes the flags of the whole tree from its root.
   *
   * @param root the project root; its flags are cleared first
   */
  public static void calc(Node root) {
    unset(root);
    Set<Node> seen = new LinkedHashSet<>();
    Deque<Node> queue = new ArrayDeque<>();
    queue.push(root);
    while (!queue.isEmpty()) {
      Node node = queue.pop();
      seen.add(node);
      if (!node.flags.extraneous) {
        for (Node n = node.resolveParent();
            n != null && n.flags.extraneous;
            n = n.resolveParent()) {
          n.flags.extraneous = false;
        }
      }
      if (node.isLink()) {
        Node t = node.linkTarget().orElseThrow();
        boolean changed = false;
        if (t.flags.dev && !node.flags.dev) {
          t.flags.dev = false;
          changed = true;
        }
        if (t.flags.optional && !node.flags.optional) {
          t.flags.optional = false;
          changed = true;
        }
        if (t.flags.devOptional && !node.flags.devOptional) {
          t.flags.devOptional = false;
          changed = true;
        }
        if (t.flags.peer && !node.flags.peer) {
          t.flags.peer = false;
          changed = true;
        }
        if (t.flags.extraneous && !node.flags.extraneous) {
          t.flags.extraneous = false;
          changed = true;
        }
        if (changed || !seen.contains(t)) {
          queue.push(t);
        }
        continue;
      }
      Node.Flags nf = node.flags;
      for (Edge e : node.edgesOut().values()) {
        Node to = e.target();
        if (to == null) {
          continue;
        }
        Node.Flags tf = to.flags;
        boolean changed = false;
        if (tf.extraneous && !nf.extraneous && !(e.peer() && e.optional())) {
          tf.extraneous = false;
          changed = true;
        }
        if (tf.dev && !nf.dev && !e.dev()) {
          tf.dev = false;
          changed = true;
        }
        if (tf.optional && !nf.optional && !e.optional()) {
          tf.optional = false;
          changed = true;
        }
        if (tf.devOptional
            && !nf.devOptional
            && !nf.dev
            && !nf.optional
            && !e.dev()
            && !e.optional()) {
          tf.devOptional = false;
          changed = true;
        }
        if (tf.peer && !nf.peer && !e.peer()) {
          tf.peer = false;
          changed = true;
        }
        if (changed) {
          queue.push(to);
        }
      }
    }
    seen.remove(root);
    for (Node n : seen) {
      if (n.flags.devOptional && (n.flags.dev || n.flags.optional)) {
        n.flags.devOptional = false;
      }
    }
  }
}
