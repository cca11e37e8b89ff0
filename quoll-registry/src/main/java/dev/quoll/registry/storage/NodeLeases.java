package dev.quoll.registry.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The SQL of one node's read lease on PostgreSQL (table {@code node_leases}, migration V50): its
 * row, its renewals, and its acknowledgements of applied changes (a {@code pg_notify} on {@link
 * #ACKS_CHANNEL} with payload {@code "<node id> <seq>"}).
 *
 * <p>Guarantees: a renewal locks the {@code changes} counter row {@code FOR SHARE} before it
 * touches the lease row, and a package write ({@link PackageWriteSql}) updates that counter row
 * before it reads the lease rows {@code FOR SHARE}; so each renewal and each write are ordered by
 * that lock. A renewal ordered after a write returns a sequence number that includes the write (its
 * {@code FOR SHARE} waited for the write's commit and read the latest row); a write ordered after a
 * renewal reads the renewed lease (its {@code FOR SHARE} of the lease row reads the latest row). A
 * write whose snapshot is older than this node's row cannot see the row at all: {@link #renew}
 * therefore reports the node ready only once no transaction that started before the row existed is
 * still running ({@code pg_stat_activity}, which needs the nodes to share one database role, as
 * they do). Errors are {@link SQLException}s, for the caller to treat as "no lease".
 */
public final class NodeLeases {
  /** The notification channel of acknowledgements, payload {@code "<node id> <seq>"}. */
  public static final String ACKS_CHANNEL = "quoll_acks";

  /** The database's clock in epoch milliseconds, as SQL. */
  static final String DB_NOW_MILLIS = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

  private static final String RENEW =
      "WITH c AS (SELECT value FROM counters WHERE name = 'changes' FOR SHARE),"
          + " u AS (UPDATE node_leases SET applied_seq = ?, expires_at = "
          + DB_NOW_MILLIS
          + " + ? FROM c WHERE node_id = ? RETURNING c.value)"
          + " SELECT u.value, (SELECT count(*) FROM pg_stat_activity"
          + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
          + " AND backend_type = 'client backend' AND state IS DISTINCT FROM 'idle'"
          + " AND (xact_start IS NULL OR xact_start < ?::timestamptz)),"
          + " pg_notify('"
          + ACKS_CHANNEL
          + "', ?) FROM u";

  private final DataSource dataSource;
  private final String nodeId;

  /**
   * @param dataSource the PostgreSQL pool (already migrated)
   * @param nodeId this node's id, unique among the live nodes (e.g. {@link
   *     LeasedJob#processHolder()})
   */
  public NodeLeases(DataSource dataSource, String nodeId) {
    this.dataSource = dataSource;
    this.nodeId = nodeId;
  }

  /** This node's id. */
  public String nodeId() {
    return nodeId;
  }

  /**
   * Creates this node's row without a lease, deletes rows of nodes whose lease ended more than a
   * day ago, and returns the database's time after the row was committed (the bound the first
   * {@link #renew} checks running transactions against).
   *
   * @return the database's {@code clock_timestamp()} as text, after the row's commit
   * @throws SQLException when the database fails
   */
  public String register() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      try (PreparedStatement st =
          c.prepareStatement(
              "DELETE FROM node_leases WHERE expires_at < " + DB_NOW_MILLIS + " - 86400000")) {
        st.executeUpdate();
      }
      try (PreparedStatement st =
          c.prepareStatement(
              "INSERT INTO node_leases (node_id, applied_seq, expires_at) VALUES (?, 0, 0)"
                  + " ON CONFLICT (node_id) DO UPDATE SET expires_at = 0")) {
        st.setString(1, nodeId);
        st.executeUpdate();
      }
      try (PreparedStatement st = c.prepareStatement("SELECT clock_timestamp()::text");
          ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  /**
   * What a renewal found.
   *
   * @param changeSeq the changes counter when the lease was granted: the lease covers reads only
   *     once this node has applied every change up to it
   * @param ready {@code false} while a transaction older than this node's row may still commit a
   *     write that did not see the row (the lease must not be used yet)
   */
  public record Renewal(long changeSeq, boolean ready) {}

  /**
   * Renews this node's lease for {@code lease} from the database's now, records {@code appliedSeq}
   * and acknowledges it on {@link #ACKS_CHANNEL}.
   *
   * @param appliedSeq the last change this node has applied
   * @param lease the lease length (whole milliseconds are used)
   * @param registeredAt what {@link #register} returned
   * @return the renewal, or empty when this node's row is gone (register again)
   * @throws SQLException when the database fails
   */
  public Optional<Renewal> renew(long appliedSeq, Duration lease, String registeredAt)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement(RENEW)) {
      c.setAutoCommit(true);
      st.setLong(1, appliedSeq);
      st.setLong(2, lease.toMillis());
      st.setString(3, nodeId);
      st.setString(4, registeredAt);
      st.setString(5, nodeId + " " + appliedSeq);
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Renewal(rs.getLong(1), rs.getLong(2) == 0));
      }
    }
  }

  /**
   * Tells the writers waiting on this node that it has applied every change up to {@code seq}.
   *
   * @param seq the last change applied
   * @throws SQLException when the database fails
   */
  public void acknowledge(long seq) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      c.setAutoCommit(true);
      st.setString(1, ACKS_CHANNEL);
      st.setString(2, nodeId + " " + seq);
      st.executeQuery().close();
    }
  }

  /**
   * Ends this node's lease now (on shutdown, after the node stopped using it), so writers stop
   * waiting on it.
   *
   * @throws SQLException when the database fails
   */
  public void release() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement st =
            c.prepareStatement("UPDATE node_leases SET expires_at = 0 WHERE node_id = ?")) {
      c.setAutoCommit(true);
      st.setString(1, nodeId);
      st.executeUpdate();
    }
  }
}
