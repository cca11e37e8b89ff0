package dev.quoll.registry.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.testkit.PostgresService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Job leases on both engines: one holder at a time, renewal, expiry, release by the holder only.
 */
class JobLeasesTest {
  private static final Instant T = Instant.parse("2026-11-21T00:00:00Z");
  private static final Duration TTL = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void onSqlite() {
    try (JdbcMetadataStore db = JdbcMetadataStore.sqlite(dir.resolve("quoll.db"))) {
      check(new JobLeases(db.dataSource()));
    }
  }

  @Test
  void onPostgresWithConcurrentNodes() throws Exception {
    try (JdbcMetadataStore db = JdbcMetadataStore.postgres(PostgresService.newDatabase(), 8)) {
      JobLeases leases = new JobLeases(db.dataSource());
      check(leases);
      try (var pool = Executors.newFixedThreadPool(8)) {
        List<Future<Boolean>> won = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          String node = "node-" + i;
          won.add(pool.submit(() -> leases.tryAcquire("race", node, TTL, T)));
        }
        int winners = 0;
        for (Future<Boolean> f : won) {
          winners += f.get() ? 1 : 0;
        }
        assertEquals(1, winners, "exactly one node wins a free lease");
      }
    }
  }

  private static void check(JobLeases leases) {
    assertTrue(leases.tryAcquire("refresh", "a", TTL, T));
    assertFalse(leases.tryAcquire("refresh", "b", TTL, T.plusSeconds(10)), "held by a");
    assertTrue(leases.tryAcquire("refresh", "a", TTL, T.plusSeconds(20)), "a renews");
    assertFalse(leases.tryAcquire("refresh", "b", TTL, T.plusSeconds(40)), "renewed until 50 s");
    assertTrue(leases.tryAcquire("refresh", "b", TTL, T.plusSeconds(50)), "expired: b takes it");
    leases.release("refresh", "a");
    assertFalse(leases.tryAcquire("refresh", "a", TTL, T.plusSeconds(51)), "a released nothing");
    leases.release("refresh", "b");
    assertTrue(leases.tryAcquire("refresh", "a", TTL, T.plusSeconds(52)), "free again");
    assertTrue(leases.tryAcquire("other-job", "b", TTL, T.plusSeconds(52)), "jobs are separate");
  }
}
