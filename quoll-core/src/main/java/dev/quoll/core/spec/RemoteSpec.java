package dev.quoll.core.spec;

import dev.quoll.core.name.PackageName;

/**
 * A tarball at an {@code http:} or {@code https:} URL (npm-package-arg 13 {@code fromURL}); the
 * saveSpec and fetchSpec are the URL as written.
 */
public final class RemoteSpec extends SpecBase implements PackageSpec {
  RemoteSpec(String raw, PackageName name, String rawSpec) {
    super(SpecType.REMOTE, raw, name, rawSpec, rawSpec, rawSpec);
  }
}
