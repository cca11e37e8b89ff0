package dev.quoll.registry.storage;

import java.time.Duration;

/**
 * What a {@link ChangeFollower} waits on between looks at the changes sequence: a notification that
 * some node wrote (PostgreSQL LISTEN), or simply the poll interval.
 */
public interface ChangeWakeup extends AutoCloseable {
  /** Waits the whole interval; for stores without notifications. */
  ChangeWakeup SLEEP =
      new ChangeWakeup() {
        @Override
        public void await(Duration max) throws InterruptedException {
          Thread.sleep(max);
        }

        @Override
        public void close() {}
      };

  /**
   * Returns when a change may have happened, or after {@code max} at the latest.
   *
   * @param max the longest wait
   * @throws InterruptedException when the waiting thread is interrupted
   */
  void await(Duration max) throws InterruptedException;

  /** Releases what the wake-up holds (e.g. its database connection). */
  @Override
  void close();
}
