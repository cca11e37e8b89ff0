package dev.quoll.registry.storage;

import dev.quoll.registry.RegistryException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The registry's metadata: packages (their packument documents with a revision counter), the
 * versions ever published, users, token hashes and the changes sequence.
 *
 * <p>Contract (checked by MetadataStoreContract for every implementation): a package write is one
 * transaction that compare-and-sets the revision, records the new versions as published forever and
 * appends one change; a write against a stale revision changes nothing and reports {@code false};
 * tokens are looked up only by their hash. Failures of the underlying store are {@link
 * RegistryException} of kind {@code INTERNAL}.
 */
public interface MetadataStore extends AutoCloseable {

  /**
   * @param name a package name, e.g. {@code @scope/pkg}
   * @return the stored package, or empty when there is none
   */
  Optional<StoredPackage> findPackage(String name);

  /** All package names, sorted. */
  List<String> listPackageNames();

  /**
   * Writes a package if its stored revision is still {@link PackageWrite#expectedRevision()} (0 for
   * a package that must not exist yet). In the same transaction, records {@link
   * PackageWrite#newVersions()} as published and appends one change.
   *
   * @return {@code true} when written (the new revision is expected + 1), {@code false} when the
   *     revision moved on (nothing changed)
   */
  boolean savePackage(PackageWrite write);

  /**
   * @param name a package name
   * @return every version ever published for it (unpublished ones included), in publish order
   */
  List<String> listPublishedVersions(String name);

  /**
   * What a publish must know before it writes, in one read: the package row (as {@link
   * #findPackage}) and whether {@code version} was ever published under the name (as {@link
   * #listPublishedVersions}{@code .contains(version)}; npm never lets a version number be reused,
   * even after an unpublish).
   *
   * @param name a package name
   * @param version the version about to be published
   * @return both answers, read in one statement
   */
  PublishCheck findForPublish(String name, String version);

  /**
   * The answers of {@link #findForPublish}.
   *
   * @param current the package row, or empty when the name has none
   * @param versionPublished whether the version was ever published under the name
   */
  record PublishCheck(Optional<StoredPackage> current, boolean versionPublished) {}

  /**
   * @return the user with that name, or empty
   */
  Optional<User> findUser(String name);

  /** Creates or replaces a user. */
  void saveUser(User user);

  /**
   * @param tokenHash the hex SHA-256 of a token
   * @return the token, or empty when unknown or revoked
   */
  Optional<Token> findToken(String tokenHash);

  /** Stores a token (by its hash). */
  void saveToken(Token token);

  /** Removes a token; an unknown hash is not an error. */
  void removeToken(String tokenHash);

  /**
   * @param userName a user
   * @return the user's tokens, oldest first (then by hash)
   */
  List<Token> listTokens(String userName);

  /** Removes every token of a user (a password change). */
  void removeTokens(String userName);

  /**
   * @return the user's profile, or empty when never saved
   */
  Optional<Profile> findProfile(String userName);

  /** Creates or replaces a profile. */
  void saveProfile(Profile profile);

  /**
   * @return the user's two-factor settings, or empty when 2FA is off
   */
  Optional<TwoFactor> findTwoFactor(String userName);

  /**
   * Creates or replaces a user's two-factor settings; a non-empty list replaces the recovery codes,
   * an empty one keeps them.
   *
   * @param twoFactor the settings
   * @param recoveryCodeHashes hex SHA-256 of each new recovery code, or empty to keep the old ones
   */
  void saveTwoFactor(TwoFactor twoFactor, List<String> recoveryCodeHashes);

  /** Turns 2FA off: removes the settings and every recovery code. */
  void removeTwoFactor(String userName);

  /**
   * Records a TOTP time step as used, atomically, so each code is accepted once.
   *
   * @return {@code true} when {@code step} is after the last accepted step (now recorded), {@code
   *     false} when it is not (a replay) or 2FA is off
   */
  boolean claimOtpStep(String userName, long step);

  /**
   * Uses up a recovery code, atomically.
   *
   * @return {@code true} when the code existed (it is now gone), {@code false} otherwise
   */
  boolean removeRecoveryCode(String userName, String codeHash);

  /**
   * @param since return changes with a sequence number greater than this (0 for all)
   * @param limit the most changes to return
   * @return changes in sequence order
   */
  List<Change> listChanges(long since, int limit);

  /**
   * @return the sequence number of the newest change, 0 when there is none
   */
  long lastChangeSeq();

  /**
   * @param name a package name
   * @return the cached upstream packument, or empty when never fetched
   */
  Optional<UplinkPackument> findUplinkPackument(String name);

  /** Creates or replaces a cached upstream packument. */
  void saveUplinkPackument(UplinkPackument packument);

  /**
   * @return the orgs, teams and team grants kept in the same database
   */
  OrgStore orgs();

  /** Releases the store's resources. */
  @Override
  void close();

