package dev.quoll.registry.storage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.testkit.PostgresService;
import java.nio.file.Path;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uplink 404s shared through the database: a miss on node A is a miss on node B until expiry. */
class JdbcUplinkMissesTest {
  private static final Instant T = Instant.parse("2026-11-21T00:00:00Z");

  @TempDir Path dir;

  @Test
  void sharedOnSqlite() {
    try (JdbcMetadataStore a = JdbcMetadataStore.sqlite(dir.resolve("quoll.db"));
        JdbcMetadataStore b = JdbcMetadataStore.sqlite(dir.resolve("quoll.db"))) {
      check(a.dataSource(), b.dataSource());
    }
  }

  @Test
  void sharedOnPostgresBetweenTwoNodes() {
    String url = PostgresService.newDatabase();
    try (JdbcMetadataStore a = JdbcMetadataStore.postgres(url, 2);
        JdbcMetadataStore b = JdbcMetadataStore.postgres(url, 2)) {
      check(a.dataSource(), b.dataSource());
    }
  }

  private static void check(DataSource nodeA, DataSource nodeB) {
    JdbcUplinkMisses a = new JdbcUplinkMisses(nodeA);
    JdbcUplinkMisses b = new JdbcUplinkMisses(nodeB);
    assertFalse(b.isMissing("nope", T), "nothing remembered yet");
    a.remember("nope", T.plusSeconds(60), T);
    assertTrue(a.isMissing("nope", T.plusSeconds(1)));
    assertTrue(b.isMissing("nope", T.plusSeconds(1)), "B sees A's miss");
    assertFalse(b.isMissing("nope", T.plusSeconds(60)), "expired on B");
    assertFalse(a.isMissing("nope", T.plusSeconds(61)), "expired on A");
    a.remember("gone", T.plusSeconds(60), T);
    b.forget("gone");
    assertFalse(b.isMissing("gone", T.plusSeconds(1)), "forgotten on B");
    assertFalse(
        new JdbcUplinkMisses(nodeA).isMissing("gone", T.plusSeconds(1)),
        "forgotten in the database (a fresh node of A's, without A's memory)");
    for (int i = 0; i < 150; i++) {
      a.remember("p" + i, T.plusSeconds(i < 100 ? 1 : 600), T);
    }
    assertTrue(b.isMissing("p120", T.plusSeconds(2)), "pruning keeps unexpired rows");
    assertFalse(b.isMissing("p5", T.plusSeconds(2)), "an expired row is not a miss");
  }
}
