package dev.quoll.registry.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.testkit.PostgresService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leased background job on two nodes (two store instances on one database): only the lease holder
 * runs passes; the other takes over once the holder stops renewing and its lease expires, or at
 * once when the holder closes.
 */
class LeasedJobTest {
  private static final Duration TTL = Duration.ofSeconds(30);
  private static final Duration EVERY = Duration.ofSeconds(10);

  @TempDir Path dir;

  @Test
  void oneNodeAtATimeOnSqlite() {
    try (JdbcMetadataStore a = JdbcMetadataStore.sqlite(dir.resolve("quoll.db"));
        JdbcMetadataStore b = JdbcMetadataStore.sqlite(dir.resolve("quoll.db"))) {
      check(a.dataSource(), b.dataSource());
    }
  }

  @Test
  void oneNodeAtATimeOnPostgres() {
    String url = PostgresService.newDatabase();
    try (JdbcMetadataStore a = JdbcMetadataStore.postgres(url, 2);
        JdbcMetadataStore b = JdbcMetadataStore.postgres(url, 2)) {
      check(a.dataSource(), b.dataSource());
    }
  }

  @Test
  void aLeaseMustOutlastTheInterval() {
    try (JdbcMetadataStore a = JdbcMetadataStore.sqlite(dir.resolve("quoll.db"))) {
      org.junit.jupiter.api.Assertions.assertThrows(
          IllegalArgumentException.class,
          () ->
              new LeasedJob(
                  new JobLeases(a.dataSource()),
                  "j",
                  "a",
                  EVERY,
                  EVERY,
                  Clock.systemUTC(),
                  () -> {}));
    }
  }

  private static void check(DataSource nodeA, DataSource nodeB) {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-21T00:00:00Z"));
    Clock clock =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    AtomicInteger byA = new AtomicInteger();
    AtomicInteger byB = new AtomicInteger();
    LeasedJob a =
        new LeasedJob(
            new JobLeases(nodeA), "uplink-refresh", "a", TTL, EVERY, clock, byA::incrementAndGet);
    LeasedJob b =
        new LeasedJob(
            new JobLeases(nodeB), "uplink-refresh", "b", TTL, EVERY, clock, byB::incrementAndGet);
    for (int pass = 0; pass < 5; pass++) {
      assertTrue(a.runOnce(), "A holds the job and renews it each pass");
      assertFalse(b.runOnce(), "B never runs while A renews");
      now.set(now.get().plus(EVERY));
    }
    assertEquals(5, byA.get());
    assertEquals(0, byB.get());
    // A stops (killed: no renewal, no release); B takes over once A's lease has expired
    Instant lastRenewal = now.get().minus(EVERY);
    now.set(lastRenewal.plus(TTL).minusMillis(1));
    assertFalse(b.runOnce(), "A's lease has not expired yet");
    now.set(lastRenewal.plus(TTL));
    assertTrue(b.runOnce(), "B takes over when A's lease expires");
    assertFalse(a.runOnce(), "a returning A does not run while B holds the job");
    assertEquals(5, byA.get());
    assertEquals(1, byB.get());
    // B shuts down cleanly: it gives the lease up and A can take the job at once
    b.close();
    assertTrue(a.runOnce(), "released on close");
    assertEquals(6, byA.get());
  }
}
