package dev.quoll.registry.http;

/**
 * What a raw request path names. Names and other segments are kept as they arrived
 * (percent-encoded); handlers decode them with the rules of their resource.
 */
public sealed interface Route {
  /** {@code /-/ping}. */
  record Ping() implements Route {}

  /** {@code /-/v1/login}: starts a web login (POST, wire note §13.3). */
  record WebLoginStart() implements Route {}

  /**
   * {@code /-/v1/done/<session>}: npm polls it until the browser login is done.
   *
   * @param rawSession the session id as in the path
   */
  record WebLoginDone(String rawSession) implements Route {}

  /**
   * {@code /-/web/login/<session>}: the browser's login or sign-up form (GET shows, POST submits).
   *
   * @param rawSession the session id as in the path
   */
  record WebLoginPage(String rawSession) implements Route {}

  /** {@code /-/whoami}. */
  record Whoami() implements Route {}

  /**
   * {@code /<name>}: the packument (GET) or a publish (PUT).
   *
   * @param rawName the name as in the path, e.g. {@code @s%2fp} or {@code @s/p}
   */
  record Package(String rawName) implements Route {}

  /**
   * {@code /<name>/<version-or-tag>}.
   *
   * @param rawName the name as in the path
   * @param rawSpec the version or tag as in the path
   */
  record Version(String rawName, String rawSpec) implements Route {}

  /**
   * {@code /<name>/-/<file>}: a tarball.
   *
   * @param rawName the name as in the path
   * @param rawFile the file name as in the path (a scope prefix already dropped)
   */
  record Tarball(String rawName, String rawFile) implements Route {}

  /**
   * {@code /-/package/<name>/dist-tags}.
   *
   * @param rawName the name as in the path
   */
  record DistTags(String rawName) implements Route {}

  /**
   * {@code /-/package/<name>/dist-tags/<tag>}.
   *
   * @param rawName the name as in the path
   * @param rawTag the tag as in the path
   */
  record DistTag(String rawName, String rawTag) implements Route {}

  /**
   * {@code /-/user/org.couchdb.user:<name>}.
   *
   * @param rawUser the user name as in the path
   */
  record CouchUser(String rawUser) implements Route {}

  /**
   * {@code /-/user/token/<token>}.
   *
   * @param rawToken the token as in the path (never logged)
   */
  record UserToken(String rawToken) implements Route {}

  /** {@code /-/npm/v1/tokens}: list (GET) or create (POST) tokens (wire note §14). */
  record Tokens() implements Route {}

  /**
   * {@code /-/npm/v1/tokens/token/<key-or-token>}: revoke (DELETE).
   *
   * @param rawKey the key or raw token as in the path (never logged)
   */
  record TokenKey(String rawKey) implements Route {}

  /** {@code /-/npm/v1/user}: the profile (GET) and its changes (POST) (wire note §15). */
  record Profile() implements Route {}

  /**
   * {@code /<name>/-rev/<rev>}: owner changes and one-version unpublish (PUT), whole-package
   * unpublish (DELETE) (wire note §6, §8).
   *
   * @param rawName the name as in the path
   * @param rawRev the revision as in the path
   */
  record PackageRev(String rawName, String rawRev) implements Route {}

  /**
   * {@code /<name>/-/<file>/-rev/<rev>}: the tarball DELETE of a one-version unpublish (§6).
   *
   * @param rawName the name as in the path
   * @param rawFile the file name as in the path
   * @param rawRev the revision as in the path
   */
  record TarballRev(String rawName, String rawFile, String rawRev) implements Route {}

  /** {@code /-/_view/starredByUser?key="<user>"}: npm stars (wire note §12). */
  record StarredByUser() implements Route {}

  /**
   * {@code /-/package/<name>/visibility}: {@code {"public": bool}} (npm access get status).
   *
   * @param rawName the name as in the path
   */
  record PackageVisibility(String rawName) implements Route {}

  /**
   * {@code /-/package/<name>/access}: POST {@code {"access": "public"|"restricted"}} (npm access
   * set status).
   *
   * @param rawName the name as in the path
   */
  record PackageAccessLevel(String rawName) implements Route {}

  /**
   * {@code /-/quoll/admin/package/<name>}: DELETE releases an unpublished name (registry admins).
   *
   * @param rawName the name as in the path
   */
  record AdminPackage(String rawName) implements Route {}

  /**
   * {@code /-/quoll/admin/user/<name>/deactivate}: POST deactivates an account (registry admins).
   *
   * @param rawUser the user name as in the path
   */
  record AdminDeactivateUser(String rawUser) implements Route {}

  /**
   * {@code /-/quoll/admin/user/<name>/reactivate}: POST reactivates a deactivated account (registry
   * admins).
   *
   * @param rawUser the user name as in the path
   */
  record AdminReactivateUser(String rawUser) implements Route {}

  /**
   * {@code /-/package/<name>/collaborators}: {@code {user: "write"}} (npm access list
   * collaborators).
   *
   * @param rawName the name as in the path
   */
  record PackageCollaborators(String rawName) implements Route {}

  /**
   * {@code /-/user/<user>/package}: {@code {package: "write"}} (npm access list packages).
   *
   * @param rawUser the user name as in the path
   */
  record UserPackages(String rawUser) implements Route {}

  /**
   * {@code /-/org/<org>}: PUT creates the org (Quoll's endpoint; docs/api.md).
   *
   * @param rawOrg the org as in the path
   */
  record Org(String rawOrg) implements Route {}

  /**
   * {@code /-/org/<org>/user}: npm org set (PUT), rm (DELETE), ls (GET) (wire note §10).
   *
   * @param rawOrg the org as in the path
   */
  record OrgUsers(String rawOrg) implements Route {}

  /**
   * {@code /-/org/<org>/team}: npm team create (PUT), team ls {@code @org} (GET) (wire note §11).
   *
   * @param rawOrg the org as in the path
   */
  record OrgTeams(String rawOrg) implements Route {}

  /**
   * {@code /-/org/<org>/package}: npm access list packages {@code org} (GET) (wire note §9).
   *
   * @param rawOrg the org as in the path
   */
  record OrgPackages(String rawOrg) implements Route {}

  /**
   * {@code /-/team/<org>/<team>}: npm team destroy (DELETE).
   *
   * @param rawOrg the org as in the path
   * @param rawTeam the team as in the path
   */
  record Team(String rawOrg, String rawTeam) implements Route {}

  /**
   * {@code /-/team/<org>/<team>/user}: npm team add (PUT), rm (DELETE), ls {@code @org:team} (GET).
   *
   * @param rawOrg the org as in the path
   * @param rawTeam the team as in the path
   */
  record TeamUsers(String rawOrg, String rawTeam) implements Route {}

  /**
   * {@code /-/team/<org>/<team>/package}: npm access grant (PUT), revoke (DELETE), list packages
   * {@code org:team} (GET) (wire note §9).
   *
   * @param rawOrg the org as in the path
   * @param rawTeam the team as in the path
   */
  record TeamPackages(String rawOrg, String rawTeam) implements Route {}

  /** Anything else. */
  record Unknown() implements Route {}
}
