package dev.quoll.client.install;

import java.util.List;

/**
 * What an install run did (or, for a dry run, would do); the counts of npm's summary line.
 *
 * @param added packages placed that were not there
 * @param removed packages removed that are not replaced
 * @param changed packages replaced by another version
 * @param total packages in node_modules afterwards (npm's {@code audited} count)
 * @param fastPath whether the hidden lockfile showed that nothing had to change
 * @param warnings npm-style warnings (ERESOLVE overrides, skipped optional packages)
 * @param actions for {@code --dry-run} and {@code --long}: {@code add name version}, {@code remove
 *     name version}, {@code change name a => b}
 * @param changes the packages behind the counts, for {@code --json}
 */
public record InstallResult(
    int added,
    int removed,
    int changed,
    int total,
    boolean fastPath,
    List<String> warnings,
    List<String> actions,
    InstallChanges changes) {
  /** Copies the lists. */
  public InstallResult {
    warnings = List.copyOf(warnings);
    actions = List.copyOf(actions);
  }

  /** A result without the package lists ({@link InstallChanges#NONE}). */
  public InstallResult(
      int added,
      int removed,
      int changed,
      int total,
      boolean fastPath,
      List<String> warnings,
      List<String> actions) {
    this(added, removed, changed, total, fastPath, warnings, actions, InstallChanges.NONE);
  }

  /**
   * npm 11's summary (reify-output's {@code packagesChangedMessage} without audit): {@code up to
   * date}, or {@code added 3 packages, removed 1 package, and changed 2 packages}, followed by
   * {@code in <elapsed>}.
   *
   * @param elapsed npm's {@code ms} format of the run time, e.g. {@code 2s}
   * @return the line
   */
  public String summary(String elapsed) {
    StringBuilder b = new StringBuilder();
    if (added == 0 && removed == 0 && changed == 0) {
      b.append("up to date");
    } else {
      if (added > 0) {
        b.append("added ").append(count(added));
      }
      if (removed > 0) {
        if (added > 0) {
          b.append(", ");
          if (changed == 0) {
            b.append("and ");
          }
        }
        b.append("removed ").append(count(removed));
      }
      if (changed > 0) {
        if (added > 0 || removed > 0) {
          b.append(", and ");
        }
        b.append("changed ").append(count(changed));
      }
    }
    return b.append(" in ").append(elapsed).toString();
  }

  private static String count(int n) {
    return n + " package" + (n == 1 ? "" : "s");
  }

  /**
   * npm's {@code ms} short format: {@code 850ms}, {@code 3s}, {@code 2m}, {@code 1h}.
   *
   * @param millis a duration in milliseconds
   * @return the text
   */
  public static String ms(long millis) {
    if (millis >= 3_600_000) {
      return Math.round(millis / 3_600_000.0) + "h";
    }
    if (millis >= 60_000) {
      return Math.round(millis / 60_000.0) + "m";
    }
    if (millis >= 1000) {
      return Math.round(millis / 1000.0) + "s";
    }
    return millis + "ms";
  }
}
