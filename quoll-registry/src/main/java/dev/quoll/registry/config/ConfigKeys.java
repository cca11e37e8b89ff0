package dev.quoll.registry.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Every setting of {@code quoll serve}, with its default: the one place defaults live.
 * docs/configuration.md lists each of them (a test checks that it does).
 */
public final class ConfigKeys {
  private ConfigKeys() {}

  /** The address to listen on. */
  public static final ConfigKey<String> HOST =
      new ConfigKey<>("host", "Address to listen on.", "127.0.0.1", s -> nonEmpty("host", s));

  /** The TCP port to listen on. */
  public static final ConfigKey<Integer> PORT =
      new ConfigKey<>(
          "port", "TCP port to listen on (0 picks a free port).", "4873", ConfigKeys::port);

  /** The data directory of the embedded store. */
  public static final ConfigKey<Path> DATA =
      new ConfigKey<>(
          "data",
          "Data directory: the embedded SQLite database and the tarball blob directory.",
          "./quoll-data",
          s -> Path.of(nonEmpty("data", s)));

  /** The metadata database: empty for the embedded SQLite file, else a PostgreSQL JDBC URL. */
  public static final ConfigKey<Optional<String>> DATABASE =
      new ConfigKey<>(
          "database",
          "Metadata database: empty for the embedded SQLite file <data>/quoll.db, or a PostgreSQL"
              + " JDBC URL such as jdbc:postgresql://db:5432/quoll?user=quoll&password=...; every"
              + " node of a cluster points at the same database.",
          "",
          ConfigKeys::database);

  /** The tarball store: empty for {@code <data>/blobs}, else an {@code s3://} URL. */
  public static final ConfigKey<Optional<URI>> BLOB_STORE =
      new ConfigKey<>(
          "blob-store",
          "Tarball store: empty for the directory <data>/blobs, or"
              + " s3://bucket[/prefix]?endpoint=URL&path-style=true&presign-seconds=N (credentials"
              + " and region from the AWS default chain; presign-seconds > 0 answers tarball reads"
              + " with a redirect to a presigned URL).",
          "",
          ConfigKeys::blobStore);

  /** The externally visible URL; derived from host and port when unset. */
  public static final ConfigKey<URI> BASE_URL =
      new ConfigKey<>(
          "base-url",
          "Externally visible URL of the registry, used in tarball and login URLs"
              + " (default: http://<host>:<port>/).",
          "",
          ConfigKeys::httpUrl);

  /** The upstream registry, or {@code none}. */
  public static final ConfigKey<Optional<URI>> UPLINK =
      new ConfigKey<>(
          "uplink",
          "Upstream registry proxied for packages not published here, or 'none'.",
          "https://registry.npmjs.org/",
          s -> s.equals("none") ? Optional.empty() : Optional.of(httpUrl(s)));

  /** Seconds an uplink packument is served before it is revalidated. */
  public static final ConfigKey<Long> UPLINK_MAX_AGE =
      new ConfigKey<>(
          "uplink-max-age",
          "Seconds a packument fetched from the uplink is served before it is revalidated"
              + " (with its ETag); when the uplink is down the cached copy is served, marked stale.",
          "120",
          ConfigKeys::positiveLong);

  /** Seconds an upstream 404 is remembered. */
  public static final ConfigKey<Long> UPLINK_404_MAX_AGE =
      new ConfigKey<>(
          "uplink-404-max-age",
          "Seconds an upstream 404 (package not on the uplink) is remembered and answered without"
              + " asking the uplink again; 0 turns this off.",
          "60",
          ConfigKeys::nonNegativeLong);

  /** Seconds between background refresh passes over the uplink cache; 0 is off. */
  public static final ConfigKey<Long> UPLINK_REFRESH =
      new ConfigKey<>(
          "uplink-refresh",
          "Seconds between background passes that revalidate cached uplink packuments about to"
              + " pass uplink-max-age (up to 100 per pass), so reads find them fresh; with several"
              + " nodes one node at a time does it, through a lease in the database; 0 turns it"
              + " off.",
          "0",
          ConfigKeys::nonNegativeLong);

  /** Bytes of rendered documents kept in memory, per cache. */
  public static final ConfigKey<Long> RENDER_CACHE_SIZE =
      new ConfigKey<>(
          "render-cache-size",
          "Bytes of rendered packuments (JSON and gzip, full and abbreviated) kept in memory,"
              + " least recently used first out; one such cache for local packages and one for"
              + " uplink packages.",
          "67108864",
          ConfigKeys::positiveLong);

  /** Bytes of tarballs kept in memory. */
  public static final ConfigKey<Long> BLOB_CACHE_SIZE =
      new ConfigKey<>(
          "blob-cache-size",
          "Bytes of tarballs kept in memory (off-heap) after their first read, each at most 1/16"
              + " of this; larger tarballs are streamed from their file; 0 turns this off.",
          "67108864",
          ConfigKeys::nonNegativeLong);

