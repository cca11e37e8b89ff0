package dev.quoll.registry.uplink;

import java.time.Instant;

/**
 * Package names the uplink recently answered 404 for, so that they are answered "not found" without
 * asking the upstream again until the entry expires. One node keeps them in memory ({@link
 * MemoryUplinkMisses}); several nodes share them through the database ({@code
 * storage.JdbcUplinkMisses}), so a miss seen on one node is not asked upstream again by another.
 */
public interface UplinkMisses {
  /**
   * @param name a package name
   * @param now the current time
   * @return {@code true} when a 404 for {@code name} is remembered until after {@code now}
   */
  boolean isMissing(String name, Instant now);

  /**
   * Remembers a 404.
   *
   * @param name the package name the upstream does not have
   * @param until when to ask again
   * @param now the current time (expired entries may be dropped)
   */
  void remember(String name, Instant until, Instant now);

  /**
   * Forgets a name (the upstream has it after all).
   *
   * @param name the package name
   */
  void forget(String name);
}
