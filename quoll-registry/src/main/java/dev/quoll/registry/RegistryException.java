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
    /** Too many pending requests of a kind (e.g. web login sessions): 429. */
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

  /**
   * @param kind the failure kind
   * @param message one line for the npm user
   */
  public RegistryException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  /**
   * @param kind the failure kind
   * @param message one line for the npm user
   * @param cause the underlying failure
   */
  public RegistryException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** The failure kind. */
  public Kind kind() {
    return kind;
  }
}
