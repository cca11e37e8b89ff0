package dev.quoll.core.spec;

import dev.quoll.core.name.PackageName;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A dependency spec as npm understands it: what {@code npm install <arg>} and a {@code
 * dependencies} entry {@code "name": "spec"} mean. Parsing follows npm-package-arg 13.0.2 (with
 * hosted-git-info 9.0.3 and validate-npm-package-name 7.0.2) on a POSIX system: the same type,
 * name, escapedName, scope, rawSpec, saveSpec, fetchSpec, git attributes and hosted info, and the
 * same failures.
 *
 * <p>The kinds: {@link RegistrySpec} (version, range, tag), {@link AliasSpec} ({@code npm:}),
 * {@link FileSpec} (file, directory), {@link RemoteSpec} (http/https tarball), {@link GitSpec}.
 *
 * <p>Errors are {@link dev.quoll.core.CoreException}s with npm-package-arg's codes: {@code
 * EINVALIDPACKAGENAME}, {@code EINVALIDTAGNAME}, {@code EUNSUPPORTEDPROTOCOL}, node's {@code
 * ERR_INVALID_URL} for a URL node cannot parse, and {@code EINVALIDSPEC} where npm-package-arg
 * throws a plain Error without a code (nested or non-registry aliases, conflicting git attributes,
 * a malformed {@code file:} URL, a malformed escape in {@code #semver:}); the messages are
 * npm-package-arg's.
 */
public sealed interface PackageSpec permits RegistrySpec, AliasSpec, FileSpec, RemoteSpec, GitSpec {

  /**
   * Parses a command-line style argument, {@code name}, {@code name@spec} or a bare spec ({@code
   * ./dir}, {@code user/repo}, a URL), resolving file paths against the working directory.
   *
   * @throws dev.quoll.core.CoreException as described on {@link PackageSpec}
   */
  static PackageSpec parse(String arg) {
    return SpecParser.npa(arg, cwd());
  }

  /**
   * {@code npa(arg, where)}: parses an argument, resolving file paths against {@code where}.
   *
   * @param where the directory relative file specs are resolved against (made absolute against the
   *     working directory)
   * @throws dev.quoll.core.CoreException as described on {@link PackageSpec}
   */
  static PackageSpec parse(String arg, Path where) {
    return SpecParser.npa(arg, where.toString());
  }

  /**
   * {@code npa.resolve(name, spec)}: parses a dependency entry, as in package.json's {@code "name":
   * "spec"}, resolving file paths against the working directory.
   *
   * @throws dev.quoll.core.CoreException {@code EINVALIDPACKAGENAME} when the name is invalid even
   *     for old packages, and as described on {@link PackageSpec}
   */
  static PackageSpec parse(String name, String spec) {
    return SpecParser.resolve(name, spec, cwd(), null);
  }

  /**
   * {@code npa.resolve(name, spec, where)}: as {@link #parse(String, String)} with file paths
   * resolved against {@code where}.
   */
  static PackageSpec parse(String name, String spec, Path where) {
    return SpecParser.resolve(name, spec, where.toString(), null);
  }

  /** npm-package-arg's {@code type}. */
  SpecType type();

  /** The input: the argument, or {@code name@spec} for a dependency entry. */
  String raw();

  /** The package name, when the spec has one. */
  Optional<String> name();

  /** The package name as a {@link PackageName} (valid at least for old packages), when present. */
  Optional<PackageName> packageName();

  /** The name as one registry URL path segment ({@code @scope%2fname}), when there is a name. */
  Optional<String> escapedName();

  /** The scope with its {@code @}, when the name is scoped. */
  Optional<String> scope();

  /** The spec part of the input ({@code *} when an argument names only a package). */
  String rawSpec();

  /** What npm would write to package.json, when npm-package-arg computes it. */
  Optional<String> saveSpec();

  /** What npm fetches (a range, a path, a URL), when npm-package-arg computes it. */
  Optional<String> fetchSpec();

  /**
   * npm-package-arg's {@code toString()}: {@code name@spec} with the most specific spec (saveSpec,
   * else fetchSpec, else rawSpec), or just the name, the spec, or the raw input.
   */
  @Override
  String toString();

  /** Whether the package comes from a registry (registry specs and aliases). */
  default boolean registry() {
    return false;
  }

  private static String cwd() {
    return System.getProperty("user.dir");
  }
}
