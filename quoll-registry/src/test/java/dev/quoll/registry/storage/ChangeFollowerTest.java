package dev.quoll.registry.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quoll.registry.storage.MetadataStore.Change;
import dev.quoll.registry.storage.MetadataStore.PackageWrite;
import dev.quoll.testkit.PostgresService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Following the changes sequence: every change after the start, once, in order — woken by
 * PostgreSQL NOTIFY within milliseconds, or found by the poll alone when no notification comes.
 */
class ChangeFollowerTest {
  @TempDir Path dir;

  @Test
  void withoutNotificationsThePollFindsEveryChangeInOrder() throws Exception {
    try (JdbcMetadataStore store = JdbcMetadataStore.sqlite(dir.resolve("quoll.db"))) {
      store.savePackage(new PackageWrite("before", 0, "{}", List.of(), Instant.EPOCH));
      List<Change> seen = new CopyOnWriteArrayList<>();
      try (ChangeFollower f =
          ChangeFollower.start(store, ChangeWakeup.SLEEP, Duration.ofMillis(50), seen::add)) {
        for (int i = 0; i < 5; i++) {
          store.savePackage(new PackageWrite("p", i, "{}", List.of(), Instant.EPOCH));
        }
        awaitSize(seen, 5, Duration.ofSeconds(10));
        assertEquals(6, f.position());
      }
      assertEquals(List.of(2L, 3L, 4L, 5L, 6L), seen.stream().map(Change::seq).toList());
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L), seen.stream().map(Change::revision).toList());
    }
  }

  @Test
  void aNotificationWakesTheFollowerLongBeforeThePoll() throws Exception {
    try (JdbcMetadataStore writer = JdbcMetadataStore.postgres(PostgresService.newDatabase(), 2)) {
      List<Change> seen = new CopyOnWriteArrayList<>();
      try (ChangeFollower f =
          ChangeFollower.start(
              writer,
              new PostgresChangeWakeup(writer.dataSource()),
              Duration.ofSeconds(30),
              seen::add)) {
        Thread.sleep(300); // let it LISTEN
        writer.savePackage(new PackageWrite("n", 0, "{}", List.of(), Instant.EPOCH));
        awaitSize(seen, 1, Duration.ofSeconds(10)); // far less than the 30 s poll
        assertEquals("n", seen.getFirst().packageName());
      }
    }
  }

  private static void awaitSize(List<?> list, int size, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (list.size() < size && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(size, list.size());
  }
}
