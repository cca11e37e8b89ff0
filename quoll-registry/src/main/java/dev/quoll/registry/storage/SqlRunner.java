package dev.quoll.registry.storage;

import dev.quoll.registry.RegistryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The JDBC plumbing the SQL stores share: a query that maps rows, a unit of work in one transaction
 * (rolled back on any failure), an update, and parameter binding for the few types the stores use
 * ({@code String}, {@code Long}, {@code Integer}, {@code null} as SQL NULL). Every {@link
 * SQLException} becomes a {@link RegistryException} of kind {@code INTERNAL}.
 */
final class SqlRunner {
  /** Reads one row. */
  interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** Work done on one connection inside a transaction. */
  interface Work {
    void run(Connection c) throws SQLException;
  }

  private final DataSource dataSource;

  SqlRunner(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * @param sql a SELECT with {@code ?} parameters
   * @param params the parameters, in order
   * @param row maps one row
   * @return every row, in the database's order
   * @throws RegistryException {@code INTERNAL} on a database failure
   */
  <T> List<T> query(String sql, List<Object> params, Row<T> row) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      bind(st, params.toArray());
      List<T> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(row.read(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /**
   * Runs work in one transaction: committed when it returns, rolled back when it throws.
   *
   * @throws RegistryException {@code INTERNAL} on a database failure; the work's own unchecked
   *     exceptions pass through after the rollback
   */
  void inTransaction(Work work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /**
   * @return the number of rows changed
   */
  static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(sql)) {
      bind(st, params);
      return st.executeUpdate();
    }
  }

  static void bind(PreparedStatement st, Object[] params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      switch (params[i]) {
        case null -> st.setNull(i + 1, java.sql.Types.VARCHAR);
        case String s -> st.setString(i + 1, s);
        case Long l -> st.setLong(i + 1, l);
        case Integer n -> st.setInt(i + 1, n);
        default -> throw new IllegalArgumentException("unsupported parameter " + params[i]);
      }
    }
  }

  static RegistryException failure(SQLException e) {
    return new RegistryException(
        RegistryException.Kind.INTERNAL, "metadata store failure: " + e.getMessage(), e);
  }
}
