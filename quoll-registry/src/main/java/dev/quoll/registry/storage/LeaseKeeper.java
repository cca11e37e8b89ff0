package dev.quoll.registry.storage;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Keeps this node's read lease ({@link NodeLeases}, {@link ReadLease}) and answers whether a read
 * may skip the {@link ReadBarrier}.
 *
 * <p>Guarantees: a daemon thread renews the lease every {@code every} while the LISTEN connection
 * is up, recording {@link ReadLease#now()} before sending each renewal; any failure revokes the
 * lease at once (reads fall back to the barrier, never weaker than without leases) and the next
 * renewal is tried after {@code every}. The lease is used only after the database reported this
 * node's row {@linkplain NodeLeases.Renewal#ready() ready}. {@link #close} revokes the lease before
 * it releases the row, so the node never serves a lease-covered read the writers no longer wait
 * for; it then closes the follower.
 */
public final class LeaseKeeper implements AutoCloseable {
  private final NodeLeases leases;
  private final ReadLease lease;
  private final ChangeFollower follower;
  private final Duration length;
  private final Duration every;
  private final Thread thread;
  private volatile boolean closed;
  private Optional<String> registeredAt = Optional.empty();
  private boolean ready;

  private LeaseKeeper(
      NodeLeases leases,
      ReadLease lease,
      ChangeFollower follower,
      Duration length,
      Duration every) {
    this.leases = leases;
    this.lease = lease;
    this.follower = follower;
    this.length = length;
    this.every = every;
    this.thread = Thread.ofPlatform().daemon().name("quoll-read-lease").unstarted(this::run);
  }

  /**
   * Starts renewing in a daemon thread.
   *
   * @param leases this node's lease rows
   * @param lease this node's view of its lease (fed the LISTEN state by the follower's wake-up)
   * @param follower this node's follower (its position is what the lease requires); closed with the
   *     keeper
   * @param length the lease length asked of the database (e.g. 3 s)
   * @param every the time between renewals (e.g. a third of the length)
   * @return the running keeper
   */
  public static LeaseKeeper start(
      NodeLeases leases,
      ReadLease lease,
      ChangeFollower follower,
      Duration length,
      Duration every) {
    LeaseKeeper k = new LeaseKeeper(leases, lease, follower, length, every);
    k.thread.start();
    return k;
  }

  /** Whether a read arriving now may be served from the cache without the barrier. */
  public boolean covers() {
    return lease.covers(follower.position());
  }

  /** One renewal (the thread's step; tests call it directly). */
  void renewOnce() {
    if (!lease.isListening()) {
      return;
    }
    try {
      if (registeredAt.isEmpty()) {
        registeredAt = Optional.of(leases.register());
      }
      long sent = lease.now();
      Optional<NodeLeases.Renewal> r =
          leases.renew(follower.position(), length, registeredAt.get());
      if (r.isEmpty()) {
        lease.revoke();
        registeredAt = Optional.empty();
        ready = false;
        return;
      }
      ready = ready || r.get().ready();
      if (ready && !closed) {
        lease.granted(sent, r.get().changeSeq());
      }
    } catch (SQLException | RuntimeException e) {
      lease.revoke();
      System.err.println("quoll: cannot renew this node's read lease: " + e);
    }
  }

  private void run() {
    while (!closed) {
      renewOnce();
      try {
        Thread.sleep(every);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Stops renewing, ends the lease here and in the database, and closes the follower. */
  @Override
  public void close() {
    closed = true;
    lease.revoke();
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lease.revoke();
    try {
      leases.release();
    } catch (SQLException | RuntimeException e) {
      System.err.println("quoll: cannot release this node's read lease: " + e);
    }
    follower.close();
  }
}
