package dev.quoll.core.spec;

import dev.quoll.core.name.PackageName;

/**
 * An alias, {@code name@npm:real@spec} (npm-package-arg 13 {@code fromAlias}): installs the
 * registry package {@link #subSpec()} under another name. It has no saveSpec or fetchSpec.
 */
public final class AliasSpec extends SpecBase implements PackageSpec {
  private final RegistrySpec subSpec;

  AliasSpec(String raw, PackageName name, String rawSpec, RegistrySpec subSpec) {
    super(SpecType.ALIAS, raw, name, rawSpec, null, null);
    this.subSpec = subSpec;
  }

  /** The aliased registry spec; it always has a name. */
  public RegistrySpec subSpec() {
    return subSpec;
  }

  /** Always true: the package comes from a registry. */
  @Override
  public boolean registry() {
    return true;
  }

  @Override
  boolean extraEquals(SpecBase other) {
    return ((AliasSpec) other).subSpec.equals(subSpec);
  }
}
