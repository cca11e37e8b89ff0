package dev.quoll.client.reify;

import java.util.List;

/**
 * What a reify did (or, for a dry run, would do).
 *
 * @param added locations written (new or changed), shallow first
 * @param removed locations removed (gone from the plan or replaced), shallow first
 * @param unchanged locations left as they were
 * @param skippedOptional locations of optional packages that failed and were left out
 * @param scripts the lifecycle scripts that ran, in order
 */
public record ReifyResult(
    List<String> added,
    List<String> removed,
    List<String> unchanged,
    List<String> skippedOptional,
    List<ScriptRun> scripts) {
  /** Copies the lists. */
  public ReifyResult {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    unchanged = List.copyOf(unchanged);
    skippedOptional = List.copyOf(skippedOptional);
    scripts = List.copyOf(scripts);
  }
}
