package dev.quoll.registry.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.core.name.PackageName;
import dev.quoll.registry.RegistryException;
import dev.quoll.registry.access.AccessPolicy.Permission;
import dev.quoll.registry.access.OrgRights.TeamPermission;
import dev.quoll.registry.accounts.Identity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The org and team rules of {@link AccessPolicy} on fixed org facts. */
class AccessPolicyOrgsTest {
  /** Org acme: ann owner, bo admin, cy developer; cy's team reads @acme/r and writes @acme/w. */
  private static final OrgRights RIGHTS =
      new OrgRights() {
        private final Map<String, OrgRole> roles =
            Map.of("ann", OrgRole.OWNER, "bo", OrgRole.ADMIN, "cy", OrgRole.DEVELOPER);

        @Override
        public boolean orgExists(String org) {
          return org.equals("acme");
        }

        @Override
        public Optional<OrgRole> role(String org, String user) {
          return org.equals("acme") ? Optional.ofNullable(roles.get(user)) : Optional.empty();
        }

        @Override
        public Optional<TeamPermission> teamPermission(String user, String packageName) {
          if (!user.equals("cy")) {
            return Optional.empty();
          }
          return switch (packageName) {
            case "@acme/r", "lib" -> Optional.of(TeamPermission.READ_ONLY);
            case "@acme/w" -> Optional.of(TeamPermission.READ_WRITE);
            default -> Optional.empty();
          };
        }
      };

  private final AccessPolicy policy =
      new AccessPolicy(Set.of("root"), u -> List.of("ann", "bo", "cy", "dee").contains(u), RIGHTS);

  private static Optional<Identity> who(String name) {
    return Optional.of(new Identity(name, name + "@example.org"));
  }

  private static PackageAccess restricted(String name, String... owners) {
    return new PackageAccess(name, List.of(owners), true, false, "none", false);
  }

  @Test
  void orgOwnersAndAdminsReadAndWriteTheOrgScopeDevelopersOnlyThroughTeams() {
    PackageAccess other = restricted("@acme/other", "zed");
    for (String u : List.of("ann", "bo", "root")) {
      assertTrue(policy.allows(who(u), other, Permission.READ), u);
      assertTrue(policy.allows(who(u), other, Permission.WRITE), u);
    }
    assertFalse(policy.allows(who("cy"), other, Permission.READ));
    assertFalse(policy.allows(who("dee"), other, Permission.READ));
    assertFalse(policy.allows(Optional.empty(), other, Permission.READ));
    assertTrue(policy.allows(who("cy"), restricted("@acme/r", "zed"), Permission.READ));
    assertFalse(policy.allows(who("cy"), restricted("@acme/r", "zed"), Permission.WRITE));
    assertTrue(policy.allows(who("cy"), restricted("@acme/w", "zed"), Permission.WRITE));
    // a grant reaches outside the org's scope too; an org role does not
    PackageAccess lib = new PackageAccess("lib", List.of("zed"), false, false, "none", false);
    assertFalse(policy.allows(who("cy"), lib, Permission.WRITE));
    assertFalse(policy.allows(who("ann"), lib, Permission.WRITE));
    assertFalse(policy.allows(who("ann"), restricted("@zed/x", "zed"), Permission.READ));
    // a tombstone keeps the name for its former maintainers only
    PackageAccess tomb = new PackageAccess("@acme/w", List.of("zed"), true, true, "none", false);
    assertFalse(policy.allows(who("cy"), tomb, Permission.WRITE));
    assertFalse(policy.allows(who("ann"), tomb, Permission.WRITE));
  }

  @Test
  void scopesAreCreatedOnlyByTheirUserOrTheOrgsMembers() {
    for (String u : List.of("ann", "bo", "cy", "root")) {
      policy.requireCreate(who(u).orElseThrow(), PackageName.parse("@acme/new"));
    }
    policy.requireCreate(who("dee").orElseThrow(), PackageName.parse("@dee/new"));
    policy.requireCreate(who("dee").orElseThrow(), PackageName.parse("unscoped"));
    policy.requireCreate(who("root").orElseThrow(), PackageName.parse("@free/new"));
    assertEquals(
        "The scope @acme belongs to the org acme; only its members may publish into it",
        refused("dee", "@acme/new"));
    assertTrue(refused("dee", "@ann/new").contains("belongs to the user ann"));
    assertEquals(
        "The scope @free is not yours: no user or org has that name. Publish into your own scope"
            + " @dee or into an org you belong to",
        refused("dee", "@free/new"));
  }

  private String refused(String user, String name) {
    RegistryException e =
        assertThrows(
            RegistryException.class,
            () -> policy.requireCreate(who(user).orElseThrow(), PackageName.parse(name)));
    assertEquals(RegistryException.Kind.FORBIDDEN, e.kind());
    return e.getMessage();
  }
}
