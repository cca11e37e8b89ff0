package dev.quoll.core.spec;

/** npm-package-arg 13's {@code type} of a parsed spec. */
public enum SpecType {
  /** A registry spec naming one exact version ({@code foo@1.2.3}). */
  VERSION,
  /** A registry spec with a semver range ({@code foo@^1.2.0}, {@code foo}). */
  RANGE,
  /** A registry spec naming a dist-tag ({@code foo@latest}). */
  TAG,
  /** {@code alias@npm:real@spec}. */
  ALIAS,
  /** A local tarball ({@code ./foo.tgz}, {@code file:x.tar.gz}). */
  FILE,
  /** A local directory ({@code ./foo}, {@code file:../x}). */
  DIRECTORY,
  /** A tarball at an http(s) URL. */
  REMOTE,
  /** A git repository (URL, scp-like address or host shortcut). */
  GIT;

  /** npm-package-arg's string for this type, e.g. {@code "directory"}. */
  public String npmName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
