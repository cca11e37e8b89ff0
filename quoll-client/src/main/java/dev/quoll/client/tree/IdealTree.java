package dev.quoll.client.tree;

import dev.quoll.core.manifest.Manifest;
import java.util.List;

/**
 * A built ideal tree.
 *
 * @param root the project root node; every placed package is below it
 * @param manifest the root package.json after the request's additions and removals
 * @param warnings npm-style warnings (ERESOLVE overrides of peer dependencies)
 */
public record IdealTree(Node root, Manifest manifest, List<String> warnings) {
  /** Defensive copy. */
  public IdealTree {
    warnings = List.copyOf(warnings);
  }
}
