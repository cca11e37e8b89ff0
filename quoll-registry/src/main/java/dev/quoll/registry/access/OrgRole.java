package dev.quoll.registry.access;

import java.util.Locale;
import java.util.Optional;

/**
 * A member's role in an org (npm org set; wire note §10; npmjs "Organization roles and
 * permissions"; seed R-098 calls them super admin, team admin and developer).
 *
 * <ul>
 *   <li>{@link #OWNER}: everything, including adding and removing members and changing roles;
 *   <li>{@link #ADMIN}: teams (create, destroy, membership) and the teams' package access;
 *   <li>{@link #DEVELOPER}: nothing to manage; packages through the teams they are in.
 * </ul>
 *
 * Every role may publish a new package into the org's scope and list the org's members and teams.
 */
public enum OrgRole {
  /** The seed's super admin. */
  OWNER,
  /** The seed's team admin. */
  ADMIN,
  /** A plain member. */
  DEVELOPER;

  /** The wire form: {@code owner}, {@code admin} or {@code developer}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the role manages teams and their package access (owners and admins). */
  public boolean managesTeams() {
    return this != DEVELOPER;
  }

  /**
   * Parses a role as npm sends it; the archaic {@code super-admin} and {@code team-admin} (npm's
   * registry docs, orgs/memberships.md) mean owner and admin.
   *
   * @param text the role
   * @return the role, or empty for anything else
   */
  public static Optional<OrgRole> parse(String text) {
    return switch (text) {
      case "owner", "super-admin" -> Optional.of(OWNER);
      case "admin", "team-admin" -> Optional.of(ADMIN);
      case "developer" -> Optional.of(DEVELOPER);
      default -> Optional.empty();
    };
  }
}
