package dev.quoll.registry.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.registry.storage.MetadataStore.PackageWrite;
import dev.quoll.testkit.PostgresService;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Two nodes in one JVM on one PostgreSQL database: node A writes, node B reads from its own cache
 * (a map of package name to revision, kept by its follower) under its read lease, falling back to
 * the {@link ReadBarrier} when the lease does not cover the read. B's notifications are held back;
 * a write acknowledged on A must still be in B's next read.
 */
class ReadLeasesPostgresTest {
  private static final long LEASE_MS = 900;
  private static final long MARGIN_MS = 150;

  /** Node B: its store, follower, lease and a cache of revisions. */
  private static final class NodeB implements AutoCloseable {
    final Map<String, Long> cache = new ConcurrentHashMap<>();
    final LeaseKeeper keeper;
    final ReadBarrier barrier;
    final ChangeFollower follower;
    int covered;

    NodeB(JdbcMetadataStore store, Duration notifyDelayMin, Duration notifyDelayMax) {
      for (String name : store.listPackageNames()) {
        cache.put(name, store.findPackage(name).orElseThrow().revision());
      }
      ReadLease lease = new ReadLease(LEASE_MS, MARGIN_MS, System::nanoTime);
      ChangeWakeup listen = new PostgresChangeWakeup(store.dataSource(), a -> {}, lease::listening);
      ChangeWakeup late =
          new ChangeWakeup() {
            @Override
            public void await(Duration max) throws InterruptedException {
              listen.await(max);
              long lo = notifyDelayMin.toMillis();
              long hi = notifyDelayMax.toMillis();
              Thread.sleep(lo + (hi > lo ? ThreadLocalRandom.current().nextLong(hi - lo) : 0));
            }

            @Override
            public void close() {
              listen.close();
            }
          };
      follower =
          ChangeFollower.start(
              store,
              late,
              Duration.ofSeconds(1),
              c -> cache.merge(c.packageName(), c.revision(), Math::max));
      NodeLeases leases = new NodeLeases(store.dataSource(), "node-b");
      follower.afterApplying(
          seq -> {
            try {
              leases.acknowledge(seq);
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          });
      barrier = new ReadBarrier(store, follower);
      keeper =
          LeaseKeeper.start(
              leases, lease, follower, Duration.ofMillis(LEASE_MS), Duration.ofMillis(300));
    }

    long read(String name) {
      if (keeper.covers()) {
        covered++;
      } else {
        barrier.await();
      }
      return cache.getOrDefault(name, 0L);
    }

    void awaitLease() throws InterruptedException {
      long until = System.nanoTime() + 20_000_000_000L;
      while (!keeper.covers()) {
        assertTrue(System.nanoTime() < until, "node B never got its read lease");
        Thread.sleep(20);
      }
    }

    @Override
    public void close() {
      keeper.close();
    }
  }

  /** Node A: a writer whose LISTEN connection hears acknowledgements. */
  private static ChangeFollower writer(JdbcMetadataStore store, WriteAcks acks) {
    store.waitForLeaseHolders("node-a", acks);
    return ChangeFollower.start(
        store,
        new PostgresChangeWakeup(store.dataSource(), acks::acknowledged, up -> {}),
        Duration.ofSeconds(1),
        c -> {});
  }

  @Test
  void aWriteAcknowledgedOnAIsInBsNextReadThoughBsNotificationsAreLate() throws Exception {
    String url = PostgresService.newDatabase();
    try (JdbcMetadataStore a = JdbcMetadataStore.postgres(url, 4);
        JdbcMetadataStore b = JdbcMetadataStore.postgres(url, 4)) {
      a.savePackage(new PackageWrite("p", 0, "{}", List.of(), Instant.EPOCH));
      WriteAcks acks = new WriteAcks(MARGIN_MS, System::nanoTime);
      try (ChangeFollower af = writer(a, acks);
          NodeB nodeB = new NodeB(b, Duration.ZERO, Duration.ofMillis(15))) {
        nodeB.awaitLease();
        long slowest = 0;
        for (int rev = 1; rev <= 300; rev++) {
          long t0 = System.nanoTime();
          assertTrue(a.savePackage(new PackageWrite("p", rev, "{}", List.of(), Instant.EPOCH)));
          slowest = Math.max(slowest, System.nanoTime() - t0);
          long seen = nodeB.read("p");
          assertTrue(
              seen >= rev + 1, "B served revision " + seen + " after A acknowledged " + (rev + 1));
        }
        assertTrue(nodeB.covered > 100, "B's reads used its lease: " + nodeB.covered + " of 300");
        assertTrue(
            slowest < (LEASE_MS + MARGIN_MS + 2000) * 1_000_000,
            "B acknowledged within its lease, slowest write " + slowest / 1_000_000 + " ms");
      }
    }
  }

  @Test
  void aNodeThatNeverAcknowledgesIsWaitedOutAndThenReadsThroughTheBarrier() throws Exception {
    String url = PostgresService.newDatabase();
    try (JdbcMetadataStore a = JdbcMetadataStore.postgres(url, 4);
        JdbcMetadataStore b = JdbcMetadataStore.postgres(url, 4)) {
      a.savePackage(new PackageWrite("p", 0, "{}", List.of(), Instant.EPOCH));
      WriteAcks acks = new WriteAcks(MARGIN_MS, System::nanoTime);
      try (ChangeFollower af = writer(a, acks);
          NodeB nodeB = new NodeB(b, Duration.ofMillis(2500), Duration.ofMillis(2500))) {
        nodeB.awaitLease();
        for (int rev = 1; rev <= 3; rev++) {
          long t0 = System.nanoTime();
          assertTrue(a.savePackage(new PackageWrite("p", rev, "{}", List.of(), Instant.EPOCH)));
          long tookMs = (System.nanoTime() - t0) / 1_000_000;
          assertEquals(rev + 1, nodeB.read("p"), "B after A's write was acknowledged");
          assertTrue(
              tookMs < LEASE_MS + MARGIN_MS + 2000, "the wait is bounded: " + tookMs + " ms");
        }
      }
    }
  }

  @Test
  void withoutOtherLeaseHoldersAWriteDoesNotWait() throws Exception {
    String url = PostgresService.newDatabase();
    try (JdbcMetadataStore a = JdbcMetadataStore.postgres(url, 2)) {
      a.waitForLeaseHolders("node-a", new WriteAcks(MARGIN_MS, System::nanoTime));
      long t0 = System.nanoTime();
      for (int rev = 0; rev < 20; rev++) {
        assertTrue(a.savePackage(new PackageWrite("p", rev, "{}", List.of(), Instant.EPOCH)));
      }
      assertTrue((System.nanoTime() - t0) / 1_000_000 < 5_000);
    }
  }
}
