package dev.quoll.registry.storage;

import dev.quoll.registry.uplink.MemoryUplinkMisses;
import dev.quoll.registry.uplink.UplinkMisses;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * Uplink 404s in the registry database (table {@code uplink_missing}, migration V40), shared by
 * every node, with this node's own misses in memory in front of it.
 *
 * <p>Guarantees: once any node has remembered a 404 for a name until time {@code t}, every node
 * answers {@link #isMissing} {@code true} for it before {@code t} (one indexed primary-key read the
 * first time, from memory after that), so no node asks the upstream for it again before it expires;
 * {@link #forget} removes the name everywhere (a node that copied the entry into memory keeps it
 * until it expires — the same expiry as the row it copied, so never longer than the row). That copy
 * cannot hide a package another node has since cached: {@code UplinkService} reads the shared
 * {@code uplink_packuments} row before it asks {@link #isMissing}, and a node caches the package
 * (saves the row) before it calls {@link #forget}. Expired rows are deleted on every {@value
 * #PRUNE_EVERY}th {@link #remember}. Portable SQL (upsert: SQLite 3.24+, PostgreSQL 9.5+). Failures
 * are {@link dev.quoll.registry.RegistryException} {@code INTERNAL}.
 */
public final class JdbcUplinkMisses implements UplinkMisses {
  private static final int PRUNE_EVERY = 100;

  private final SqlRunner sql;
  private final MemoryUplinkMisses local = new MemoryUplinkMisses();
  private final java.util.concurrent.atomic.AtomicInteger writes =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * @param dataSource the registry database (already migrated)
   */
  public JdbcUplinkMisses(DataSource dataSource) {
    this.sql = new SqlRunner(dataSource);
  }

  @Override
  public boolean isMissing(String name, Instant now) {
    if (local.isMissing(name, now)) {
      return true;
    }
    List<Long> until =
        sql.query(
            "SELECT expires_at FROM uplink_missing WHERE name = ? AND expires_at > ?",
            List.of(name, now.toEpochMilli()),
            rs -> rs.getLong(1));
    if (until.isEmpty()) {
      return false;
    }
    local.remember(name, Instant.ofEpochMilli(until.getFirst()), now);
    return true;
  }

  @Override
  public void remember(String name, Instant until, Instant now) {
    local.remember(name, until, now);
    sql.inTransaction(
        c -> {
          if (writes.incrementAndGet() % PRUNE_EVERY == 0) {
            SqlRunner.update(
                c, "DELETE FROM uplink_missing WHERE expires_at <= ?", now.toEpochMilli());
          }
          SqlRunner.update(
              c,
              "INSERT INTO uplink_missing (name, expires_at) VALUES (?, ?)"
                  + " ON CONFLICT (name) DO UPDATE SET expires_at = excluded.expires_at",
              name,
              until.toEpochMilli());
        });
  }

  @Override
  public void forget(String name) {
    local.forget(name);
    sql.inTransaction(c -> SqlRunner.update(c, "DELETE FROM uplink_missing WHERE name = ?", name));
  }
}
