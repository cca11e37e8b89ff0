package dev.quoll.registry.access;

import dev.quoll.registry.storage.OrgStore;
import java.util.Optional;

/**
 * What the access policy asks about orgs: whether an org exists, a user's role in it, and the best
 * permission the teams a user is in have on a package.
 */
public interface OrgRights {
  /** No orgs at all. */
  OrgRights NONE =
      new OrgRights() {
        @Override
        public boolean orgExists(String org) {
          return false;
        }

        @Override
        public Optional<OrgRole> role(String org, String user) {
          return Optional.empty();
        }

        @Override
        public Optional<TeamPermission> teamPermission(String user, String packageName) {
          return Optional.empty();
        }
      };

  /**
   * @param org an org name (no {@code @})
   * @return whether it exists
   */
  boolean orgExists(String org);

  /**
   * @return the user's role in the org, empty when not a member (or no such org)
   */
  Optional<OrgRole> role(String org, String user);

  /**
   * @return the strongest permission any team the user is in has on the package, empty for none
   */
  Optional<TeamPermission> teamPermission(String user, String packageName);

  /** A team's permission on a package (npm access grant; wire note §9). */
  enum TeamPermission {
    /** {@code read-only}: read a restricted package. */
    READ_ONLY,
    /** {@code read-write}: read it and write it (publish, dist-tags, deprecate). */
    READ_WRITE;

    /** The wire form of npm access grant: {@code read-only} or {@code read-write}. */
    public String wire() {
      return this == READ_ONLY ? "read-only" : "read-write";
    }

    /** The short form of npm access list: {@code read} or {@code write}. */
    public String shortForm() {
      return this == READ_ONLY ? "read" : "write";
    }

    /**
     * @param text {@code read-only} or {@code read-write}
     * @return the permission, empty for anything else
     */
    public static Optional<TeamPermission> parse(String text) {
      return switch (text) {
        case "read-only" -> Optional.of(READ_ONLY);
        case "read-write" -> Optional.of(READ_WRITE);
        default -> Optional.empty();
      };
    }
  }

  /**
   * @param store the org store
   * @return rights read from the store on each question
   */
  static OrgRights of(OrgStore store) {
    return new OrgRights() {
      @Override
      public boolean orgExists(String org) {
        return store.findOrg(org).isPresent();
      }

      @Override
      public Optional<OrgRole> role(String org, String user) {
        return store.listMemberships(user).stream()
            .filter(m -> m.org().equals(org))
            .findFirst()
            .flatMap(m -> OrgRole.parse(m.role()));
      }

      @Override
      public Optional<TeamPermission> teamPermission(String user, String packageName) {
        return store.listUserGrants(user, packageName).stream()
            .map(g -> TeamPermission.parse(g.permission()).orElse(TeamPermission.READ_ONLY))
            .max(Enum::compareTo);
      }
    };
  }
}
