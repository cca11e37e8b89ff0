package dev.quoll.registry.accounts;

import dev.quoll.registry.RegistryException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate limits on password and OTP guessing, with Bucket4j token buckets: each {@link Action} has a
 * budget of attempts per minute per account, and {@value #ADDRESS_FACTOR} times that per client
 * address (many users may share one address behind a NAT); an attempt spends one token from both
 * buckets. Buckets refill greedily (continuously), so there is never a permanent lock-out: a
 * refused client may retry after the {@code Retry-After} seconds the 429 carries. At most {@value
 * #MAX_BUCKETS} buckets are kept; beyond that, full (idle) buckets are dropped first, and if that
 * is not enough all are dropped (limits reset rather than memory grow).
 */
public final class RateLimits {
  /** How many times the per-account budget one client address gets. */
  public static final int ADDRESS_FACTOR = 5;

  /** The most buckets kept in memory. */
  public static final int MAX_BUCKETS = 100_000;

  /** What is being attempted. */
  public enum Action {
    /** A login or sign-up (couch PUT or the web form). */
    LOGIN,
    /** A token creation (password check). */
    TOKEN_CREATE,
    /** A one-time password or recovery code check. */
    OTP
  }

  private final Map<Action, Integer> perMinute;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * @param perMinute attempts allowed per minute for each action and account (an address gets
   *     {@value #ADDRESS_FACTOR} times as many; an action missing from the map is not limited)
   */
  public RateLimits(Map<Action, Integer> perMinute) {
    this.perMinute = new EnumMap<>(Action.class);
    this.perMinute.putAll(perMinute);
  }

  /**
   * Spends one attempt of an action for an account and an address.
   *
   * @param action what is attempted
   * @param account the user name ("" when unknown)
   * @param address the client address
   * @throws RegistryException {@code TOO_MANY_REQUESTS} with a retry time when either budget is
   *     spent
   */
  public void spend(Action action, String account, String address) {
    Integer limit = perMinute.get(action);
    if (limit == null) {
      return;
    }
    long waitNanos = 0;
    if (!account.isEmpty()) {
      waitNanos = Math.max(waitNanos, probe(action + "|u|" + account, limit));
    }
    waitNanos = Math.max(waitNanos, probe(action + "|a|" + address, limit * ADDRESS_FACTOR));
    if (waitNanos > 0) {
      throw RegistryException.tooManyRequests(
          "Too many attempts; try again in a little while",
          (waitNanos + 999_999_999L) / 1_000_000_000L);
    }
  }

  private long probe(String key, int limit) {
    if (buckets.size() >= MAX_BUCKETS) {
      buckets.values().removeIf(b -> b.getAvailableTokens() >= 1);
      if (buckets.size() >= MAX_BUCKETS) {
        buckets.clear();
      }
    }
    Bucket b =
        buckets.computeIfAbsent(
            key,
            k ->
                Bucket.builder()
                    .addLimit(
                        Bandwidth.builder()
                            .capacity(limit)
                            .refillGreedy(limit, Duration.ofMinutes(1))
                            .build())
                    .build());
    ConsumptionProbe p = b.tryConsumeAndReturnRemaining(1);
    return p.isConsumed() ? 0 : Math.max(1, p.getNanosToWaitForRefill());
  }
}
