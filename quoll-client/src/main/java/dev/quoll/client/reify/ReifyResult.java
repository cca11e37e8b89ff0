package dev.quoll.client.reify;

import java.util.List;
import java.util.Map;

/**
 * What a reify did (or, for a dry run, would do).
 *
 * @param added locations written (new or changed), shallow first
 * @param removed locations removed (gone from the plan or replaced), shallow first
 * @param unchanged locations left as they were
 * @param skippedOptional locations of optional packages that failed and were left out
 * @param scripts the lifecycle scripts that ran, in order
 * @param previousVersions location to the version that was on disk before, for every removed
 *     location (removed or replaced), as npm's {@code --json} and {@code --dry-run} report them
 */
public record ReifyResult(
    List<String> added,
    List<String> removed,
    List<String> unchanged,
    List<String> skippedOptional,
    List<ScriptRun> scripts,
    Map<String, String> previousVersions) {
  /** Copies the lists. */
  public ReifyResult {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    unchanged = List.copyOf(unchanged);
    skippedOptional = List.copyOf(skippedOptional);
    scripts = List.copyOf(scripts);
    previousVersions = Map.copyOf(previousVersions);
  }

  /** A result without previous versions. */
  public ReifyResult(
      List<String> added,
      List<String> removed,
      List<String> unchanged,
      List<String> skippedOptional,
      List<ScriptRun> scripts) {
    this(added, removed, unchanged, skippedOptional, scripts, Map.of());
  }

  /** This result with the versions on disk before, taken for its removed locations. */
  ReifyResult withPrevious(Map<String, ActualTree.Installed> actual) {
    Map<String, String> v = new java.util.HashMap<>();
    for (String loc : removed) {
      ActualTree.Installed i = actual.get(loc);
      if (i != null && i.version() != null) {
        v.put(loc, i.version());
      }
    }
    return new ReifyResult(added, removed, unchanged, skippedOptional, scripts, v);
  }
}
