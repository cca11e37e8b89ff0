package dev.quoll.registry.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.registry.storage.MetadataStore.PackageWrite;
import dev.quoll.testkit.PostgresService;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The lock order that makes read leases safe against a renewal racing a write (see {@link
 * NodeLeases}): whichever of the two takes the changes counter row first, the other sees it — the
 * write reads the renewed lease though its snapshot is older, or the renewal returns the write's
 * sequence number though its snapshot is older.
 */
class LeaseOrderingPostgresTest {
  @Test
  void aWriteBlockedBehindARenewalReadsTheRenewedLeaseNotItsSnapshot() throws Exception {
    try (JdbcMetadataStore store = JdbcMetadataStore.postgres(PostgresService.newDatabase(), 4)) {
      NodeLeases b = new NodeLeases(store.dataSource(), "node-b");
      String registered = b.register();
      try (Connection renewal = store.dataSource().getConnection();
          Statement st = renewal.createStatement()) {
        renewal.setAutoCommit(false);
        // a renewal in progress: holds the counter FOR SHARE and has renewed B's row
        st.executeQuery("SELECT value FROM counters WHERE name = 'changes' FOR SHARE").close();
        st.executeUpdate(
            "UPDATE node_leases SET expires_at = "
                + NodeLeases.DB_NOW_MILLIS
                + " + 60000 WHERE node_id = 'node-b'");
        CompletableFuture<Optional<PackageWriteSql.Committed>> write =
            CompletableFuture.supplyAsync(
                () -> {
                  try (Connection c = store.dataSource().getConnection()) {
                    return PackageWriteSql.postgres(
                        c, new PackageWrite("p", 0, "{}", List.of(), Instant.EPOCH), "node-a");
                  } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                  }
                });
        Thread.sleep(300); // the write has taken its snapshot and waits for the counter row
        renewal.commit();
        List<WriteAcks.Holder> holders = write.get(10, TimeUnit.SECONDS).orElseThrow().holders();
        assertEquals(1, holders.size(), "the renewed lease of node-b: " + holders);
        assertTrue(holders.getFirst().remainingMillis() > 50_000, holders.toString());
      }
      assertTrue(b.renew(0, Duration.ofSeconds(3), registered).isPresent());
    }
  }

  @Test
  void aRenewalBlockedBehindAWriteReturnsTheWritesSequenceNumber() throws Exception {
    try (JdbcMetadataStore store = JdbcMetadataStore.postgres(PostgresService.newDatabase(), 4)) {
      NodeLeases b = new NodeLeases(store.dataSource(), "node-b");
      String registered = b.register();
      long before = store.lastChangeSeq();
      try (Connection writer = store.dataSource().getConnection();
          Statement st = writer.createStatement()) {
        writer.setAutoCommit(false);
        st.executeUpdate("UPDATE counters SET value = value + 1 WHERE name = 'changes'");
        CompletableFuture<Optional<NodeLeases.Renewal>> renewal =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return b.renew(0, Duration.ofSeconds(3), registered);
                  } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                  }
                });
        Thread.sleep(300);
        writer.commit();
        assertEquals(before + 1, renewal.get(10, TimeUnit.SECONDS).orElseThrow().changeSeq());
      }
    }
  }

  @Test
  void aNodeIsNotReadyWhileATransactionOlderThanItsRowRuns() throws Exception {
    try (JdbcMetadataStore store = JdbcMetadataStore.postgres(PostgresService.newDatabase(), 4);
        Connection old = store.dataSource().getConnection();
        Statement st = old.createStatement()) {
      old.setAutoCommit(false);
      try (ResultSet rs = st.executeQuery("SELECT 1")) {
        rs.next();
      }
      NodeLeases b = new NodeLeases(store.dataSource(), "node-b");
      String registered = b.register();
      assertEquals(false, b.renew(0, Duration.ofSeconds(3), registered).orElseThrow().ready());
      old.commit();
      assertEquals(true, b.renew(0, Duration.ofSeconds(3), registered).orElseThrow().ready());
    }
  }
}
