package dev.quoll.client;

import dev.quoll.core.CoreException;

/**
 * The one unchecked exception family of quoll-client. It extends quoll-core's {@link CoreException}
 * so that one mapping (code to message and exit code) serves both; codes follow npm's where npm has
 * one: {@code ENOTCACHED} (offline and not cached), {@code E404}/{@code E500} ({@code 'E' + status}
 * as npm-registry-fetch), {@code ECONNRESET}/{@code ETIMEDOUT}, {@code EINTEGRITY} (a tarball that
 * does not match its integrity, naming the package), {@code ELIFECYCLE} (a failing lifecycle
 * script), {@code ECONFIG} (an unreadable npmrc). Messages pass through {@link Redaction#log}, so a
 * URL's password or an npm token in a message is never shown (npm 11 redacts all it prints).
 */
public class ClientException extends CoreException {
  private static final long serialVersionUID = 1L;

  /**
   * @param code a stable, upper-case error code (npm's where npm has one)
   * @param message a one-line, human-readable message (secrets in it are redacted)
   */
  public ClientException(String code, String message) {
    super(code, Redaction.log(message));
  }

  /**
   * @param code a stable, upper-case error code (npm's where npm has one)
   * @param message a one-line, human-readable message (secrets in it are redacted)
   * @param cause the underlying failure
   */
  public ClientException(String code, String message, Throwable cause) {
    super(code, Redaction.log(message), cause);
  }
}
