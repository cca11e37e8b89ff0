package dev.quoll.client.install;

import java.util.Set;

/**
 * Nesting of lockfile locations (the keys of a package-lock's {@code packages}, such as {@code
 * node_modules/a/node_modules/b} or {@code packages/w/node_modules/x}): a location is inside an
 * outer one when the outer one is what precedes one of its {@code /node_modules/} segments, as
 * arborist's tree puts a package's children under {@code <location>/node_modules/}.
 */
final class LocationNesting {
  private LocationNesting() {}

  /**
   * Whether {@code location} lies in the node_modules of one of {@code outer}, at any depth: some
   * prefix of it that ends just before a {@code /node_modules/} segment is in {@code outer}. A
   * location itself in {@code outer} but not nested in one is not inside ({@code false}).
   */
  static boolean insideAny(String location, Set<String> outer) {
    for (int i = location.lastIndexOf("/node_modules/");
        i > 0;
        i = location.lastIndexOf("/node_modules/", i - 1)) {
      if (outer.contains(location.substring(0, i))) {
        return true;
      }
    }
    return false;
  }
}
