package dev.quoll.semver;

import java.util.Locale;
import java.util.Optional;

/**
 * The release types node-semver 7's {@code inc} accepts ({@code SemVer.prototype.inc}), plus {@code
 * pre}, the internal step node-semver also accepts publicly.
 */
public enum ReleaseType {
  /** {@code 1.2.3 -> 2.0.0}; {@code 1.0.0-5 -> 1.0.0}. */
  MAJOR,
  /** {@code 1.2.3 -> 2.0.0-0}. */
  PREMAJOR,
  /** {@code 1.2.3 -> 1.3.0}; {@code 1.2.0-5 -> 1.2.0}. */
  MINOR,
  /** {@code 1.2.3 -> 1.3.0-0}. */
  PREMINOR,
  /** {@code 1.2.3 -> 1.2.4}; {@code 1.2.3-5 -> 1.2.3}. */
  PATCH,
  /** {@code 1.2.3 -> 1.2.4-0}. */
  PREPATCH,
  /** {@code 1.2.3-4 -> 1.2.3-5}; {@code 1.2.3 -> 1.2.4-0}. */
  PRERELEASE,
  /** {@code 1.2.3-4 -> 1.2.3}; fails on a version without prerelease. */
  RELEASE,
  /** node-semver's internal step: bump the prerelease only ({@code 1.2.3 -> 1.2.3-0}). */
  PRE;

  /** The name node-semver uses, e.g. {@code "premajor"}. */
  public String jsName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Looks a release type up by node-semver's name.
   *
   * @param name e.g. {@code "minor"}; case-sensitive like node-semver
   * @return the type, or empty when node-semver would throw {@code invalid increment argument}
   */
  public static Optional<ReleaseType> fromJsName(String name) {
    for (ReleaseType t : values()) {
      if (t.jsName().equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  boolean isPre() {
    return jsName().startsWith("pre");
  }
}
