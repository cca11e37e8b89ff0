package dev.quoll.core.spec;

import dev.quoll.core.name.PackageName;

/**
 * A registry spec: type {@link SpecType#VERSION}, {@link SpecType#RANGE} or {@link SpecType#TAG}
 * (npm-package-arg 13 {@code fromRegistry}). Its fetchSpec is the trimmed spec; it has no saveSpec.
 * The name may be absent for a bare range argument such as {@code ^1.2.0}.
 */
public final class RegistrySpec extends SpecBase implements PackageSpec {
  RegistrySpec(SpecType type, String raw, PackageName name, String rawSpec, String fetchSpec) {
    super(type, raw, name, rawSpec, null, fetchSpec);
  }

  /** Always true: the package comes from a registry. */
  @Override
  public boolean registry() {
    return true;
  }
}
