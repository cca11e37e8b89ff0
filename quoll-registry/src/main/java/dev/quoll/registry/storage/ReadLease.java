package dev.quoll.registry.storage;

import java.util.function.LongSupplier;

/**
 * This node's read lease as the node itself sees it: whether a read may be served from the
 * rendered-packument cache without a round trip to the database ({@link ReadBarrier}).
 *
 * <p>Guarantees: {@link #covers} is {@code true} only while (a) the LISTEN connection is up, (b)
 * the local monotonic clock is before {@code sent + lease - margin}, where {@code sent} is when the
 * granting renewal was <em>sent</em> (so before the database computed its expiry of {@code now +
 * lease} by its own clock), and (c) this node has applied every change up to the counter value that
 * renewal returned. Two grants are kept — the newest and the one before — because a renewal that
 * returns a higher counter must not take away the still-running previous lease while the follower
 * catches up. {@link #revoke} ends both at once (LISTEN lost, renewal failed). Valid under the
 * clock-rate bound in docs/deployment.md: the margin absorbs a relative drift between this node's
 * clock and the database's of up to {@code margin / (2 * lease - margin)}.
 *
 * <p>Thread-safe; {@link #covers} takes no lock.
 */
public final class ReadLease {
  private record Grant(long untilNanos, long requiredSeq) {
    static final Grant NONE = new Grant(Long.MIN_VALUE, Long.MAX_VALUE);
  }

  private final long leaseNanos;
  private final long marginNanos;
  private final LongSupplier nanoClock;
  private volatile Grant current = Grant.NONE;
  private volatile Grant previous = Grant.NONE;
  private volatile boolean listening;

  /**
   * @param leaseMillis the lease length the renewals ask the database for, milliseconds
   * @param marginMillis how much earlier than the database this node stops trusting it,
   *     milliseconds (less than {@code leaseMillis})
   * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime}; a fake in tests)
   */
  public ReadLease(long leaseMillis, long marginMillis, LongSupplier nanoClock) {
    if (marginMillis <= 0 || marginMillis >= leaseMillis) {
      throw new IllegalArgumentException("margin must be in (0, lease): " + marginMillis);
    }
    this.leaseNanos = leaseMillis * 1_000_000;
    this.marginNanos = marginMillis * 1_000_000;
    this.nanoClock = nanoClock;
  }

  /** The monotonic time to record just before a renewal is sent. */
  public long now() {
    return nanoClock.getAsLong();
  }

  /**
   * Records a renewal the database granted.
   *
   * @param sentNanos {@link #now()} taken before the renewal was sent
   * @param changeSeq the changes counter the renewal returned
   */
  public synchronized void granted(long sentNanos, long changeSeq) {
    previous = current;
    current = new Grant(sentNanos + leaseNanos - marginNanos, changeSeq);
  }

  /** Ends the lease at once (renewal failed, LISTEN lost, shutting down). */
  public synchronized void revoke() {
    current = Grant.NONE;
    previous = Grant.NONE;
  }

  /**
   * Records whether the LISTEN connection is up; while it is down nothing is covered (and losing it
   * revokes the lease).
   */
  public void listening(boolean up) {
    listening = up;
    if (!up) {
      revoke();
    }
  }

  /** Whether the LISTEN connection was last reported up. */
  public boolean isListening() {
    return listening;
  }

  /**
   * Whether a read arriving now may be served from the cache without checking the database.
   *
   * @param appliedSeq the last change this node has applied
   */
  public boolean covers(long appliedSeq) {
    if (!listening) {
      return false;
    }
    long now = nanoClock.getAsLong();
    return valid(current, now, appliedSeq) || valid(previous, now, appliedSeq);
  }

  private static boolean valid(Grant g, long now, long appliedSeq) {
    return g != Grant.NONE && now - g.untilNanos < 0 && appliedSeq >= g.requiredSeq;
  }
}
