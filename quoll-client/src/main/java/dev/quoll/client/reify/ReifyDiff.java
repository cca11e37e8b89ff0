package dev.quoll.client.reify;

import dev.quoll.core.integrity.Integrity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The comparison of a plan with the packages on disk (arborist's diff of ideal and actual tree, by
 * location).
 *
 * <p>Contract: a planned package is kept when a package with the same name, version and (when known
 * on both sides) integrity, or the same link target, is at its location and no package folder above
 * it is added; every other planned package is added; bundled packages are kept with their parent or
 * come with its tarball; every package on disk that is not kept is removed.
 *
 * @param add the packages to write, shallow first
 * @param removeTop the locations to move away (none inside another one)
 * @param removeAll every location removed, shallow first
 * @param keep the locations left as they are
 */
record ReifyDiff(
    List<PlacedPackage> add, List<String> removeTop, List<String> removeAll, List<String> keep) {
  static ReifyDiff of(List<PlacedPackage> planned, Map<String, ActualTree.Installed> actual) {
    List<PlacedPackage> sorted = new ArrayList<>(planned);
    sorted.sort((a, b) -> Locations.BY_DEPTH.compare(a.location(), b.location()));
    Set<String> changed = new HashSet<>();
    List<PlacedPackage> add = new ArrayList<>();
    List<String> keep = new ArrayList<>();
    Set<String> plannedLocs = new HashSet<>();
    for (PlacedPackage p : sorted) {
      plannedLocs.add(p.location());
      ActualTree.Installed a = actual.get(p.location());
      boolean ancestorChanged = anyAncestorIn(p.location(), changed);
      if (p.inBundle()) {
        // arrives with the bundling package: kept with it, or rewritten by its tarball
        if (!ancestorChanged && a != null) {
          keep.add(p.location());
        }
        continue;
      }
      if (a != null && !ancestorChanged && same(a, p)) {
        keep.add(p.location());
      } else {
        add.add(p);
        changed.add(p.location());
      }
    }
    Set<String> kept = new HashSet<>(keep);
    List<String> removeAll =
        actual.keySet().stream().filter(l -> !kept.contains(l)).sorted(Locations.BY_DEPTH).toList();
    List<String> removeTop = new ArrayList<>();
    Set<String> tops = new HashSet<>();
    for (String l : removeAll) {
      if (!anyAncestorIn(l, tops)) {
        removeTop.add(l);
        tops.add(l);
      }
    }
    return new ReifyDiff(add, removeTop, removeAll, keep);
  }

  /**
   * Whether {@code locations} holds a folder enclosing {@code location} ({@link
   * Locations#isInside}): a set lookup for each {@code /}-prefix of the location instead of a scan
   * of the whole set (a plan of n packages took n²/2 string checks).
   */
  static boolean anyAncestorIn(String location, Set<String> locations) {
    if (locations.isEmpty()) {
      return false;
    }
    for (int i = location.indexOf('/'); i > 0; i = location.indexOf('/', i + 1)) {
      if (locations.contains(location.substring(0, i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean same(ActualTree.Installed a, PlacedPackage p) {
    return switch (p.source()) {
      case PackageSource.Link l -> a.linkTarget().equals(l.target());
      case PackageSource.Git g ->
          a.linkTarget().isEmpty() && a.name().equals(p.name()) && a.version().equals(p.version());
      case PackageSource.Tarball t ->
          a.linkTarget().isEmpty()
              && a.name().equals(p.name())
              && a.version().equals(p.version())
              && (a.integrity().isEmpty()
                  || Integrity.parse(a.integrity())
                      .flatMap(i -> i.match(t.integrity()))
                      .isPresent());
    };
  }
}
