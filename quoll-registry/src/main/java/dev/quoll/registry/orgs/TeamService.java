package dev.quoll.registry.orgs;

import dev.quoll.core.name.PackageName;
import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import dev.quoll.registry.access.AccessPolicy;
import dev.quoll.registry.access.AccessPolicy.Permission;
import dev.quoll.registry.access.OrgRights.TeamPermission;
import dev.quoll.registry.access.OrgRole;
import dev.quoll.registry.access.PackageAccess;
import dev.quoll.registry.accounts.Identity;
import dev.quoll.registry.packages.PackageService;
import dev.quoll.registry.packages.RenderedPackument;
import dev.quoll.registry.storage.MetadataStore;
import dev.quoll.registry.storage.OrgStore;
import dev.quoll.registry.storage.OrgStore.Team;
import dev.quoll.registry.storage.OrgStore.TeamGrant;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Teams and their package access: npm team create/destroy/add/rm/ls (wire note §11) and npm access
 * grant/revoke/list (§9).
 *
 * <p>Rules (npmjs "Organization roles and permissions", "About the developers team"; seed R-099 to
 * R-104):
 *
 * <ul>
 *   <li>owners and admins of the org create and destroy teams, change team membership and grant or
 *       revoke team access; any member lists teams and team members;
 *   <li>a team name is 1 to 50 characters of lowercase letters, digits, {@code -}, {@code _} and
 *       {@code .}, starting with a letter or digit (npmjs refuses other names; libnpmteam itself
 *       only splits {@code scope:team}); {@code developers} cannot be destroyed, and nobody leaves
 *       it but by leaving the org;
 *   <li>only members of the org join its teams;
 *   <li>granting access to a package needs write access to the package as well ({@link
 *       AccessPolicy}); a package the caller may not read is 404;
 *   <li>a package first published into an org's scope is granted {@code read-write} to the org's
 *       {@code developers} team (npm docs, orgs: "this team automatically gets read-write access to
 *       all packages, but you can change that with the access command").
 * </ul>
 */
public final class TeamService {
  private static final Pattern TEAM_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,49}");

  private final MetadataStore meta;
  private final OrgStore store;
  private final OrgService orgs;
  private final PackageService packages;
  private final Clock clock;

  /**
   * @param meta the metadata store (package names, orgs)
   * @param orgs membership checks
   * @param packages packages and the access policy
   * @param clock the time source
   */
  public TeamService(MetadataStore meta, OrgService orgs, PackageService packages, Clock clock) {
    this.meta = meta;
    this.store = meta.orgs();
    this.orgs = orgs;
    this.packages = packages;
    this.clock = clock;
  }

  /**
   * npm team create.
   *
   * @throws RegistryException {@code BAD_REQUEST} for a bad team name, {@code NOT_FOUND}, {@code
   *     FORBIDDEN}, {@code CONFLICT} when the team exists
   */
  public Team createTeam(String org, String team, String description, Identity caller) {
    orgs.requireRole(org, caller, OrgRole.ADMIN, "create teams");
    if (!TEAM_NAME.matcher(team).matches()) {
      throw new RegistryException(
          Kind.BAD_REQUEST,
          "Team names are 1 to 50 lowercase letters, digits, '-', '_' or '.', starting with a"
              + " letter or digit: "
              + team);
    }
    Team t = new Team(org, team, description, clock.instant());
    if (!store.createTeam(t)) {
      throw new RegistryException(Kind.CONFLICT, "The team " + org + ":" + team + " exists");
    }
    return t;
  }

  /**
   * npm team destroy.
   *
   * @throws RegistryException {@code BAD_REQUEST} for {@code developers}, {@code NOT_FOUND}, {@code
   *     FORBIDDEN}
   */
  public void destroyTeam(String org, String team, Identity caller) {
    orgs.requireRole(org, caller, OrgRole.ADMIN, "destroy teams");
    requireTeam(org, team);
    if (team.equals(OrgStore.DEVELOPERS)) {
      throw new RegistryException(
          Kind.BAD_REQUEST, "The developers team of " + org + " cannot be destroyed");
    }
    store.removeTeam(org, team);
  }

  /**
   * npm team add.
   *
   * @throws RegistryException {@code BAD_REQUEST} for a user who is not a member of the org, {@code
   *     NOT_FOUND}, {@code FORBIDDEN}
   */
  public void addMember(String org, String team, String user, Identity caller) {
    orgs.requireRole(org, caller, OrgRole.ADMIN, "change team membership");
    requireTeam(org, team);
    if (packages.access().orgs().role(org, user).isEmpty()) {
      throw new RegistryException(
          Kind.BAD_REQUEST, user + " is not a member of the org " + org + "; add them first");
    }
    store.saveTeamMember(org, team, user);
  }

  /**
   * npm team rm.
   *
   * @throws RegistryException {@code BAD_REQUEST} for the developers team, {@code NOT_FOUND},
   *     {@code FORBIDDEN}
   */
  public void removeMember(String org, String team, String user, Identity caller) {
    orgs.requireRole(org, caller, OrgRole.ADMIN, "change team membership");
    requireTeam(org, team);
    if (team.equals(OrgStore.DEVELOPERS)) {
      throw new RegistryException(
          Kind.BAD_REQUEST,
          "Every member of " + org + " is in its developers team; remove them from the org");
    }
    if (!store.listTeamMembers(org, team).contains(user)) {
      throw new RegistryException(Kind.NOT_FOUND, user + " is not in " + org + ":" + team);
    }
    store.removeTeamMember(org, team, user);
  }

  /**
   * npm team ls {@code @org}: {@code org:team} for each team, sorted.
   *
   * @throws RegistryException {@code NOT_FOUND}, {@code FORBIDDEN} for a non-member
   */
  public List<String> listTeams(String org, Identity caller) {
    orgs.requireMember(org, caller);
    return store.listTeams(org).stream().map(t -> org + ":" + t.name()).toList();
  }

  /**
   * npm team ls {@code @org:team}: the members, sorted.
   *
   * @throws RegistryException {@code NOT_FOUND}, {@code FORBIDDEN} for a non-member
   */
  public List<String> listMembers(String org, String team, Identity caller) {
    orgs.requireMember(org, caller);
    requireTeam(org, team);
    return store.listTeamMembers(org, team);
  }

  /**
   * npm access grant.
   *
   * @param permission {@code read-only} or {@code read-write}
   * @throws RegistryException {@code BAD_REQUEST}, {@code NOT_FOUND} (org, team, or a package the
   *     caller may not read), {@code FORBIDDEN} (not an owner or admin of the org, or may not write
   *     the package)
   */
  public void grant(String org, String team, PackageName name, String permission, Identity caller) {
    TeamPermission p =
        TeamPermission.parse(permission)
            .orElseThrow(
                () ->
                    new RegistryException(
                        Kind.BAD_REQUEST, "permissions must be read-only or read-write"));
    orgs.requireRole(org, caller, OrgRole.ADMIN, "manage team package access");
    requireTeam(org, team);
    packages.access().requireWrite(caller, localPackage(name));
    store.saveTeamGrant(new TeamGrant(org, team, name.name(), p.wire()));
  }

  /**
   * npm access revoke.
   *
   * @throws RegistryException as {@link #grant}
   */
  public void revoke(String org, String team, PackageName name, Identity caller) {
    orgs.requireRole(org, caller, OrgRole.ADMIN, "manage team package access");
    requireTeam(org, team);
    packages.access().requireWrite(caller, localPackage(name));
    store.removeTeamGrant(org, team, name.name());
  }

  /**
   * npm access list packages {@code org:team}: {@code {package: "read"|"write"}} of the packages
   * the caller may read.
   *
   * @throws RegistryException {@code NOT_FOUND}, {@code FORBIDDEN} for a non-member
   */
  public Map<String, String> listTeamPackages(String org, String team, Optional<Identity> caller) {
    orgs.requireMember(org, caller.orElseThrow(() -> notMember(org)));
    requireTeam(org, team);
    Map<String, String> out = new TreeMap<>();
    for (TeamGrant g : store.listTeamGrants(org, team)) {
      if (readable(g.packageName(), caller)) {
        out.put(g.packageName(), TeamPermission.parse(g.permission()).orElseThrow().shortForm());
      }
    }
    return out;
  }

  /**
   * npm access list packages {@code org}: the packages of the org's scope ({@code write}) and those
   * granted to any of its teams (the strongest grant), that the caller may read.
   *
   * @throws RegistryException {@code NOT_FOUND} for an unknown org (npm then asks {@code
   *     /-/user/<name>/package})
   */
  public Map<String, String> listOrgPackages(String org, Optional<Identity> caller) {
    orgs.requireOrg(org);
    Map<String, String> out = new TreeMap<>();
    for (Team t : store.listTeams(org)) {
      for (TeamGrant g : store.listTeamGrants(org, t.name())) {
        String p = TeamPermission.parse(g.permission()).orElseThrow().shortForm();
        out.merge(g.packageName(), p, (a, b) -> a.equals("write") ? a : b);
      }
    }
    for (String n : meta.listPackageNames()) {
      if (n.startsWith("@" + org + "/")) {
        out.put(n, "write");
      }
    }
    out.keySet().removeIf(n -> !readable(n, caller));
    return out;
  }

  /**
   * npm access list collaborators with team grants: the package's owners ({@code write}) and each
   * member of a team with a grant on it (its permission, the strongest when several).
   *
   * @param owners the package's owners
   */
  public Map<String, String> collaborators(PackageName name, List<String> owners) {
    Map<String, String> out = new TreeMap<>();
    for (TeamGrant g : store.listPackageGrants(name.name())) {
      String p = TeamPermission.parse(g.permission()).orElseThrow().shortForm();
      for (String u : store.listTeamMembers(g.org(), g.team())) {
        out.merge(u, p, (a, b) -> a.equals("write") ? a : b);
      }
    }
    owners.forEach(o -> out.put(o, "write"));
    return out;
  }

  /**
   * After the first publish of a name: a package of an org's scope is granted {@code read-write} to
   * the org's {@code developers} team.
   */
  public void created(PackageName name) {
    Optional<String> scope = name.scope().map(s -> s.substring(1));
    if (scope.isPresent() && store.findOrg(scope.get()).isPresent()) {
      store.saveTeamGrant(
          new TeamGrant(
              scope.get(), OrgStore.DEVELOPERS, name.name(), TeamPermission.READ_WRITE.wire()));
    }
  }

  private boolean readable(String packageName, Optional<Identity> caller) {
    try {
      return packages
          .findPackument(PackageName.parse(packageName), false)
          .map(RenderedPackument::access)
          .filter(a -> !a.unpublished())
          .filter(a -> packages.access().allows(caller, a, Permission.READ))
          .isPresent();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private PackageAccess localPackage(PackageName name) {
    return packages
        .findPackument(name, true)
        .map(RenderedPackument::access)
        .filter(a -> !a.unpublished())
        .orElseThrow(() -> new RegistryException(Kind.NOT_FOUND, "Not found: " + name.name()));
  }

  private void requireTeam(String org, String team) {
    if (store.listTeams(org).stream().noneMatch(t -> t.name().equals(team))) {
      throw new RegistryException(Kind.NOT_FOUND, "No such team: " + org + ":" + team);
    }
  }

  private static RegistryException notMember(String org) {
    return new RegistryException(Kind.UNAUTHORIZED, "Log in to see the teams of " + org);
  }
}
