package dev.quoll.client.reify;

import java.util.Comparator;
import java.util.regex.Pattern;

/** Rules on node_modules locations ({@code node_modules/a/node_modules/@s/b}). */
final class Locations {
  private static final Pattern VALID =
      Pattern.compile(
          "^(?:node_modules/(?:@[^/.][^/]*/)?[^/.@][^/]*)(?:/node_modules/(?:@[^/.][^/]*/)?[^/.@][^/]*)*$");

  /** npm's build order: shallower first, then by location (arborist's {@code sortNodes}). */
  static final Comparator<String> BY_DEPTH =
      Comparator.comparingInt(Locations::depth).thenComparing(Comparator.naturalOrder());

  private Locations() {}

  /**
   * Whether a location is made only of {@code node_modules/<name>} steps with safe names, possibly
   * below a folder of the project (a workspace or {@code file:} folder, e.g. {@code
   * packages/a/node_modules/b}) whose path has no {@code .}, {@code ..} or {@code node_modules}
   * segment.
   */
  static boolean isValid(String location) {
    int nm = location.startsWith("node_modules/") ? 0 : location.indexOf("/node_modules/") + 1;
    if (nm < 0) {
      return false;
    }
    if (nm > 0) {
      for (String seg : location.substring(0, nm - 1).split("/", -1)) {
        if (seg.isEmpty() || seg.equals(".") || seg.equals("..") || seg.equals("node_modules")) {
          return false;
        }
      }
    }
    String rest = location.substring(nm);
    return VALID.matcher(rest).matches() && !rest.contains("/../") && !rest.contains("/./");
  }

  /**
   * The project folder below which a location's {@code node_modules} chain starts ("" for root).
   */
  static String folderOf(String location) {
    return location.startsWith("node_modules/")
        ? ""
        : location.substring(0, location.indexOf("/node_modules/"));
  }

  /** How many {@code node_modules} steps the location has. */
  static int depth(String location) {
    int d = 0;
    for (String seg : location.split("/")) {
      if (seg.equals("node_modules")) {
        d++;
      }
    }
    return d;
  }

  /** Whether {@code inner} lies inside the package folder {@code outer}. */
  static boolean isInside(String inner, String outer) {
    return inner.startsWith(outer + "/");
  }

  /**
   * The node_modules folder holding a location: {@code node_modules/a/node_modules/@s/b} gives
   * {@code node_modules/a/node_modules}.
   */
  static String nodeModulesOf(String location) {
    int i = location.lastIndexOf("node_modules/");
    return location.substring(0, i + "node_modules".length());
  }
}
