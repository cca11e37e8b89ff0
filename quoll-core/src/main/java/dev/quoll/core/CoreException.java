package dev.quoll.core;

/**
 * The one unchecked exception family of quoll-core. Every failure carries a stable {@link #code()}
 * that mirrors npm's own error codes where npm has one (for example {@code EINVALIDPACKAGENAME},
 * {@code EINVALIDTAGNAME}, {@code EUNSUPPORTEDPROTOCOL}, {@code EINTEGRITY}, {@code EBADTAR},
 * {@code EJSONPARSE}), so that the registry can map it to a status with npm's {@code {"error":
 * "..."}} body and the CLI to a one-line message and an exit code.
 */
public class CoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  /**
   * @param code a stable, upper-case error code (npm's where npm has one)
   * @param message a one-line, human-readable message
   */
  public CoreException(String code, String message) {
    super(message);
    this.code = code;
  }

  /**
   * @param code a stable, upper-case error code (npm's where npm has one)
   * @param message a one-line, human-readable message
   * @param cause the underlying failure
   */
  public CoreException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The stable error code, e.g. {@code EINTEGRITY}. */
  public String code() {
    return code;
  }
}
