package dev.quoll.client.registry;

import dev.quoll.client.config.NpmConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Settings of a {@link RegistryClient}.
 *
 * @param mode how cached packuments are used
 * @param cacheDir the npm cache folder ({@code cache}); packuments go to {@code
 *     <cacheDir>/_quoll/packuments}, tarballs to {@code <cacheDir>/_cacache}
 * @param retries how often a failed request is retried ({@code fetch-retries}, npm default 2)
 * @param retryFactor the backoff factor ({@code fetch-retry-factor}, default 10)
 * @param minRetryWait the first wait ({@code fetch-retry-mintimeout}, default 10 s)
 * @param maxRetryWait the longest wait ({@code fetch-retry-maxtimeout}, default 60 s)
 * @param timeout one request's time limit ({@code fetch-timeout}, default 5 min)
 * @param maxConcurrent requests in flight at once in each of the client's two connections
 *     (packuments, tarballs), each counted until its body is read or closed (Quoll's default 96:
 *     registry.npmjs.org allows 128 concurrent HTTP/2 streams per connection, and java.net.http
 *     fails a request beyond that; 100 streams fetched a large project's tarballs faster than 50
 *     here; npm's {@code maxsockets} 15 applies per host to HTTP/1.1 only)
 * @param userAgent the {@code user-agent} header
 * @param before {@code --before}: when set, full packuments are fetched (they carry {@code time}),
 *     as pacote does; {@link Instant#MAX} when unset
 */
public record FetchOptions(
    FetchMode mode,
    Path cacheDir,
    int retries,
    double retryFactor,
    Duration minRetryWait,
    Duration maxRetryWait,
    Duration timeout,
    int maxConcurrent,
    String userAgent,
    Instant before) {

  /** Quoll's user agent, in npm's format. */
  public static final String USER_AGENT =
      "quoll/0.1.0 java/" + Runtime.version().feature() + " linux x64 workspaces/false";

  /**
   * The options npm's config gives.
   *
   * @param config the configuration
   * @return the options
   */
  public static FetchOptions of(NpmConfig config) {
    return new FetchOptions(
        FetchMode.of(config),
        Path.of(config.get("cache").orElse(System.getProperty("user.home") + "/.npm")),
        (int) config.number("fetch-retries", 2),
        Double.parseDouble(config.get("fetch-retry-factor").orElse("10")),
        Duration.ofMillis(config.number("fetch-retry-mintimeout", 10_000)),
        Duration.ofMillis(config.number("fetch-retry-maxtimeout", 60_000)),
        Duration.ofMillis(config.number("fetch-timeout", 300_000)),
        96,
        USER_AGENT,
        config.before().orElse(Instant.MAX));
  }

  /** The {@code --before} date, when set. */
  public Optional<Instant> beforeDate() {
    return before.equals(Instant.MAX) ? Optional.empty() : Optional.of(before);
  }

  /** These options with another mode. */
  public FetchOptions withMode(FetchMode m) {
    return new FetchOptions(
        m,
        cacheDir,
        retries,
        retryFactor,
        minRetryWait,
        maxRetryWait,
        timeout,
        maxConcurrent,
        userAgent,
        before);
  }

  /** These options with other retry waits (tests use milliseconds). */
  public FetchOptions withRetryWaits(Duration min, Duration max) {
    return new FetchOptions(
        mode, cacheDir, retries, retryFactor, min, max, timeout, maxConcurrent, userAgent, before);
  }

  /**
   * The wait before retry number {@code attempt} (0-based): {@code min * factor^attempt}, capped.
   */
  Duration retryWait(int attempt) {
    double ms = minRetryWait.toMillis() * Math.pow(retryFactor, attempt);
    return Duration.ofMillis((long) Math.min(ms, maxRetryWait.toMillis()));
  }
}
