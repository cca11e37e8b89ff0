package dev.quoll.core.name;

import dev.quoll.core.CoreException;
import java.util.Optional;

/**
 * A valid npm package name, plain ({@code lodash}) or scoped ({@code @babel/core}), with the forms
 * the registry protocol uses for it.
 *
 * <p>Rules: validate-npm-package-name 7.0.2 ({@link #validate}). {@link #parse} admits only names
 * valid for new packages; {@link #parseLegacy} also admits names that only carry warnings (capital
 * letters, core module names, more than 214 characters, {@code ~'!()*}), which old packages in the
 * public registry have. Instances are immutable; equality is by the name string.
 */
public final class PackageName implements Comparable<PackageName> {
  private final String name;
  private final int slash;

  private PackageName(String name) {
    this.name = name;
    this.slash = name.startsWith("@") ? name.indexOf('/') : -1;
  }

  /**
   * Checks a name against validate-npm-package-name 7.0.2 and returns its exact verdict.
   *
   * @param name any string
   * @return the flags and the library's error and warning messages
   */
  public static NameValidation validate(String name) {
    return NameRules.validate(name);
  }

  /**
   * Parses a name that is valid for new packages.
   *
   * @throws CoreException {@code EINVALIDPACKAGENAME} with the errors and warnings joined by {@code
   *     "; "} when the name is not valid for new packages
   */
  public static PackageName parse(String name) {
    NameValidation v = validate(name);
    if (!v.validForNewPackages()) {
      throw invalid(name, v, true);
    }
    return new PackageName(name);
  }

  /**
   * Parses a name that is valid at least for old packages (warnings are accepted), as npm does for
   * names it reads from manifests, lockfiles and the registry.
   *
   * @throws CoreException {@code EINVALIDPACKAGENAME} when the name has errors
   */
  public static PackageName parseLegacy(String name) {
    NameValidation v = validate(name);
    if (!v.validForOldPackages()) {
      throw invalid(name, v, false);
    }
    return new PackageName(name);
  }

  /**
   * Parses the package part of a registry URL path as npm clients send it: {@code lodash}, {@code
   * @scope%2fname}, {@code @scope%2Fname}, {@code @scope/name} or {@code %40scope%2fname}; one
   * leading {@code /} is ignored. The path is percent-decoded (UTF-8) and the name parsed with the
   * legacy rules, since the registry must serve old packages.
   *
   * @throws CoreException {@code EINVALIDPACKAGENAME} on a bad escape or an invalid name
   */
  public static PackageName fromRegistryPath(String rawPath) {
    String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    String decoded;
    try {
      decoded = EcmaStrings.decodeUriComponent(path);
    } catch (CoreException e) {
      throw new CoreException(
          "EINVALIDPACKAGENAME", "Invalid package name in path \"" + rawPath + "\"", e);
    }
    return parseLegacy(decoded);
  }

  /** The full name, e.g. {@code @scope/name}. */
  public String name() {
    return name;
  }

  /** Whether the name has a scope. */
  public boolean isScoped() {
    return slash > 0;
  }

  /** The scope with its {@code @} (as npm-package-arg's {@code scope}), e.g. {@code @babel}. */
  public Optional<String> scope() {
    return slash > 0 ? Optional.of(name.substring(0, slash)) : Optional.empty();
  }

  /** The name without its scope, e.g. {@code core} for {@code @babel/core}. */
  public String bareName() {
    return slash > 0 ? name.substring(slash + 1) : name;
  }

  /**
   * The name as one registry URL path segment, as npm-package-arg's {@code escapedName}: the
   * scope's slash becomes {@code %2f}, e.g. {@code @babel%2fcore}.
   */
  public String escapedName() {
    return slash > 0 ? name.substring(0, slash) + "%2f" + name.substring(slash + 1) : name;
  }

  /**
   * The tarball file name the registry serves for a version, {@code <bareName>-<version>.tgz} (npm
   * publishes {@code @scope/name@1.2.3} as {@code name-1.2.3.tgz}).
   *
   * @param version a version string, e.g. {@code 1.2.3}
   */
  public String tarballFileName(String version) {
    return bareName() + "-" + version + ".tgz";
  }

  /**
   * The registry path of a version's tarball, {@code /<name>/-/<bareName>-<version>.tgz}, e.g.
   * {@code /@scope/name/-/name-1.2.3.tgz}, as npm registries build tarball URLs.
   */
  public String tarballPath(String version) {
    return "/" + name + "/-/" + tarballFileName(version);
  }

  /** Orders by the name string (UTF-16 code units), as JavaScript sorts names. */
  @Override
  public int compareTo(PackageName o) {
    return name.compareTo(o.name);
  }

  /** Equal when the names are the same string. */
  @Override
  public boolean equals(Object o) {
    return o instanceof PackageName p && p.name.equals(name);
  }

  /** The name string's hash. */
  @Override
  public int hashCode() {
    return name.hashCode();
  }

  /** The full name. */
  @Override
  public String toString() {
    return name;
  }

  private static CoreException invalid(String name, NameValidation v, boolean strict) {
    var problems = new java.util.ArrayList<>(v.errors());
    if (strict) {
      problems.addAll(v.warnings());
    }
    return new CoreException(
        "EINVALIDPACKAGENAME",
        "Invalid package name \"" + name + "\": " + String.join("; ", problems));
  }
}
