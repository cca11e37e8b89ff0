package dev.quoll.registry.storage;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes every write committed on any node visible to the next read on this node: before a read is
 * served from the rendered-packument cache, {@link #await()} makes sure a check of the
 * registry-wide changes sequence that <em>started after the read arrived</em> has completed, and
 * that this node's {@link ChangeFollower} has applied every change up to what it found.
 *
 * <p>Guarantees: a write acknowledged (committed) before a read arrives is applied before that read
 * is served. Cost: concurrent reads share checks — at most one check query ({@code SELECT} of the
 * sequence counter) runs at a time, and each read waits for at most the one running plus the next,
 * so under load the database sees about one query per query latency, not one per read.
 * LISTEN/NOTIFY keeps the follower current, so the check rarely has anything to catch up. If the
 * check fails (database unreachable), the read is served from the cache as it is.
 */
public final class ReadBarrier {
  private final MetadataStore store;
  private final ChangeFollower follower;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition done = lock.newCondition();
  private long started;
  private long finished;
  private boolean running;

  /**
   * @param store the shared metadata store
   * @param follower this node's follower of the changes sequence
   */
  public ReadBarrier(MetadataStore store, ChangeFollower follower) {
    this.store = store;
    this.follower = follower;
  }

  /** Returns once every change committed before the call has been applied on this node. */
  public void await() {
    lock.lock();
    try {
      long target = started + 1;
      while (finished < target) {
        if (!running) {
          running = true;
          long n = ++started;
          lock.unlock();
          try {
            check();
          } finally {
            lock.lock();
            running = false;
            finished = n;
            done.signalAll();
          }
        } else {
          done.awaitUninterruptibly();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private void check() {
    try {
      if (store.lastChangeSeq() > follower.position()) {
        follower.catchUp();
      }
    } catch (RuntimeException e) {
      System.err.println("quoll: cannot check for other nodes' writes: " + e);
    }
  }
}
