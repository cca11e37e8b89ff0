package dev.quoll.client.reify;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What node_modules must contain after reify: the ideal tree as a list of placed packages.
 *
 * @param root the project folder (holding package.json)
 * @param packages every package of the tree except the root, each location once
 * @param options how to reify
 */
public record ReifyPlan(Path root, List<PlacedPackage> packages, ReifyOptions options) {
  /** Copies the list, makes the root absolute and refuses duplicate locations. */
  public ReifyPlan {
    root = root.toAbsolutePath().normalize();
    packages = List.copyOf(packages);
    Set<String> seen = new HashSet<>();
    for (PlacedPackage p : packages) {
      if (!seen.add(p.location())) {
        throw new IllegalArgumentException("duplicate location " + p.location());
      }
    }
  }
}
