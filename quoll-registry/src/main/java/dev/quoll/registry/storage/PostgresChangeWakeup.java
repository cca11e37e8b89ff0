package dev.quoll.registry.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Wakes a {@link ChangeFollower} when any node commits a package write: holds one connection with
 * {@code LISTEN quoll_changes} ({@link JdbcMetadataStore#CHANGES_CHANNEL}). A lost connection is
 * reopened on the next wait; while it is down the wait is a plain sleep, so the follower's poll is
 * the fallback and nothing is missed, only seen later.
 */
public final class PostgresChangeWakeup implements ChangeWakeup {
  /** The longest single blocking read, so {@link #close} is never kept waiting longer. */
  private static final long SLICE_MILLIS = 500;

  private final DataSource dataSource;
  private Connection connection;
  private volatile boolean closed;

  /**
   * @param dataSource the PostgreSQL pool; one of its connections is held for listening
   */
  public PostgresChangeWakeup(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public synchronized void await(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    long left;
    while (!closed && (left = (deadline - System.nanoTime()) / 1_000_000) > 0) {
      try {
        if (connection == null) {
          connection = dataSource.getConnection();
          connection.setAutoCommit(true);
          try (Statement st = connection.createStatement()) {
            st.execute("LISTEN " + JdbcMetadataStore.CHANGES_CHANNEL);
          }
        }
        PGNotification[] got =
            connection
                .unwrap(PGConnection.class)
                .getNotifications((int) Math.max(1, Math.min(left, SLICE_MILLIS)));
        if (got != null && got.length > 0) {
          return;
        }
      } catch (SQLException e) {
        closeConnection();
        Thread.sleep(Math.max(1, left));
        return;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (this) {
      closeConnection();
    }
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // already broken
      }
      connection = null;
    }
  }
}
