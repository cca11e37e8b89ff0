package dev.quoll.registry.storage;

import dev.quoll.registry.storage.MetadataStore.PackageWrite;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of one package write ({@link MetadataStore#savePackage}), with as few round trips as each
 * engine allows.
 *
 * <p>Guarantees (both engines): the write is all or nothing — the package row moves from {@code
 * expectedRevision} to {@code expectedRevision + 1} (or is created at revision 1 when the expected
 * revision is 0), its new versions are recorded as published, the registry-wide {@code changes}
 * counter is incremented and a change row with the new number is added; when the compare-and-set
 * fails nothing is written. The counter row is locked by its {@code UPDATE} until commit, so
 * sequence numbers are gap-free and become visible in order.
 *
 * <ul>
 *   <li>PostgreSQL: one statement — data-modifying common table expressions in one implicit
 *       transaction (autocommit), ending in {@code pg_notify} on {@link
 *       JdbcMetadataStore#CHANGES_CHANNEL} and returning the other nodes' live read leases ({@link
 *       NodeLeases}), so the whole write is one round trip. Every part of the statement sees one
 *       snapshot; the counter and change parts run only when the package part changed a row ({@code
 *       WHERE EXISTS (SELECT 1 FROM p)}). Under READ COMMITTED a racing writer of the same package
 *       waits for the first to commit, re-checks {@code revision = ?} against the committed row and
 *       changes nothing.
 *   <li>SQLite (one writer at a time, calls in-process): the package statement, one batch of
 *       version inserts, {@code UPDATE counters ... RETURNING value}, and the change insert, in one
 *       transaction.
 * </ul>
 */
final class PackageWriteSql {
  private PackageWriteSql() {}

  private static final String POSTGRES_INSERT =
      "INSERT INTO packages (name, revision, document, modified_at) VALUES (?, 1, ?, ?)"
          + " ON CONFLICT (name) DO NOTHING RETURNING name";
  private static final String POSTGRES_UPDATE =
      "UPDATE packages SET revision = revision + 1, document = ?, modified_at = ?"
          + " WHERE name = ? AND revision = ? RETURNING name";
  private static final String POSTGRES_REST =
      ", v AS (INSERT INTO published_versions (package_name, version, published_at)"
          + " SELECT p.name, x.version, ? FROM p CROSS JOIN unnest(?::text[]) AS x(version)"
          + " ON CONFLICT (package_name, version) DO NOTHING),"
          + " c AS (UPDATE counters SET value = value + 1"
          + " WHERE name = 'changes' AND EXISTS (SELECT 1 FROM p) RETURNING value),"
          + " i AS (INSERT INTO changes (seq, package_name, revision, changed_at)"
          + " SELECT value, ?, ?, ? FROM c RETURNING seq),"
          + " l AS (SELECT node_id, applied_seq, expires_at FROM node_leases"
          + " WHERE node_id <> ? AND EXISTS (SELECT 1 FROM c) FOR SHARE)"
          + " SELECT i.seq, pg_notify('"
          + JdbcMetadataStore.CHANGES_CHANNEL
          + "', CAST(i.seq AS TEXT)), l.node_id, l.applied_seq, l.expires_at - "
          + NodeLeases.DB_NOW_MILLIS
          + " FROM i LEFT JOIN l ON true";

  /**
   * A write committed on PostgreSQL.
   *
   * @param seq its change sequence number
   * @param holders the other nodes whose read lease had not run out (by the database's clock) and
   *     that had not yet recorded this change as applied, read after the counter row was locked
   */
  record Committed(long seq, List<WriteAcks.Holder> holders) {}

  /**
   * The write on PostgreSQL, as one statement on a connection in autocommit mode. The statement
   * also reads, {@code FOR SHARE} and only after it has locked the changes counter (so ordered with
   * every lease renewal, see {@link NodeLeases}), the read leases of the other nodes.
   *
   * @param nodeId this node's id in {@code node_leases} (its own lease is left out)
   * @return the committed write, or empty when the compare-and-set failed and nothing was written
   */
  static Optional<Committed> postgres(Connection c, PackageWrite write, String nodeId)
      throws SQLException {
    String at = write.at().toString();
    boolean insert = write.expectedRevision() == 0;
    String sql = "WITH p AS (" + (insert ? POSTGRES_INSERT : POSTGRES_UPDATE) + ")" + POSTGRES_REST;
    Array versions = c.createArrayOf("text", write.newVersions().toArray());
    try (PreparedStatement st = c.prepareStatement(sql)) {
      int i = 1;
      if (insert) {
        st.setString(i++, write.name());
        st.setString(i++, write.document());
        st.setString(i++, at);
      } else {
        st.setString(i++, write.document());
        st.setString(i++, at);
        st.setString(i++, write.name());
        st.setLong(i++, write.expectedRevision());
      }
      st.setString(i++, at);
      st.setArray(i++, versions);
      st.setString(i++, write.name());
      st.setLong(i++, write.expectedRevision() + 1);
      st.setString(i++, at);
      st.setString(i, nodeId);
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        long seq = rs.getLong(1);
        List<WriteAcks.Holder> holders = new ArrayList<>();
        do {
          String node = rs.getString(3);
          long applied = rs.getLong(4);
          long left = rs.getLong(5);
          if (node != null && left > 0 && applied < seq) {
            holders.add(new WriteAcks.Holder(node, applied, left));
          }
        } while (rs.next());
        return Optional.of(new Committed(seq, List.copyOf(holders)));
      }
    } finally {
      versions.free();
    }
  }

  /**
   * The write on SQLite, in one transaction on the given connection (committed or rolled back
   * here).
   *
   * @return {@code true} when the compare-and-set held and everything was written
   */
  static boolean portable(Connection c, PackageWrite write) throws SQLException {
    String at = write.at().toString();
    c.setAutoCommit(false);
    try {
      int changed =
          write.expectedRevision() == 0
              ? SqlRunner.update(
                  c,
                  "INSERT INTO packages (name, revision, document, modified_at)"
                      + " VALUES (?, 1, ?, ?) ON CONFLICT (name) DO NOTHING",
                  write.name(),
                  write.document(),
                  at)
              : SqlRunner.update(
                  c,
                  "UPDATE packages SET revision = revision + 1, document = ?, modified_at = ?"
                      + " WHERE name = ? AND revision = ?",
                  write.document(),
                  at,
                  write.name(),
                  write.expectedRevision());
      if (changed != 1) {
        c.rollback();
        return false;
      }
      if (!write.newVersions().isEmpty()) {
        try (PreparedStatement st =
            c.prepareStatement(
                "INSERT INTO published_versions (package_name, version, published_at)"
                    + " VALUES (?, ?, ?) ON CONFLICT (package_name, version) DO NOTHING")) {
          for (String version : write.newVersions()) {
            SqlRunner.bind(st, new Object[] {write.name(), version, at});
            st.addBatch();
          }
          st.executeBatch();
        }
      }
      long seq;
      try (PreparedStatement st =
              c.prepareStatement(
                  "UPDATE counters SET value = value + 1 WHERE name = 'changes' RETURNING value");
          ResultSet rs = st.executeQuery()) {
        rs.next();
        seq = rs.getLong(1);
      }
      SqlRunner.update(
          c,
          "INSERT INTO changes (seq, package_name, revision, changed_at) VALUES (?, ?, ?, ?)",
          seq,
          write.name(),
          write.expectedRevision() + 1,
          at);
      c.commit();
      return true;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    }
  }
}
