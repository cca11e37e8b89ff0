package dev.quoll.registry.packages;

import dev.quoll.core.name.PackageName;
import dev.quoll.core.packument.Packument;
import dev.quoll.registry.RegistryException;
import dev.quoll.registry.access.AccessPolicy;
import dev.quoll.registry.access.PackageAccess;
import dev.quoll.registry.accounts.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Read-side questions about packages for npm access and npm stars: visibility, owners, the packages
 * of a user, the packages a user starred. Guarantees: a package the caller may not read is never
 * listed, and asking about it directly is a 404 ({@link AccessPolicy}); the listings scan every
 * package name (fine for a private registry; a later index may replace the scan).
 */
public final class PackageQueries {
  private final PackageService packages;

  /**
   * @param packages the package service whose store, render cache and policy are used
   */
  public PackageQueries(PackageService packages) {
    this.packages = packages;
  }

  /**
   * The packages a user starred, sorted (npm stars; wire note §12). Scans every package.
   *
   * @param userName the user
   * @param caller the caller, empty when anonymous (packages it may not read are left out)
   * @return package names
   */
  public List<String> listStarred(String userName, Optional<Identity> caller) {
    List<String> out = new ArrayList<>();
    for (String n : packages.store().listPackageNames()) {
      packages
          .store()
          .findPackage(n)
          .map(p -> Packument.parse(p.document()))
          .filter(d -> d.users().contains(userName))
          .filter(
              d ->
                  packages
                      .access()
                      .allows(caller, PackageAccess.of(d), AccessPolicy.Permission.READ))
          .ifPresent(d -> out.add(n));
    }
    return out;
  }

  /**
   * Whether a package is restricted (npm access get status).
   *
   * @param caller the caller, empty when anonymous
   * @throws RegistryException {@code NOT_FOUND} for an unknown package or one the caller may not
   *     read
   */
  public boolean isRestricted(PackageName name, Optional<Identity> caller) {
    PackageAccess a =
        packages
            .findPackument(name, false)
            .map(RenderedPackument::access)
            .filter(x -> !x.unpublished())
            .orElseThrow(() -> PackageService.notFound(name));
    packages.access().requireRead(() -> caller, a);
    return a.restricted();
  }

  /**
   * The owners of a package (npm access list collaborators): each may write it.
   *
   * @param caller the caller, empty when anonymous
   * @throws RegistryException {@code NOT_FOUND} for an unknown package or one the caller may not
   *     read
   */
  public List<String> listOwners(PackageName name, Optional<Identity> caller) {
    PackageAccess a =
        packages
            .findPackument(name, false)
            .map(RenderedPackument::access)
            .filter(x -> !x.unpublished())
            .orElseThrow(() -> PackageService.notFound(name));
    packages.access().requireRead(() -> caller, a);
    return a.owners();
  }

  /**
   * The packages a user owns that the caller may read, sorted (npm access list packages). Scans
   * every package.
   *
   * @param userName the owner
   * @param caller the caller, empty when anonymous
   */
  public List<String> listPackagesOf(String userName, Optional<Identity> caller) {
    List<String> out = new ArrayList<>();
    for (String n : packages.store().listPackageNames()) {
      PackageName name;
      try {
        name = PackageName.parse(n);
      } catch (RuntimeException e) {
        continue;
      }
      packages
          .findPackument(name, false)
          .map(RenderedPackument::access)
          .filter(a -> !a.unpublished() && a.owners().contains(userName))
          .filter(a -> packages.access().allows(caller, a, AccessPolicy.Permission.READ))
          .ifPresent(a -> out.add(n));
    }
    return out;
  }
}
