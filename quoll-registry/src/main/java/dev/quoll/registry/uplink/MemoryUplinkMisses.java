package dev.quoll.registry.uplink;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The uplink 404s of one node, in memory: at most {@value #MAX_MISSING} names; when full, expired
 * entries are dropped, and if none had expired, all of them (a miss forgotten early only costs one
 * more upstream request).
 */
public final class MemoryUplinkMisses implements UplinkMisses {
  /** The most names kept. */
  public static final int MAX_MISSING = 10_000;

  private final ConcurrentHashMap<String, Instant> missingUntil = new ConcurrentHashMap<>();

  @Override
  public boolean isMissing(String name, Instant now) {
    Instant until = missingUntil.get(name);
    if (until == null) {
      return false;
    }
    if (until.isAfter(now)) {
      return true;
    }
    missingUntil.remove(name, until);
    return false;
  }

  @Override
  public void remember(String name, Instant until, Instant now) {
    if (missingUntil.size() >= MAX_MISSING) {
      missingUntil.values().removeIf(t -> !t.isAfter(now));
      if (missingUntil.size() >= MAX_MISSING) {
        missingUntil.clear();
      }
    }
    missingUntil.put(name, until);
  }

  @Override
  public void forget(String name) {
    missingUntil.remove(name);
  }
}
