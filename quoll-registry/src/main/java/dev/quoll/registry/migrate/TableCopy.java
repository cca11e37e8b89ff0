package dev.quoll.registry.migrate;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Copies every table of the registry schema (all but Flyway's history) from one database to another
 * of the same schema version, whatever the engines.
 *
 * <p>Guarantees: the target ends up with exactly the source's rows — its tables are emptied and
 * refilled in one transaction, so an interrupted copy leaves the target as it was and running it
 * again is safe; tables are filled parents first (foreign keys) and emptied children first; values
 * are converted to the target column's type (integers, text, booleans), so SQLite's loose types
 * land in PostgreSQL's strict ones. Tables added by later migrations are copied without changes
 * here.
 */
final class TableCopy {
  private static final int BATCH = 500;

  private TableCopy() {}

  /**
   * @return rows copied per table, in copy order
   * @throws SQLException when either database fails; the target is rolled back
   * @throws IllegalStateException when the schemas differ
   */
  static Map<String, Long> copy(DataSource from, DataSource to) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection src = from.getConnection();
        Connection dst = to.getConnection()) {
      List<String> tables = orderedTables(dst);
      Set<String> sourceTables = new LinkedHashSet<>(orderedTables(src));
      if (!sourceTables.equals(new LinkedHashSet<>(tables))) {
        throw new IllegalStateException(
            "the schemas differ: source " + sourceTables + ", target " + tables);
      }
      dst.setAutoCommit(false);
      try {
        for (String t : tables.reversed()) {
          try (Statement st = dst.createStatement()) {
            st.executeUpdate("DELETE FROM " + t);
          }
        }
        for (String t : tables) {
          counts.put(t, copyTable(src, dst, t));
        }
        dst.commit();
      } catch (SQLException | RuntimeException e) {
        dst.rollback();
        throw e;
      }
    }
    return counts;
  }

  private static long copyTable(Connection src, Connection dst, String table) throws SQLException {
    Map<String, Integer> targetTypes = new LinkedHashMap<>();
    try (Statement st = dst.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
      ResultSetMetaData md = rs.getMetaData();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        targetTypes.put(
            md.getColumnName(i).toLowerCase(java.util.Locale.ROOT), md.getColumnType(i));
      }
    }
    List<String> columns = new ArrayList<>(targetTypes.keySet());
    String insert =
        "INSERT INTO "
            + table
            + " ("
            + String.join(", ", columns)
            + ") VALUES ("
            + String.join(", ", columns.stream().map(c -> "?").toList())
            + ")";
    long n = 0;
    try (Statement st = src.createStatement();
        ResultSet rs = st.executeQuery("SELECT " + String.join(", ", columns) + " FROM " + table);
        PreparedStatement ins = dst.prepareStatement(insert)) {
      while (rs.next()) {
        for (int i = 0; i < columns.size(); i++) {
          bind(ins, i + 1, rs.getObject(i + 1), targetTypes.get(columns.get(i)));
        }
        ins.addBatch();
        if (++n % BATCH == 0) {
          ins.executeBatch();
        }
      }
      ins.executeBatch();
    }
    return n;
  }

  private static void bind(PreparedStatement ps, int i, Object v, int type) throws SQLException {
    if (v == null) {
      ps.setNull(i, type);
      return;
    }
    switch (type) {
      case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT ->
          ps.setLong(i, v instanceof Number num ? num.longValue() : Long.parseLong(v.toString()));
      case Types.BOOLEAN, Types.BIT ->
          ps.setBoolean(
              i,
              v instanceof Boolean b
                  ? b
                  : v instanceof Number num ? num.longValue() != 0 : Boolean.parseBoolean(v + ""));
      case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.CLOB ->
          ps.setString(i, v.toString());
      default -> ps.setObject(i, v);
    }
  }

  /** The registry's tables, each after the tables its foreign keys point at. */
  private static List<String> orderedTables(Connection c) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    String schema = c.getSchema();
    Map<String, Set<String>> parents = new LinkedHashMap<>();
    try (ResultSet rs = md.getTables(null, schema, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        String t = rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT);
        if (!t.startsWith("sqlite_") && !t.equals("flyway_schema_history")) {
          parents.put(t, new LinkedHashSet<>());
        }
      }
    }
    for (String t : parents.keySet()) {
      try (ResultSet rs = md.getImportedKeys(null, schema, t)) {
        while (rs.next()) {
          String p = rs.getString("PKTABLE_NAME").toLowerCase(java.util.Locale.ROOT);
          if (!p.equals(t)) {
            parents.get(t).add(p);
          }
        }
      }
    }
    List<String> order = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    List<String> names = new ArrayList<>(parents.keySet());
    names.sort(null);
    for (String t : names) {
      visit(t, parents, done, order, new LinkedHashSet<>());
    }
    return order;
  }

  private static void visit(
      String t,
      Map<String, Set<String>> parents,
      Set<String> done,
      List<String> order,
      Set<String> path) {
    if (done.contains(t) || !path.add(t)) {
      return;
    }
    for (String p : parents.getOrDefault(t, Set.of())) {
      visit(p, parents, done, order, path);
    }
    done.add(t);
    order.add(t);
  }
}
