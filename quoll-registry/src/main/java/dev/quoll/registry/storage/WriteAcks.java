package dev.quoll.registry.storage;

import dev.quoll.registry.RegistryException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The writer's side of the read leases: before a package write is acknowledged to its client, waits
 * until every other node that held a read lease when the write committed has applied it, or until
 * that node's lease has run out (after which the node checks the database before each read).
 *
 * <p>Guarantees: {@link #await} returns only when, for each given holder, an acknowledgement of a
 * change {@code >= seq} from that node has arrived ({@link #acknowledged}, fed from the {@link
 * NodeLeases#ACKS_CHANNEL} notifications) or the local monotonic clock has passed the moment of
 * receipt plus the lease time the database reported left plus the margin (which absorbs clock-rate
 * drift, see {@link ReadLease}). So the wait is bounded by lease plus margin. A node waited out is
 * reported on stderr. Acknowledgements are kept per node as the highest sequence number heard, so
 * an acknowledgement that arrives before the writer starts waiting counts.
 */
public final class WriteAcks {
  /**
   * Another node that held a lease when a write committed.
   *
   * @param nodeId the node's id ({@link NodeLeases#nodeId()})
   * @param appliedSeq the last change it had recorded as applied
   * @param remainingMillis its lease time left by the database's clock, milliseconds (positive)
   */
  public record Holder(String nodeId, long appliedSeq, long remainingMillis) {}

  /** The longest single sleep, so a fake clock in tests is noticed promptly. */
  private static final long SLICE_NANOS = 20_000_000;

  private final long marginNanos;
  private final LongSupplier nanoClock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<String, Long> acked = new HashMap<>();

  /**
   * @param marginMillis added to each holder's remaining lease time, milliseconds
   * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime}; a fake in tests)
   */
  public WriteAcks(long marginMillis, LongSupplier nanoClock) {
    this.marginNanos = marginMillis * 1_000_000;
    this.nanoClock = nanoClock;
  }

  /**
   * Records an acknowledgement notification.
   *
   * @param payload {@code "<node id> <seq>"}; anything else is ignored
   */
  public void acknowledged(String payload) {
    int space = payload.lastIndexOf(' ');
    if (space <= 0) {
      return;
    }
    long seq;
    try {
      seq = Long.parseLong(payload.substring(space + 1));
    } catch (NumberFormatException e) {
      return;
    }
    String node = payload.substring(0, space);
    lock.lock();
    try {
      acked.merge(node, seq, Math::max);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until each holder has applied {@code seq} or its lease has run out.
   *
   * @param seq the write's change sequence number
   * @param holders the other nodes holding leases when the write committed
   * @param receivedNanos the monotonic time at which the write's result (with the holders'
   *     remaining lease times) arrived
   * @return the ids of the nodes that were waited out rather than acknowledging (empty normally)
   * @throws RegistryException {@code INTERNAL} when the waiting thread is interrupted (the write is
   *     committed but must not be acknowledged)
   */
  public List<String> await(long seq, List<Holder> holders, long receivedNanos) {
    List<String> waitedOut = new ArrayList<>();
    lock.lock();
    try {
      for (Holder h : holders) {
        if (h.appliedSeq() >= seq) {
          continue;
        }
        long until = receivedNanos + h.remainingMillis() * 1_000_000 + marginNanos;
        while (acked.getOrDefault(h.nodeId(), Long.MIN_VALUE) < seq) {
          long left = until - nanoClock.getAsLong();
          if (left <= 0) {
            waitedOut.add(h.nodeId());
            break;
          }
          changed.awaitNanos(Math.min(left, SLICE_NANOS));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(
          RegistryException.Kind.INTERNAL, "interrupted while waiting for other nodes", e);
    } finally {
      lock.unlock();
    }
    for (String node : waitedOut) {
      System.err.println(
          "quoll: node "
              + node
              + " did not acknowledge change "
              + seq
              + " within its read lease; waited until the lease ran out");
    }
    return List.copyOf(waitedOut);
  }

  /** How many nodes have acknowledged anything (for tests and diagnostics). */
  int nodesHeard() {
    lock.lock();
    try {
      return acked.size();
    } finally {
      lock.unlock();
    }
  }
}