  /**
   * A stored package.
   *
   * @param name the package name
   * @param revision the write counter, 1 after the first write
   * @param document the full packument as JSON text (without {@code _rev})
   * @param modified when it was last written
   */
  record StoredPackage(String name, long revision, String document, Instant modified) {}

  /**
   * A compare-and-set write of a package.
   *
   * @param name the package name
   * @param expectedRevision the revision the writer read, 0 when the package is new
   * @param document the full packument as JSON text
   * @param newVersions versions this write publishes (recorded as published forever)
   * @param at the time of the write
   */
  record PackageWrite(
      String name, long expectedRevision, String document, List<String> newVersions, Instant at) {
    /** Copies the list. */
    public PackageWrite {
      newVersions = List.copyOf(newVersions);
    }
  }

  /**
   * An account.
   *
   * @param name the user name
   * @param email the e-mail address
   * @param passwordHash the encoded password hash (see accounts.PasswordHasher)
   * @param created when the account was made
   */
  record User(String name, String email, String passwordHash, Instant created) {}

  /**
   * A bearer token, known only by its hash, with the restrictions it was created with (npm's token
   * object, wire note §14).
   *
   * @param hash hex SHA-256 of the token text (also the token's public {@code key})
   * @param userName whose token it is
   * @param created when it was issued
   * @param redacted the first characters of the token text, for listings ("" when unknown)
   * @param readonly whether it may only read
   * @param cidrWhitelist CIDR ranges the token may be used from; empty means anywhere
   * @param name the token's name ("" when unnamed)
   * @param expires when it stops working; empty means never
   * @param grants npm 11's granular restrictions
   * @param bypass2fa whether package writes with this token skip the OTP of auth-and-writes
   */
  record Token(
      String hash,
      String userName,
      Instant created,
      String redacted,
      boolean readonly,
      List<String> cidrWhitelist,
      String name,
      Optional<Instant> expires,
      Grants grants,
      boolean bypass2fa) {
    /** Copies the list. */
    public Token {
      cidrWhitelist = List.copyOf(cidrWhitelist);
    }

    /** An unrestricted login token that never expires. */
    public Token(String hash, String userName, Instant created) {
      this(hash, userName, created, "", false, List.of(), "", Optional.empty(), Grants.ALL, false);
    }
  }

  /**
   * The granular restrictions of an npm 11 token ({@code npm token create --packages ...}; wire
   * note §14): which packages, scopes and orgs it may act on, and with what permission.
   *
   * @param restricted whether any restriction applies ({@code false}: every package, read-write)
   * @param packages package names it may act on
   * @param scopes scopes ({@code @s}) whose packages it may act on
   * @param orgs orgs it may act on
   * @param packagesPermission {@code read-only}, {@code read-write} or {@code no-access}
   * @param orgsPermission {@code read-only}, {@code read-write} or {@code no-access}
   */
  record Grants(
      boolean restricted,
      List<String> packages,
      List<String> scopes,
      List<String> orgs,
      String packagesPermission,
      String orgsPermission) {
    /** No restriction. */
    public static final Grants ALL =
        new Grants(false, List.of(), List.of(), List.of(), "read-write", "read-write");

    /** Copies the lists. */
    public Grants {
      packages = List.copyOf(packages);
      scopes = List.copyOf(scopes);
      orgs = List.copyOf(orgs);
    }
  }

  /**
   * The editable profile of {@code npm profile get/set} (wire note §15); "" means unset.
   *
   * @param userName the user
   * @param fullname full name
   * @param homepage home page URL
   * @param twitter Twitter handle
   * @param github GitHub handle
   * @param freenode IRC handle
   * @param emailVerified whether the e-mail address is verified
   * @param updated when the profile last changed
   */
  record Profile(
      String userName,
      String fullname,
      String homepage,
      String twitter,
      String github,
      String freenode,
      boolean emailVerified,
      Instant updated) {}

  /**
   * A user's two-factor authentication.
   *
   * @param userName the user
   * @param mode {@code auth-only} or {@code auth-and-writes}
   * @param pending whether enrolment waits for the first code
   * @param encryptedSecret the TOTP secret, encrypted (accounts.SecretBox)
   * @param lastStep the last TOTP time step accepted (0 for none)
   */
  record TwoFactor(
      String userName, String mode, boolean pending, String encryptedSecret, long lastStep) {}

  /**
   * A packument cached from the uplink.
   *
   * @param name the package name
   * @param document the upstream's full packument JSON, unmodified
   * @param etag the upstream's ETag, or empty text when it sent none
   * @param checked when the upstream last confirmed or sent it
   */
  record UplinkPackument(String name, String document, String etag, Instant checked) {}

  /**
   * One entry of the changes sequence.
   *
   * @param seq strictly increasing sequence number, from 1
   * @param packageName the package written
   * @param revision its revision after the write
   * @param at the time of the write
   */
  record Change(long seq, String packageName, long revision, Instant at) {}
}
