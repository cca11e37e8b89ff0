package dev.quoll.registry.storage;

import dev.quoll.registry.RegistryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Leases on background jobs, kept in the registry database (table {@code job_leases}, migration
 * V12) so that with several nodes exactly one does each job.
 *
 * <p>Guarantees: {@link #tryAcquire} is one atomic upsert — it takes the lease when nobody holds
 * it, when its holder's lease has expired, or renews it for the current holder; otherwise it
 * changes nothing. So at any instant at most one holder has an unexpired lease (given node clocks
 * within the lease time of each other). {@link #release} frees a lease only for its holder.
 * Failures are {@link RegistryException} {@code INTERNAL}.
 */
public final class JobLeases {
  private final DataSource dataSource;

  /**
   * @param dataSource the registry database (already migrated)
   */
  public JobLeases(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Takes or renews a lease.
   *
   * @param job the job's name, e.g. {@code uplink-refresh}
   * @param holder who asks, unique per node (e.g. host name + process id + random)
   * @param ttl how long the lease lasts from {@code now} unless renewed
   * @param now the current time
   * @return {@code true} when {@code holder} now holds the lease until {@code now + ttl}
   */
  public boolean tryAcquire(String job, String holder, Duration ttl, Instant now) {
    return update(
            "INSERT INTO job_leases (name, holder, expires_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder,"
                + " expires_at = excluded.expires_at"
                + " WHERE job_leases.holder = excluded.holder OR job_leases.expires_at <= ?",
            job,
            holder,
            now.plus(ttl).toEpochMilli(),
            now.toEpochMilli())
        == 1;
  }

  /**
   * Gives a lease up early; does nothing when {@code holder} does not hold it.
   *
   * @param job the job's name
   * @param holder who gives it up
   */
  public void release(String job, String holder) {
    update("DELETE FROM job_leases WHERE name = ? AND holder = ?", job, holder);
  }

  private int update(String sql, Object... params) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        switch (params[i]) {
          case String s -> st.setString(i + 1, s);
          case Long n -> st.setLong(i + 1, n);
          default -> throw new IllegalArgumentException("unsupported parameter " + params[i]);
        }
      }
      return st.executeUpdate();
    } catch (SQLException e) {
      throw new RegistryException(
          RegistryException.Kind.INTERNAL, "job lease store failure: " + e.getMessage(), e);
    }
  }
}
