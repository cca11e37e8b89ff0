package dev.quoll.registry.storage;

import dev.quoll.registry.RegistryException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Orgs, their members and teams, and the teams' package grants (npm org, npm team, npm access
 * grant; wire note §9–§11).
 *
 * <p>Contract (checked by MetadataStoreContract on every engine): creating an org makes its owner
 * its first member and its {@value #DEVELOPERS} team with the owner in it, in one transaction;
 * saving a member also puts them in {@value #DEVELOPERS}, removing a member also takes them out of
 * every team of the org (seed R-099); removing a team removes its members and grants, removing an
 * org removes everything of it. Roles and permissions are stored as given; the rules about who may
 * change what live in the org service. Failures are {@link RegistryException} {@code INTERNAL}.
 */
public interface OrgStore {
  /** The team every org has and every member joins (seed R-099). */
  String DEVELOPERS = "developers";

  /**
   * @return the org, or empty
   */
  Optional<Org> findOrg(String name);

  /**
   * Creates an org with its first owner and its {@value #DEVELOPERS} team.
   *
   * @return {@code false} when an org of that name exists (nothing changed)
   */
  boolean createOrg(String name, String owner, Instant at);

  /** Removes an org with its members, teams and grants; an unknown org is not an error. */
  void removeOrg(String name);

  /**
   * @return the org's members, sorted by user name
   */
  List<Member> listOrgMembers(String org);

  /**
   * @return the orgs the user belongs to, with the role, sorted by org
   */
  List<Member> listMemberships(String user);

  /** Adds a member or changes their role; a new member joins {@value #DEVELOPERS}. */
  void saveOrgMember(Member member);

  /** Removes a member from the org and from every team of it. */
  void removeOrgMember(String org, String user);

  /**
   * @return the org's teams, sorted by name
   */
  List<Team> listTeams(String org);

  /**
   * @return {@code false} when the org already has a team of that name (nothing changed)
   */
  boolean createTeam(Team team);

  /** Removes a team with its members and grants; an unknown team is not an error. */
  void removeTeam(String org, String team);

  /**
   * @return the team's members, sorted
   */
  List<String> listTeamMembers(String org, String team);

  /** Adds a user to a team (idempotent). */
  void saveTeamMember(String org, String team, String user);

  /** Removes a user from a team; absent is not an error. */
  void removeTeamMember(String org, String team, String user);

  /**
   * @return the team's grants, sorted by package name
   */
  List<TeamGrant> listTeamGrants(String org, String team);

  /**
   * @return every team grant on the package, sorted by org then team
   */
  List<TeamGrant> listPackageGrants(String packageName);

  /**
   * @return the grants on the package of every team the user is in, sorted by org then team
   */
  List<TeamGrant> listUserGrants(String user, String packageName);

  /** Creates or replaces a team's grant on a package. */
  void saveTeamGrant(TeamGrant grant);

  /** Removes a team's grant on a package; absent is not an error. */
  void removeTeamGrant(String org, String team, String packageName);

  /**
   * An org.
   *
   * @param name its name (also its scope, without {@code @})
   * @param created when it was made
   */
  record Org(String name, Instant created) {}

  /**
   * A member of an org.
   *
   * @param org the org
   * @param user the user name
   * @param role {@code owner}, {@code admin} or {@code developer}
   */
  record Member(String org, String user, String role) {}

  /**
   * A team of an org.
   *
   * @param org the org
   * @param name the team name
   * @param description free text ("" when none)
   * @param created when it was made
   */
  record Team(String org, String name, String description, Instant created) {}

  /**
   * A team's access to a package.
   *
   * @param org the org
   * @param team the team
   * @param packageName the package
   * @param permission {@code read-only} or {@code read-write}
   */
  record TeamGrant(String org, String team, String packageName, String permission) {}
}
