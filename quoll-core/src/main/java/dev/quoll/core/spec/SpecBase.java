package dev.quoll.core.spec;

import dev.quoll.core.name.PackageName;
import java.util.Objects;
import java.util.Optional;

/** The fields every npm-package-arg result has; immutable, equality by all of them. */
abstract sealed class SpecBase permits RegistrySpec, AliasSpec, FileSpec, RemoteSpec, GitSpec {
  private final SpecType type;
  private final String raw;
  private final PackageName name;
  private final String rawSpec;
  private final String saveSpec;
  private final String fetchSpec;

  SpecBase(
      SpecType type,
      String raw,
      PackageName name,
      String rawSpec,
      String saveSpec,
      String fetchSpec) {
    this.type = Objects.requireNonNull(type);
    this.raw = Objects.requireNonNull(raw);
    this.name = name;
    this.rawSpec = Objects.requireNonNull(rawSpec);
    this.saveSpec = saveSpec;
    this.fetchSpec = fetchSpec;
  }

  /** npm-package-arg's {@code type}. */
  public SpecType type() {
    return type;
  }

  /** The input: the argument, or {@code name@spec} for a dependency entry. */
  public String raw() {
    return raw;
  }

  /** The package name, when the spec has one. */
  public Optional<String> name() {
    return packageName().map(PackageName::name);
  }

  /** The package name as a {@link PackageName} (valid at least for old packages). */
  public Optional<PackageName> packageName() {
    return Optional.ofNullable(name);
  }

  /** The name as one registry URL path segment ({@code @scope%2fname}). */
  public Optional<String> escapedName() {
    return packageName().map(PackageName::escapedName);
  }

  /** The scope with its {@code @}, when the name is scoped. */
  public Optional<String> scope() {
    return packageName().flatMap(PackageName::scope);
  }

  /** The spec part of the input. */
  public String rawSpec() {
    return rawSpec;
  }

  /** What npm would write to package.json, when npm-package-arg computes it. */
  public Optional<String> saveSpec() {
    return Optional.ofNullable(saveSpec);
  }

  /** What npm fetches, when npm-package-arg computes it. */
  public Optional<String> fetchSpec() {
    return Optional.ofNullable(fetchSpec);
  }

  /** Equal when of the same kind with the same fields. */
  @Override
  public boolean equals(Object o) {
    return o instanceof SpecBase s
        && s.getClass() == getClass()
        && s.type == type
        && s.raw.equals(raw)
        && Objects.equals(s.name, name)
        && s.rawSpec.equals(rawSpec)
        && Objects.equals(s.saveSpec, saveSpec)
        && Objects.equals(s.fetchSpec, fetchSpec)
        && extraEquals(s);
  }

  boolean extraEquals(SpecBase other) {
    return true;
  }

  /** Hash of the common fields. */
  @Override
  public int hashCode() {
    return Objects.hash(type, raw, name, rawSpec, saveSpec, fetchSpec);
  }

  /** npm-package-arg's {@code toString()}: {@code name@spec} with the most specific spec. */
  @Override
  public String toString() {
    String spec = saveSpec != null && !saveSpec.isEmpty() ? saveSpec : fetchSpec;
    if (spec == null || spec.isEmpty()) {
      spec = rawSpec;
    }
    if (name == null) {
      return spec.isEmpty() ? raw : spec;
    }
    return spec.isEmpty() ? name.name() : name.name() + "@" + spec;
  }
}
