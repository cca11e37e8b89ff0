package dev.quoll.registry.storage;

import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * Which packuments cached from the uplink (table {@code uplink_packuments}) were last checked with
 * the upstream before a given time: the work list of the background uplink refresh. Portable SQL.
 * {@code checked_at} is ISO-8601 text compared as text, so two times within the same second may
 * compare out of order (their fraction digits differ in length); the list is a best-effort order,
 * never a correctness boundary. Failures are {@link dev.quoll.registry.RegistryException} {@code
 * INTERNAL}.
 */
public final class StaleUplinkPackuments {
  private final SqlRunner sql;

  /**
   * @param dataSource the registry database (already migrated)
   */
  public StaleUplinkPackuments(DataSource dataSource) {
    this.sql = new SqlRunner(dataSource);
  }

  /**
   * @param checkedBefore the cut-off
   * @param limit the most names returned
   * @return names last checked before the cut-off, longest unchecked first
   */
  public List<String> list(Instant checkedBefore, int limit) {
    return sql.query(
        "SELECT name FROM uplink_packuments WHERE checked_at < ? ORDER BY checked_at LIMIT ?",
        List.of(checkedBefore.toString(), limit),
        rs -> rs.getString(1));
  }
}
