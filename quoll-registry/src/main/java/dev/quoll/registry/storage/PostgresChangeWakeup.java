package dev.quoll.registry.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Wakes a {@link ChangeFollower} when any node commits a package write: holds one connection with
 * {@code LISTEN quoll_changes} ({@link JdbcMetadataStore#CHANGES_CHANNEL}). A lost connection is
 * reopened on the next wait; while it is down the wait is a plain sleep, so the follower's poll is
 * the fallback and nothing is missed, only seen later. For the read leases it can also listen on
 * {@link NodeLeases#ACKS_CHANNEL} (acknowledgements go to their own consumer and do not wake the
 * follower) and report whether its connection is up.
 */
public final class PostgresChangeWakeup implements ChangeWakeup {
  /** The longest single blocking read, so {@link #close} is never kept waiting longer. */
  private static final long SLICE_MILLIS = 500;

  private final DataSource dataSource;
  private final Consumer<String> acks;
  private final Consumer<Boolean> listening;
  private Connection connection;
  private volatile boolean closed;

  /**
   * @param dataSource the PostgreSQL pool; one of its connections is held for listening
   */
  public PostgresChangeWakeup(DataSource dataSource) {
    this(dataSource, a -> {}, up -> {});
  }

  /**
   * A wake-up that also listens on {@link NodeLeases#ACKS_CHANNEL} for the read leases.
   *
   * @param dataSource the PostgreSQL pool; one of its connections is held for listening
   * @param acks receives each acknowledgement's payload ({@code "<node id> <seq>"}); these do not
   *     end a wait
   * @param listening told {@code true} once both LISTENs are in place, {@code false} whenever the
   *     connection is lost or closed
   */
  public PostgresChangeWakeup(
      DataSource dataSource, Consumer<String> acks, Consumer<Boolean> listening) {
    this.dataSource = dataSource;
    this.acks = acks;
    this.listening = listening;
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
            st.execute("LISTEN " + NodeLeases.ACKS_CHANNEL);
          }
          listening.accept(true);
        }
        PGNotification[] got =
            connection
                .unwrap(PGConnection.class)
                .getNotifications((int) Math.max(1, Math.min(left, SLICE_MILLIS)));
        boolean change = false;
        for (PGNotification n : got == null ? new PGNotification[0] : got) {
          if (n.getName().equals(NodeLeases.ACKS_CHANNEL)) {
            acks.accept(n.getParameter());
          } else {
            change = true;
          }
        }
        if (change) {
          return;
        }
      } catch (SQLException e) {
        listening.accept(false);
        closeConnection();
        Thread.sleep(Math.max(1, left));
        return;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    listening.accept(false);
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
