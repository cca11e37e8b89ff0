package dev.quoll.registry.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Wakes a {@link ChangeFollower} when any node commits a package write: holds one connection with
 * {@code LISTEN quoll_changes} ({@link JdbcMetadataStore#CHANGES_CHANNEL}). A lost connection is
 * reopened on the next wait; while it is down the wait is a plain sleep, so the follower's poll is
 * the fallback and nothing is missed, only seen later.
 */
public final class PostgresChangeWakeup implements ChangeWakeup {
  private final DataSource dataSource;
  private Connection connection;

  /**
   * @param dataSource the PostgreSQL pool; one of its connections is held for listening
   */
  public PostgresChangeWakeup(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public synchronized void await(Duration max) throws InterruptedException {
    try {
      if (connection == null) {
        connection = dataSource.getConnection();
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement()) {
          st.execute("LISTEN " + JdbcMetadataStore.CHANGES_CHANNEL);
        }
      }
      connection.unwrap(PGConnection.class).getNotifications((int) Math.max(1, max.toMillis()));
    } catch (SQLException e) {
      closeConnection();
      Thread.sleep(max);
    }
  }

  @Override
  public synchronized void close() {
    closeConnection();
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
