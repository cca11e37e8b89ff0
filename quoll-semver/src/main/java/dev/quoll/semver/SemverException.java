package dev.quoll.semver;

import java.io.Serial;

/**
 * Thrown for input node-semver 7 rejects: an invalid version ({@code "Invalid Version: x"}), an
 * invalid comparator or range ({@code "Invalid comparator: x"}, {@code "Invalid SemVer Range: x"}),
 * a version longer than 256 characters, a number above {@code Number.MAX_SAFE_INTEGER}, or an
 * impossible increment. Messages mirror node-semver's {@code TypeError}/{@code Error} messages.
 */
public final class SemverException extends IllegalArgumentException {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message node-semver's message for the same failure
   */
  public SemverException(String message) {
    super(message);
  }
}
