package dev.quoll.client.reify;

import dev.quoll.core.integrity.Integrity;

/**
 * Where a placed package's files come from: a tarball (registry, remote URL or {@code file:}), a
 * git commit, or a link to a local folder.
 */
public sealed interface PackageSource {
  /**
   * A tarball fetched from {@code resolved} and checked against {@code integrity} (a lockfile's
   * {@code resolved} and {@code integrity}).
   *
   * @param resolved the tarball URL as written in the lockfile (registry host rewriting applies),
   *     or {@code file:<path>} relative to the project for a local tarball
   * @param integrity the SRI the tarball must match
   */
  record Tarball(String resolved, Integrity integrity) implements PackageSource {}

  /**
   * A symbolic link to a folder of the project (a workspace or a {@code file:} directory
   * dependency; a lockfile's {@code link: true} with {@code resolved}).
   *
   * @param target the folder, relative to the project root with {@code /} separators, e.g. {@code
   *     packages/a}
   */
  record Link(String target) implements PackageSource {}

  /**
   * A git dependency at one commit (a lockfile's {@code resolved: "git+...#<sha>"}, which npm
   * writes without integrity): cloned and packed as pacote does, then unpacked like a tarball.
   *
   * @param resolved the lockfile's {@code resolved}
   */
  record Git(String resolved) implements PackageSource {}
}
