package dev.quoll.testkit;

/**
 * Pinned versions of npm libraries that more than one module's differential tests use as their
 * oracle, so that every module is checked against the same behaviour.
 */
public final class OraclePackages {
  private OraclePackages() {}

  /** node-semver: the oracle of quoll-semver, and the classifier inside npm-package-arg. */
  public static final String SEMVER = "semver@7.8.6";
}
