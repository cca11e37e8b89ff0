package dev.quoll.registry.orgs;

import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import dev.quoll.registry.access.AccessPolicy;
import dev.quoll.registry.access.OrgRole;
import dev.quoll.registry.accounts.Identity;
import dev.quoll.registry.accounts.UserRules;
import dev.quoll.registry.storage.MetadataStore;
import dev.quoll.registry.storage.OrgStore;
import dev.quoll.registry.storage.OrgStore.Member;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Orgs and their members: {@code PUT /-/org/<org>} (create) and npm org set/rm/ls (wire note §10).
 *
 * <p>Rules (npmjs "Organization roles and permissions"; seed; {@link OrgRole}):
 *
 * <ul>
 *   <li>an org name follows the user-name rules and shares their namespace: creating an org whose
 *       name is taken by a user or an org is 409; whoever creates it becomes its only owner;
 *   <li>only owners add and remove members and change roles (npmjs: "add members", "remove
 *       members", "change any organization member's role" are owner-only); any member may leave;
 *   <li>the last owner can be neither removed nor demoted (409);
 *   <li>every member is in the org's {@code developers} team ({@link OrgStore});
 *   <li>any member (and a registry admin) may list the members; others get 403, and an unknown org
 *       is 404.
 * </ul>
 */
public final class OrgService {
  private final MetadataStore store;
  private final AccessPolicy access;
  private final Clock clock;

  /**
   * @param store users and orgs
   * @param access registry admins
   * @param clock the time source
   */
  public OrgService(MetadataStore store, AccessPolicy access, Clock clock) {
    this.store = store;
    this.access = access;
    this.clock = clock;
  }

  /**
   * A membership after npm org set (libnpmorg's MembershipDetail).
   *
   * @param org the org
   * @param size its number of members after the change
   * @param user the member
   * @param role their role
   */
  public record Membership(String org, int size, String user, OrgRole role) {}

  /**
   * Creates an org with the caller as its owner ({@code PUT /-/org/<org>}).
   *
   * @throws RegistryException {@code BAD_REQUEST} for a name that breaks the user-name rules,
   *     {@code CONFLICT} when a user or an org has the name
   */
  public void createOrg(String org, Identity caller) {
    UserRules.checkName(org);
    if (store.findUser(org).isPresent()) {
      throw new RegistryException(Kind.CONFLICT, "The name " + org + " is taken by a user");
    }
    if (!store.orgs().createOrg(org, caller.name(), clock.instant())) {
      throw new RegistryException(Kind.CONFLICT, "The org " + org + " already exists");
    }
  }

  /**
   * Adds a member or changes a role (npm org set).
   *
   * @param roleText the role as sent; empty means {@code developer}
   * @throws RegistryException {@code BAD_REQUEST} for an unknown role, {@code NOT_FOUND} for an
   *     unknown org or user, {@code FORBIDDEN} unless the caller is an owner, {@code CONFLICT} when
   *     the last owner would be demoted
   */
  public Membership setMember(String org, String user, Optional<String> roleText, Identity caller) {
    OrgRole role =
        roleText
            .map(
                r ->
                    OrgRole.parse(r)
                        .orElseThrow(
                            () ->
                                new RegistryException(
                                    Kind.BAD_REQUEST,
                                    "role must be owner, admin or developer, not " + r)))
            .orElse(OrgRole.DEVELOPER);
    requireRole(org, caller, OrgRole.OWNER, "add members or change roles");
    if (store.findUser(user).isEmpty()) {
      throw new RegistryException(Kind.NOT_FOUND, "No such user: " + user);
    }
    Map<String, OrgRole> roster = roster(org);
    if (roster.get(user) == OrgRole.OWNER && role != OrgRole.OWNER) {
      requireAnotherOwner(org, roster, user);
    }
    store.orgs().saveOrgMember(new Member(org, user, role.wire()));
    int size = roster.containsKey(user) ? roster.size() : roster.size() + 1;
    return new Membership(org, size, user, role);
  }

  /**
   * Removes a member (npm org rm): an owner removes anyone, a member removes themself.
   *
   * @throws RegistryException {@code NOT_FOUND} for an unknown org or a user who is not a member,
   *     {@code FORBIDDEN}, {@code CONFLICT} for the last owner
   */
  public void removeMember(String org, String user, Identity caller) {
    if (!caller.name().equals(user)) {
      requireRole(org, caller, OrgRole.OWNER, "remove members");
    } else {
      requireOrg(org);
    }
    Map<String, OrgRole> roster = roster(org);
    if (!roster.containsKey(user)) {
      throw new RegistryException(Kind.NOT_FOUND, user + " is not a member of " + org);
    }
    if (roster.get(user) == OrgRole.OWNER) {
      requireAnotherOwner(org, roster, user);
    }
    store.orgs().removeOrgMember(org, user);
  }

  /**
   * The members and their roles (npm org ls), sorted by user name.
   *
   * @throws RegistryException {@code NOT_FOUND} for an unknown org, {@code FORBIDDEN} for a caller
   *     who is not a member (nor a registry admin)
   */
  public Map<String, OrgRole> listMembers(String org, Identity caller) {
    requireMember(org, caller);
    return roster(org);
  }

  /**
   * @return the caller's role; registry admins count as owners
   * @throws RegistryException {@code NOT_FOUND} for an unknown org, {@code FORBIDDEN} for a
   *     non-member
   */
  public OrgRole requireMember(String org, Identity caller) {
    requireOrg(org);
    if (access.isAdmin(caller)) {
      return OrgRole.OWNER;
    }
    return access
        .orgs()
        .role(org, caller.name())
        .orElseThrow(
            () ->
                new RegistryException(
                    Kind.FORBIDDEN, caller.name() + " is not a member of the org " + org));
  }

  /**
   * @param least {@link OrgRole#OWNER} for owners only, {@link OrgRole#ADMIN} for owners and admins
   * @param what what the caller wants to do, for the message
   * @throws RegistryException {@code NOT_FOUND} for an unknown org, {@code FORBIDDEN} otherwise
   */
  public void requireRole(String org, Identity caller, OrgRole least, String what) {
    OrgRole role = requireMember(org, caller);
    if (role.ordinal() > least.ordinal()) {
      throw new RegistryException(
          Kind.FORBIDDEN,
          "Only org "
              + (least == OrgRole.OWNER ? "owners" : "owners and admins")
              + " may "
              + what
              + " in "
              + org
              + "; "
              + caller.name()
              + " is "
              + (role == OrgRole.ADMIN ? "an " : "a ")
              + role.wire());
    }
  }

  /**
   * @throws RegistryException {@code NOT_FOUND} for an unknown org
   */
  public void requireOrg(String org) {
    if (store.orgs().findOrg(org).isEmpty()) {
      throw new RegistryException(Kind.NOT_FOUND, "No such org: " + org);
    }
  }

  private Map<String, OrgRole> roster(String org) {
    Map<String, OrgRole> out = new LinkedHashMap<>();
    for (Member m : store.orgs().listOrgMembers(org)) {
      out.put(m.user(), OrgRole.parse(m.role()).orElse(OrgRole.DEVELOPER));
    }
    return out;
  }

  private static void requireAnotherOwner(String org, Map<String, OrgRole> roster, String user) {
    List<String> owners =
        roster.entrySet().stream()
            .filter(e -> e.getValue() == OrgRole.OWNER)
            .map(Map.Entry::getKey)
            .toList();
    if (owners.equals(List.of(user))) {
      throw new RegistryException(
          Kind.CONFLICT, user + " is the last owner of " + org + "; an org must keep an owner");
    }
  }
}
