package dev.quoll.registry.migrate;

import dev.quoll.registry.storage.BlobStore;
import dev.quoll.registry.storage.BlobStoreFactory;
import dev.quoll.registry.storage.DirectoryBlobStore;
import dev.quoll.registry.storage.JdbcMetadataStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where one registry's data lives, named the way {@code quoll serve} names it: a data directory
 * (holding {@code quoll.db} and {@code blobs/} by default), a PostgreSQL database instead of {@code
 * quoll.db}, and a remote blob store instead of {@code blobs/}.
 *
 * @param data the data directory; needed unless both database and blob store are given
 * @param database a {@code jdbc:postgresql://} URL, or empty for {@code <data>/quoll.db}
 * @param blobStore an {@code s3://} URL, or empty for {@code <data>/blobs}
 */
public record StoreLocation(
    Optional<Path> data, Optional<String> database, Optional<URI> blobStore) {
  /**
   * Checks that every part has a place.
   *
   * @throws IllegalArgumentException when the data directory is missing but needed
   */
  public StoreLocation {
    if (data.isEmpty() && (database.isEmpty() || blobStore.isEmpty())) {
      throw new IllegalArgumentException(
          "give a data directory, or both a database and a blob store");
    }
  }

  /**
   * Opens (and migrates to the current schema) the metadata database.
   *
   * @return the store
   * @throws dev.quoll.registry.RegistryException {@code INTERNAL} when it cannot be opened
   */
  public JdbcMetadataStore openMetadata() {
    return database.isPresent()
        ? JdbcMetadataStore.postgres(database.get(), 4)
        : JdbcMetadataStore.sqlite(data.orElseThrow().resolve("quoll.db"));
  }

  /**
   * Opens the blob store.
   *
   * @param remote opens {@code s3://} URLs
   * @return the store
   * @throws IOException when it cannot be opened
   */
  public BlobStore openBlobs(BlobStoreFactory remote) throws IOException {
    return blobStore.isPresent()
        ? remote.open(blobStore.get())
        : new DirectoryBlobStore(data.orElseThrow().resolve("blobs"));
  }

  /** A description for messages, without passwords. */
  public String describe() {
    String db =
        database.map(JdbcMetadataStore::redact).orElse(data.map(d -> d + "/quoll.db").orElse(""));
    String blobs = blobStore.map(URI::toString).orElse(data.map(d -> d + "/blobs").orElse(""));
    return db + " + " + blobs;
  }
}
