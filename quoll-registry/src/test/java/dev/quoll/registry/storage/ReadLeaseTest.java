package dev.quoll.registry.storage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The node's view of its read lease, on a fake monotonic clock. */
class ReadLeaseTest {
  private static final long MS = 1_000_000;
  private final AtomicLong clock = new AtomicLong(1_000 * MS);
  private final ReadLease lease = new ReadLease(3000, 500, clock::get);

  @Test
  void nothingIsCoveredBeforeTheFirstGrant() {
    lease.listening(true);
    assertFalse(lease.covers(Long.MAX_VALUE));
  }

  @Test
  void aGrantLastsTheLeaseLessTheMarginCountedFromWhenTheRenewalWasSent() {
    lease.listening(true);
    long sent = lease.now();
    clock.addAndGet(400 * MS); // the renewal's round trip
    lease.granted(sent, 7);
    assertTrue(lease.covers(7));
    clock.set(sent + 2499 * MS);
    assertTrue(lease.covers(7));
    clock.set(sent + 2500 * MS);
    assertFalse(lease.covers(7), "ends at sent + lease - margin, not at receipt + lease");
  }

  @Test
  void aGrantCoversOnlyOnceTheFollowerHasAppliedWhatTheRenewalSaw() {
    lease.listening(true);
    lease.granted(lease.now(), 10);
    assertFalse(lease.covers(9));
    assertTrue(lease.covers(10));
  }

  @Test
  void thePreviousGrantKeepsCoveringWhileTheFollowerCatchesUpToTheNewOne() {
    lease.listening(true);
    lease.granted(lease.now(), 5);
    clock.addAndGet(1000 * MS);
    lease.granted(lease.now(), 9);
    assertTrue(lease.covers(5), "previous grant, still running");
    clock.addAndGet(1500 * MS); // the previous grant has ended, the new one runs
    assertFalse(lease.covers(5));
    assertTrue(lease.covers(9));
  }

  @Test
  void losingTheListenConnectionEndsTheLeaseUntilTheNextGrant() {
    lease.listening(true);
    lease.granted(lease.now(), 0);
    lease.listening(false);
    assertFalse(lease.covers(0));
    lease.listening(true);
    assertFalse(lease.covers(0), "revoked, not merely suspended");
    lease.granted(lease.now(), 0);
    assertTrue(lease.covers(0));
  }

  @Test
  void revokeEndsBothGrants() {
    lease.listening(true);
    lease.granted(lease.now(), 0);
    lease.granted(lease.now(), 0);
    lease.revoke();
    assertFalse(lease.covers(0));
  }

  @Test
  void theMarginMustBeShorterThanTheLease() {
    assertThrows(IllegalArgumentException.class, () -> new ReadLease(100, 100, clock::get));
    assertThrows(IllegalArgumentException.class, () -> new ReadLease(100, 0, clock::get));
  }
}
