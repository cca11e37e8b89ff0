package dev.quoll.registry.http;

import dev.quoll.core.name.PackageName;
import dev.quoll.registry.access.AccessPolicy;
import dev.quoll.registry.access.PackageAccess;
import dev.quoll.registry.accounts.Identity;
import dev.quoll.registry.packages.PackageService;
import dev.quoll.registry.packages.RenderedPackument;
import java.util.Optional;

/**
 * Authenticates every write to a package with the package's own two-factor rule ({@code npm access
 * set mfa}, stored as {@code _mfa}), so that no write can go around it through another endpoint.
 *
 * <p>Guarantees: each package write (publish, deprecate/undeprecate, dist-tag add/rm, owner add/rm,
 * every step of unpublish, access set status/mfa; team grants and revokes when orgs and teams come,
 * which must call it too) passes through {@link #requireWrite}; the package's rule applies to
 * whoever the {@link AccessPolicy} lets write the package (its owners and registry admins), while a
 * caller who may not write it is authenticated without the rule and then refused by the package
 * service with 403 or 404, so the rule never discloses a package the caller may not read. Star and
 * unstar are not package writes (npm 11 does not wrap them in {@code otplease}) and do not come
 * here.
 *
 * <p>The rule, after npmjs ("Requiring 2FA for package publishing and settings modification",
 * docs.npmjs.com; libnpmaccess {@code setMfa}'s body, wire note §9), applied to every write and not
 * only to publish:
 *
 * <ul>
 *   <li>{@code none}: only the writer's own 2FA applies (auth-and-writes asks for an OTP on every
 *       write; auth-only on none).
 *   <li>{@code publish} ({@code publish_requires_tfa: true, automation_token_overrides_tfa:
 *       false}): the writer must have 2FA on (403 telling them to enable it otherwise) and send an
 *       OTP (401 {@code WWW-Authenticate: OTP}, npm's EOTP), whatever their 2FA mode and whatever
 *       the token, automation ({@code bypass_2fa}) tokens included.
 *   <li>{@code automation} ({@code ..., automation_token_overrides_tfa: true}): as {@code publish},
 *       but a token created with {@code bypass_2fa} (npm's automation and granular tokens) writes
 *       without an OTP and without the writer's 2FA.
 * </ul>
 */
final class PackageWriteGuard {
  private final Authenticator auth;
  private final PackageService packages;

  PackageWriteGuard(Authenticator auth, PackageService packages) {
    this.auth = auth;
    this.packages = packages;
  }

  /**
   * Authenticates a write to a package under its two-factor rule.
   *
   * @param name the package written (it may not exist yet: a first publish has no rule)
   * @return the writer
   * @throws dev.quoll.registry.RegistryException as {@link Authenticator#requireWrite(Exchange,
   *     String, String)}: {@code UNAUTHORIZED}, {@code FORBIDDEN} (read-only or granular token, no
   *     2FA where the package needs it), {@code OTP_REQUIRED}
   */
  Identity requireWrite(Exchange ex, PackageName name) {
    return auth.requireWrite(ex, name.name(), mfaFor(ex, name));
  }

  /**
   * Authenticates the last step of npm 11's one-version unpublish ({@code DELETE
   * /<name>/-/<file>/-rev/<rev>}, wire note §6). npm sends it with the one-time password that its
   * {@code PUT /<name>/-rev/<rev>} has just used, and a one-time password works once here. When the
   * PUT has removed the version, this step changes nothing (the version's tarball was deleted with
   * it): it then needs a credential that may write the package (the service still checks that the
   * caller may write it) but no second one-time password. While the file belongs to a version still
   * in the document, the step removes that version and is a package write like any other.
   *
   * @param file the tarball file name, e.g. {@code p-1.0.0.tgz}
   * @return the caller
   */
  Identity requireTarballRemoval(Exchange ex, PackageName name, String file) {
    boolean live =
        packages
            .findPackument(name, true)
            .filter(r -> !r.access().unpublished())
            .map(r -> r.packument().versions().stream())
            .orElseGet(java.util.stream.Stream::empty)
            .anyMatch(v -> name.tarballFileName(v).equals(file));
    return live ? requireWrite(ex, name) : auth.requireWriteToken(ex, name.name()).identity();
  }

  /** The package's rule when the caller may write it, else {@code none}. */
  private String mfaFor(Exchange ex, PackageName name) {
    Optional<PackageAccess> facts =
        packages.findPackument(name, true).map(RenderedPackument::access);
    if (facts.isEmpty() || facts.get().mfa().equals("none")) {
      return "none";
    }
    Optional<Identity> who = auth.identity(ex);
    boolean writer =
        who.isPresent()
            && packages.access().allows(who, facts.get(), AccessPolicy.Permission.WRITE);
    return writer ? facts.get().mfa() : "none";
  }
}
