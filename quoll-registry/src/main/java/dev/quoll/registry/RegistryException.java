package dev.quoll.registry;

/**
 * The registry's one exception family: a failure with a stable {@link Kind} that the HTTP layer
 * maps to a status and npm's {@code {"error": "..."}} body (npm-registry-fetch 19 prints {@code
 * body.error}). The message is shown to the npm user, so it never holds a token or password.
 */
public final class RegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, with the HTTP status npm expects for it (wire note §1.4). */
  public enum Kind {
    /** Malformed or invalid input: 400. */
    BAD_REQUEST(400),
    /** Missing or invalid credentials: 401. */
    UNAUTHORIZED(401),
    /**
     * A one-time password is needed, or the one given is wrong or used: 401 with {@code
     * WWW-Authenticate: OTP} (npm-registry-fetch 19 {@code check-response.js}: EOTP).
     */
    OTP_REQUIRED(401),
    /**
     * The token may not be used from the client's address: 401 with {@code WWW-Authenticate:
     * ipaddress} (npm-registry-fetch 19: EAUTHIP).
     */
    IP_NOT_ALLOWED(401),
    /** Authenticated but not allowed, or a version published before: 403. */
    FORBIDDEN(403),
    /** Unknown package, version, tag, user or route: 404. */
    NOT_FOUND(404),
    /** Method not allowed on a known route: 405. */
    METHOD_NOT_ALLOWED(405),
    /** A write raced with another one too often: 409. */
    CONFLICT(409),
    /** Request body over the configured limit: 413. */
    TOO_LARGE(413),
    /**
     * Too many requests of a kind (web login sessions, rate limits): 429, with {@code Retry-After}
     * when {@link RegistryException#retryAfterSeconds()} is positive.
     */
    TOO_MANY_REQUESTS(429),
    /** A storage or other server-side failure: 500. */
    INTERNAL(500),
    /** The uplink failed and nothing cached can answer: 502. */
    BAD_GATEWAY(502);

    private final int status;

    Kind(int status) {
      this.status = status;
    }

    /** The HTTP status code. */
    public int status() {
      return status;
    }
  }

  private final Kind kind;
  private final long retryAfterSeconds;

  /**
   * @param kind the failure kind
   * @param message one line for the npm user
   */
  public RegistryException(Kind kind, String message) {
    super(message);
    this.kind = kind;
    this.retryAfterSeconds = 0;
  }

  /**
   * A 429 that tells the client when to retry.
   *
   * @param message one line for the npm user
   * @param retryAfterSeconds seconds until a retry can succeed (at least 1)
   * @return the exception, of kind {@link Kind#TOO_MANY_REQUESTS}
   */
  public static RegistryException tooManyRequests(String message, long retryAfterSeconds) {
    return new RegistryException(message, Math.max(1, retryAfterSeconds));
  }

  private RegistryException(String message, long retryAfterSeconds) {
    super(message);
    this.kind = Kind.TOO_MANY_REQUESTS;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /**
   * @param kind the failure kind
   * @param message one line for the npm user
   * @param cause the underlying failure
   */
  public RegistryException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.retryAfterSeconds = 0;
  }

  /** The failure kind. */
  public Kind kind() {
    return kind;
  }

  /** Seconds for a {@code Retry-After} header; 0 when none is sent. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
