package dev.quoll.registry.access;

import dev.quoll.core.name.PackageName;
import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import dev.quoll.registry.accounts.Identity;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one place that decides who may read, write or administer a package (architecture: "one
 * AccessPolicy answers ... nothing else decides access"). Every package handler asks it.
 *
 * <p>Rules (npm's unscoped owner model, seed R-051, R-107; wire note §8):
 *
 * <ul>
 *   <li>read: every package published here is public for now, so everyone (signed in or not) may
 *       read; a package one may not read is answered 404 ({@link #requireRead}), never 403.
 *   <li>write (publish, dist-tags, deprecate, unpublish, owners): a maintainer listed in the
 *       package's {@code maintainers}, or a registry admin. For the tombstone of a fully
 *       unpublished package, the maintainers it records ({@code time.unpublished.maintainers}) may
 *       still repeat the unpublish (a harmless retry), but nobody may publish over the tombstone
 *       until an admin releases the name ({@code PackageService}'s placeholder rule).
 *   <li>create (the first publish of a name): {@code @<user>/*} belongs to the account {@code
 *       <user>}; nobody else may publish into it (registry admins excepted). For orgs and scopes
 *       that name nobody see below.
 *   <li>admin: registry admins (config key {@code admins}) may do anything; they alone may
 *       unpublish past the window and release a placeholder name.
 * </ul>
 *
 * <p>Orgs and teams ({@link OrgRights}; npmjs "Organization roles and permissions", seed R-051,
 * R-098, R-103, wire note §9–§11) add to these rules:
 *
 * <ul>
 *   <li>a team grant gives its members read ({@code read-only}) or read and write ({@code
 *       read-write}) on a package; a restricted package becomes readable (200 instead of 404);
 *   <li>the owners and admins of an org may read and write every package in the org's scope
 *       {@code @<org>/*} (they manage the org's packages and their team access);
 *   <li>create: {@code @<org>/*} is open to every member of the org (npmjs: "create and publish
 *       packages in the organization scope" is allowed to owners, admins and members), nobody else;
 *       a scope that names neither an account nor an org belongs to nobody, and nobody but a
 *       registry admin may publish into it (seed N-027: "a scope is a user or org name ... only the
 *       owner can publish into a scope");
 *   <li>the tombstone of an unpublished package keeps its name for its former maintainers only.
 * </ul>
 */
public final class AccessPolicy {
  private final Set<String> admins;
  private final Predicate<String> userExists;
  private final OrgRights orgs;

  /**
   * A policy without orgs.
   *
   * @param admins the user names of registry admins
   * @param userExists whether an account of that name exists (for scope ownership)
   */
  public AccessPolicy(Set<String> admins, Predicate<String> userExists) {
    this(admins, userExists, OrgRights.NONE);
  }

  /**
   * @param admins the user names of registry admins
   * @param userExists whether an account of that name exists (for scope ownership)
   * @param orgs orgs, roles and team grants
   */
  public AccessPolicy(Set<String> admins, Predicate<String> userExists, OrgRights orgs) {
    this.admins = Set.copyOf(admins);
    this.userExists = userExists;
    this.orgs = orgs;
  }

  /** The orgs this policy consults. */
  public OrgRights orgs() {
    return orgs;
  }

  /** What an identity wants to do with a package. */
  public enum Permission {
    /** Read the packument, versions, tarballs and dist-tags. */
    READ,
    /** Publish, change dist-tags, deprecate, unpublish in the window, change owners. */
    WRITE,
    /** Registry administration: unpublish past the window, release a name. */
    ADMIN
  }

  /** Whether the user is a registry admin. */
  public boolean isAdmin(Identity who) {
    return admins.contains(who.name());
  }

  /**
   * @param who the caller, empty when anonymous
   * @param doc the package (a tombstone too)
   * @param permission what the caller wants
   * @return whether it is allowed
   */
  public boolean allows(Optional<Identity> who, PackageAccess doc, Permission permission) {
    return switch (permission) {
      case READ ->
          !doc.restricted()
              || who.filter(
                      w ->
                          isAdmin(w)
                              || doc.owners().contains(w.name())
                              || throughOrg(w, doc, false))
                  .isPresent();
      case WRITE ->
          who.filter(w -> isAdmin(w) || doc.owners().contains(w.name()) || throughOrg(w, doc, true))
              .isPresent();
      case ADMIN -> who.filter(this::isAdmin).isPresent();
    };
  }

  /**
   * Whether an org role in the package's scope or a team grant gives the right (see the class
   * docstring); never for a tombstone.
   */
  private boolean throughOrg(Identity who, PackageAccess doc, boolean write) {
    if (doc.unpublished()) {
      return false;
    }
    Optional<String> scope = scopeOf(doc.name());
    if (scope.isPresent()
        && orgs.role(scope.get(), who.name()).filter(OrgRole::managesTeams).isPresent()) {
      return true;
    }
    return orgs.teamPermission(who.name(), doc.name())
        .filter(p -> !write || p == OrgRights.TeamPermission.READ_WRITE)
        .isPresent();
  }

  /** The scope of a package name without {@code @}, empty for an unscoped name. */
  private static Optional<String> scopeOf(String name) {
    int slash = name.indexOf('/');
    return name.startsWith("@") && slash > 1
        ? Optional.of(name.substring(1, slash))
        : Optional.empty();
  }

  /**
   * @param who the caller, asked for only when the package is not public
   * @param doc the package
   * @throws RegistryException {@code NOT_FOUND} when the caller may not read the package (its
   *     existence is not disclosed)
   */
  public void requireRead(Supplier<Optional<Identity>> who, PackageAccess doc) {
    if (allows(Optional.empty(), doc, Permission.READ)) {
      return;
    }
    if (!allows(who.get(), doc, Permission.READ)) {
      throw new RegistryException(Kind.NOT_FOUND, "Not found");
    }
  }

  /**
   * @throws RegistryException {@code NOT_FOUND} when the caller may not even read the package,
   *     {@code FORBIDDEN} when the caller may read but not write it
   */
  public void requireWrite(Identity who, PackageAccess doc) {
    requireRead(() -> Optional.of(who), doc);
    if (!allows(Optional.of(who), doc, Permission.WRITE)) {
      throw new RegistryException(
          Kind.FORBIDDEN, who.name() + " is not a maintainer of " + doc.name());
    }
  }

  /**
   * Checks the first publish of a name.
   *
   * @throws RegistryException {@code FORBIDDEN} when the name's scope is another user's, an org the
   *     caller is not a member of, or nobody's
   */
  public void requireCreate(Identity who, PackageName name) {
    Optional<String> scope = name.scope().map(s -> s.substring(1));
    if (scope.isEmpty() || scope.get().equals(who.name()) || isAdmin(who)) {
      return;
    }
    if (orgs.orgExists(scope.get())) {
      if (orgs.role(scope.get(), who.name()).isPresent()) {
        return;
      }
      throw new RegistryException(
          Kind.FORBIDDEN,
          "The scope @"
              + scope.get()
              + " belongs to the org "
              + scope.get()
              + "; only its members may publish into it");
    }
    if (!userExists.test(scope.get())) {
      throw new RegistryException(
          Kind.FORBIDDEN,
          "The scope @"
              + scope.get()
              + " is not yours: no user or org has that name. Publish into your own scope @"
              + who.name()
              + " or into an org you belong to");
    }
    if (userExists.test(scope.get())) {
      throw new RegistryException(
          Kind.FORBIDDEN,
          "The scope @"
              + scope.get()
              + " belongs to the user "
              + scope.get()
              + "; only they"
              + " may publish into it");
    }
  }
}
