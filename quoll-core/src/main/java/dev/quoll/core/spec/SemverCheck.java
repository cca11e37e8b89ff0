package dev.quoll.core.spec;

/**
 * The two questions npm-package-arg asks node-semver to classify a registry spec: is it a loose
 * version ({@code semver.valid(spec, true)}) and else a loose range ({@code semver.validRange(spec,
 * true)}); anything else is a dist-tag.
 *
 * <p>This is the seam to quoll-semver: {@link #DEFAULT} is {@link InterimSemverCheck} until the
 * dev.quoll.semver module lands, when it becomes a one-line lambda pair over its loose {@code
 * Version}/{@code Range} parsers.
 */
interface SemverCheck {
  /** The check PackageSpec uses. TODO(quoll-semver): delegate to dev.quoll.semver (loose). */
  SemverCheck DEFAULT = new InterimSemverCheck();

  /** node-semver 7 {@code valid(spec, {loose: true}) !== null}. */
  boolean isVersion(String spec);

  /** node-semver 7 {@code validRange(spec, {loose: true}) !== null}. */
  boolean isRange(String spec);
}
