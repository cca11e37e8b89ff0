package dev.quoll.registry.storage;

import dev.quoll.registry.storage.MetadataStore.Change;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Follows the registry-wide changes sequence so a node learns of writes made by other nodes (its
 * rendered-packument cache must drop them).
 *
 * <p>Guarantees: starting from the sequence number current when it starts, every change is passed
 * to the listener exactly once and in sequence order — the changes table is the source of truth,
 * read after each wake-up; a wake-up ({@link ChangeWakeup}, e.g. PostgreSQL NOTIFY) only makes it
 * look sooner, so a missed notification delays a change by at most the poll interval and never
 * loses it. A failing read or listener is retried at the next wake-up from the same position.
 */
public final class ChangeFollower implements AutoCloseable {
  private static final int PAGE = 500;

  private final MetadataStore store;
  private final ChangeWakeup wakeup;
  private final Duration poll;
  private final Consumer<Change> listener;
  private volatile LongConsumer applied = seq -> {};
  private long reported;
  private final Thread thread;
  private volatile boolean closed;
  private volatile long position;

  private ChangeFollower(
      MetadataStore store, ChangeWakeup wakeup, Duration poll, Consumer<Change> listener) {
    this.store = store;
    this.wakeup = wakeup;
    this.poll = poll;
    this.listener = listener;
    this.position = store.lastChangeSeq();
    this.thread = Thread.ofPlatform().daemon().name("quoll-change-follower").unstarted(this::run);
  }

  /**
   * Starts following in a daemon thread.
   *
   * @param store the shared metadata store
   * @param wakeup what to wait on between looks; closed with the follower
   * @param poll the longest wait between looks (the bound on how late a missed notification is)
   * @param listener receives each change after the current one, in order
   * @return the running follower
   */
  public static ChangeFollower start(
      MetadataStore store, ChangeWakeup wakeup, Duration poll, Consumer<Change> listener) {
    ChangeFollower f = new ChangeFollower(store, wakeup, poll, listener);
    f.thread.start();
    return f;
  }

  /**
   * Sets what the following thread tells after a look that found the position moved on (also when
   * another thread's {@link #catchUp} moved it): the read leases acknowledge applied changes there.
   * A failing consumer is retried after the next look.
   *
   * @param applied receives the new {@link #position()}
   */
  public void afterApplying(LongConsumer applied) {
    this.applied = applied;
  }

  /** The sequence number of the last change passed to the listener. */
  public long position() {
    return position;
  }

  /** Reads and passes on every change after {@link #position()} now, in the calling thread. */
  public synchronized void catchUp() {
    while (true) {
      List<Change> page = store.listChanges(position, PAGE);
      for (Change c : page) {
        listener.accept(c);
        position = c.seq();
      }
      if (page.size() < PAGE) {
        return;
      }
    }
  }

  private void run() {
    while (!closed) {
      try {
        wakeup.await(poll);
        if (!closed) {
          catchUp();
          long now = position;
          if (now > reported) {
            applied.accept(now);
            reported = now;
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        System.err.println("quoll: following changes failed, retrying: " + e);
      }
    }
  }

  /** Stops following and closes the wake-up. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    wakeup.close();
  }
}