  /** The largest publish request body, in bytes. */
  public static final ConfigKey<Long> MAX_PUBLISH_SIZE =
      new ConfigKey<>(
          "max-publish-size",
          "Largest accepted publish request body in bytes (the tarball travels base64-encoded"
              + " inside it, so the tarball limit is about 3/4 of this); larger bodies get 413.",
          "104857600",
          ConfigKeys::positiveLong);

  /** Who may sign up. */
  public static final ConfigKey<String> SIGNUP =
      new ConfigKey<>(
          "signup",
          "Who may create accounts: 'open' (anyone), 'closed' (nobody; existing users still log"
              + " in) or 'invite-only' (only the addresses in signup-invites).",
          "open",
          s -> oneOf("signup", s, "open", "closed", "invite-only"));

  /** The invited e-mail addresses or domains. */
  public static final ConfigKey<List<String>> SIGNUP_INVITES =
      new ConfigKey<>(
          "signup-invites",
          "For signup invite-only: comma-separated e-mail addresses (a@b.org) or domains (@b.org)"
              + " that may sign up.",
          "",
          ConfigKeys::commaList);

  /** Proxies whose X-Forwarded-For is believed. */
  public static final ConfigKey<List<String>> TRUSTED_PROXIES =
      new ConfigKey<>(
          "trusted-proxies",
          "Comma-separated IP addresses or CIDR ranges of reverse proxies whose X-Forwarded-For"
              + " header is believed (for CIDR-limited tokens, rate limits and logs); empty: none.",
          "",
          ConfigKeys::commaList);

  /** Registry admins. */
  public static final ConfigKey<List<String>> ADMINS =
      new ConfigKey<>(
          "admins",
          "Comma-separated user names of registry admins: they may write to every package,"
              + " unpublish versions past the unpublish window and release unpublished names.",
          "",
          ConfigKeys::commaList);

  /** Several nodes: the read lease length in milliseconds; 0 turns read leases off. */
  public static final ConfigKey<Long> READ_LEASE =
      new ConfigKey<>(
          "read-lease",
          "With several nodes on PostgreSQL: milliseconds of a node's read lease, renewed every"
              + " third of it; while it holds one a node serves cached packuments without asking"
              + " the database, and a write waits (at most this long plus a sixth) until every"
              + " node holding one has applied it; 0 turns leases off (every cached read checks"
              + " the changes sequence first).",
          "3000",
          ConfigKeys::nonNegativeLong);

  /** Seconds after a publish in which maintainers may unpublish a version. */
  public static final ConfigKey<Long> UNPUBLISH_WINDOW =
      new ConfigKey<>(
          "unpublish-window",
          "Seconds after its publish during which a version may be unpublished by its"
              + " maintainers (npm's 24-hour rule); older versions only by a registry admin.",
          "86400",
          ConfigKeys::nonNegativeLong);

  /** The key that encrypts TOTP secrets at rest. */
  public static final ConfigKey<String> SECRET_KEY =
      new ConfigKey<>(
          "secret-key",
          "Base64 of 32 random bytes: the AES-256-GCM key that encrypts TOTP secrets at rest"
              + " and web-login tokens while they wait for npm's poll; the same on every node."
              + " Unset: the key file <data>/secret.key, created on first start with owner-only"
              + " permissions.",
          "",
          s -> nonEmpty("secret-key", s));

  /** Login attempts per minute. */
  public static final ConfigKey<Long> LOGIN_RATE_LIMIT =
      new ConfigKey<>(
          "login-rate-limit",
          "Login and sign-up attempts allowed per minute per account, and five times that per"
              + " client address (429 with Retry-After beyond; the budget refills continuously).",
          "10",
          ConfigKeys::positiveLong);

  /** Token creations per minute. */
  public static final ConfigKey<Long> TOKEN_RATE_LIMIT =
      new ConfigKey<>(
          "token-rate-limit",
          "Token creations allowed per minute per account (five times that per client address).",
          "10",
          ConfigKeys::positiveLong);

  /** OTP attempts per minute. */
  public static final ConfigKey<Long> OTP_RATE_LIMIT =
      new ConfigKey<>(
          "otp-rate-limit",
          "One-time password and recovery code attempts allowed per minute per account (five"
              + " times that per client address).",
          "10",
          ConfigKeys::positiveLong);

  /** The TLS certificate chain (PEM). */
  public static final ConfigKey<Path> TLS_CERT =
      new ConfigKey<>(
          "tls-cert",
          "PEM file with the server certificate chain; with tls-key, the registry serves HTTPS"
              + " (HTTP/1.1 and HTTP/2) and sends Strict-Transport-Security.",
          "",
          s -> Path.of(nonEmpty("tls-cert", s)));

  /** The TLS private key (PEM). */
  public static final ConfigKey<Path> TLS_KEY =
      new ConfigKey<>(
          "tls-key",
          "PEM file with the server's private key (PKCS#8 'PRIVATE KEY', RSA or EC), unencrypted.",
          "",
          s -> Path.of(nonEmpty("tls-key", s)));

  /** The plain-HTTP port that redirects to HTTPS. */
  public static final ConfigKey<Integer> HTTP_REDIRECT_PORT =
      new ConfigKey<>(
          "http-redirect-port",
          "With TLS on: a plain-HTTP port on the same host that answers every request with 301"
              + " to the https URL (unset: no plain listener).",
          "",
          ConfigKeys::port);

