package dev.quoll.registry.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quoll.registry.RegistryException;
import dev.quoll.testkit.PostgresService;
import org.junit.jupiter.api.Test;

/**
 * The contract on a real PostgreSQL (one throwaway cluster per test JVM, one database per test; see
 * {@link PostgresService}).
 */
class PostgresMetadataStoreTest extends MetadataStoreContract {
  @Override
  protected MetadataStore newStore() {
    return JdbcMetadataStore.postgres(PostgresService.newDatabase(), 4);
  }

  @Test
  void reopeningAnExistingDatabaseMigratesNothingAndKeepsData() {
    String url = PostgresService.newDatabase();
    try (JdbcMetadataStore first = JdbcMetadataStore.postgres(url, 2)) {
      first.savePackage(
          new MetadataStore.PackageWrite(
              "a", 0, "{}", java.util.List.of("1.0.0"), java.time.Instant.EPOCH));
      assertEquals(JdbcMetadataStore.Dialect.POSTGRESQL, first.dialect());
    }
    try (JdbcMetadataStore again = JdbcMetadataStore.postgres(url, 2)) {
      assertEquals(1, again.findPackage("a").orElseThrow().revision());
      assertEquals(1, again.lastChangeSeq());
    }
  }

  @Test
  void anUnreachableDatabaseIsAnInternalErrorWithoutThePassword() {
    RegistryException e =
        assertThrows(
            RegistryException.class,
            () ->
                JdbcMetadataStore.postgres(
                    "jdbc:postgresql://127.0.0.1:1/x?user=u&password=hunter2&connectTimeout=2", 1));
    assertEquals(RegistryException.Kind.INTERNAL, e.kind());
    assertEquals(false, e.getMessage().contains("hunter2"), e.getMessage());
  }
}
