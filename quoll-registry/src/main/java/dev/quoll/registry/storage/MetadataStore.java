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
   * A bearer token, known only by its hash.
   *
   * @param hash hex SHA-256 of the token text
   * @param userName whose token it is
   * @param created when it was issued
   */
  record Token(String hash, String userName, Instant created) {}

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