  /** Directory of the request log files. */
  public static final ConfigKey<Path> LOG_DIR =
      new ConfigKey<>(
          "log-dir",
          "Directory for request log files, one per UTC day (quoll-access-YYYY-MM-DD.log);"
              + " unset: request lines go to standard output only.",
          "",
          s -> Path.of(nonEmpty("log-dir", s)));

  /** Days of log files kept. */
  public static final ConfigKey<Long> LOG_RETENTION_DAYS =
      new ConfigKey<>(
          "log-retention-days",
          "Days of request log files kept in log-dir; older files are deleted (the seeds keep 90).",
          "90",
          ConfigKeys::positiveLong);

  /** The YAML config file to read. */
  public static final ConfigKey<Path> CONFIG =
      new ConfigKey<>(
          "config",
          "YAML file with any of these settings (flags and QUOLL_* variables override it).",
          "",
          s -> Path.of(nonEmpty("config", s)));

  /** All keys, in the order docs/configuration.md lists them. */
  public static final List<ConfigKey<?>> ALL =
      List.of(
          HOST,
          PORT,
          DATA,
          DATABASE,
          BLOB_STORE,
          BASE_URL,
          UPLINK,
          UPLINK_MAX_AGE,
          UPLINK_404_MAX_AGE,
          UPLINK_REFRESH,
          MAX_PUBLISH_SIZE,
          RENDER_CACHE_SIZE,
          BLOB_CACHE_SIZE,
          READ_LEASE,
          SIGNUP,
          SIGNUP_INVITES,
          TRUSTED_PROXIES,
          ADMINS,
          UNPUBLISH_WINDOW,
          SECRET_KEY,
          LOGIN_RATE_LIMIT,
          TOKEN_RATE_LIMIT,
          OTP_RATE_LIMIT,
          TLS_CERT,
          TLS_KEY,
          HTTP_REDIRECT_PORT,
          LOG_DIR,
          LOG_RETENTION_DAYS,
          CONFIG);

  /**
   * @param name a key name such as {@code base-url}
   * @return the key, or empty when no setting has that name
   */
  public static Optional<ConfigKey<?>> byName(String name) {
    return ALL.stream().<ConfigKey<?>>map(k -> k).filter(k -> k.name().equals(name)).findFirst();
  }

  private static String nonEmpty(String name, String s) {
    if (s.isBlank()) {
      throw new ConfigException(name + " must not be empty");
    }
    return s;
  }

  private static String oneOf(String name, String s, String... allowed) {
    String v = s.strip();
    if (!List.of(allowed).contains(v)) {
      throw new ConfigException(name + " must be one of " + String.join(", ", allowed));
    }
    return v;
  }

  private static List<String> commaList(String s) {
    return java.util.Arrays.stream(s.split(","))
        .map(String::strip)
        .filter(x -> !x.isEmpty())
        .toList();
  }

  private static Optional<String> database(String s) {
    String t = s.trim();
    if (t.isEmpty()) {
      return Optional.empty();
    }
    if (!t.startsWith("jdbc:postgresql://")) {
      throw new ConfigException(
          "expected a jdbc:postgresql://host:port/db URL (or nothing for the embedded database)");
    }
    return Optional.of(t);
  }

  private static Optional<URI> blobStore(String s) {
    String t = s.trim();
    if (t.isEmpty()) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(t);
    } catch (java.net.URISyntaxException e) {
      throw new ConfigException("not a URL: '" + s + "'");
    }
    if (!"s3".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new ConfigException("expected s3://bucket?... (or nothing for <data>/blobs)");
    }
    return Optional.of(uri);
  }

  private static int port(String s) {
    try {
      int p = Integer.parseInt(s.trim());
      if (p < 0 || p > 65535) {
        throw new ConfigException("port must be between 0 and 65535, got " + s);
      }
      return p;
    } catch (NumberFormatException e) {
      throw new ConfigException("port must be a number, got '" + s + "'");
    }
  }

  private static long positiveLong(String s) {
    try {
      long v = Long.parseLong(s.trim());
      if (v < 1) {
        throw new ConfigException("must be a positive number of bytes, got " + s);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new ConfigException("must be a number of bytes, got '" + s + "'");
    }
  }

  private static long nonNegativeLong(String s) {
    try {
      long v = Long.parseLong(s.trim());
      if (v < 0) {
        throw new ConfigException("must be zero or a positive number, got " + s);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new ConfigException("must be a number, got '" + s + "'");
    }
  }

  private static URI httpUrl(String s) {
    URI uri;
    try {
      uri = new URI(s.trim());
    } catch (java.net.URISyntaxException e) {
      throw new ConfigException("not a URL: '" + s + "'");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
        || uri.getHost() == null) {
      throw new ConfigException("expected an http(s) URL, got '" + s + "'");
    }
    return uri.getPath() == null || uri.getPath().endsWith("/") ? uri : URI.create(uri + "/");
  }
}
