package dev.quoll.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * The rule for tests that need an external service (PostgreSQL, an S3 API server): when the service
 * cannot be started the test is skipped with the reason, unless the environment variable {@code
 * QUOLL_REQUIRE_SERVICES=1} is set (CI sets it in {@code .ci/run}), in which case it fails.
 */
public final class ServiceRequirement {
  /** The environment variable that turns a skip into a failure. */
  public static final String VARIABLE = "QUOLL_REQUIRE_SERVICES";

  private ServiceRequirement() {}

  /**
   * Skips or fails the current test because a service is unavailable.
   *
   * @param service what is missing, e.g. {@code "PostgreSQL"}
   * @param why the start-up failure
   * @param required the value of {@value #VARIABLE}, or null
   * @throws org.opentest4j.TestAbortedException when not required (the test is skipped)
   * @throws AssertionError when required (the test fails)
   */
  public static void unavailable(String service, Throwable why, String required) {
    String message = service + " could not be started: " + why;
    if ("1".equals(required)) {
      fail(message + " (and " + VARIABLE + "=1 requires it)", why);
    }
    Assumptions.abort(message + "; skipping (set " + VARIABLE + "=1 to fail instead)");
  }

  /** {@link #unavailable(String, Throwable, String)} with the process environment. */
  static void unavailable(String service, Throwable why) {
    unavailable(service, why, System.getenv(VARIABLE));
  }
}
