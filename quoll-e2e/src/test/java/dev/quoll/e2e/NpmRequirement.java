package dev.quoll.e2e;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.TimeUnit;

/**
 * Whether the e2e tests that drive the real npm CLI may run: npm must be on PATH ({@code npm
 * --version} exits 0 within 30 s). When it is missing the tests are skipped with a message, except
 * with the environment variable {@code QUOLL_REQUIRE_NPM=1} (CI sets it), where they fail.
 */
final class NpmRequirement {
  private static Boolean available;

  private NpmRequirement() {}

  /** Call first in {@code @BeforeAll}: skips (or, with QUOLL_REQUIRE_NPM=1, fails) without npm. */
  static synchronized void check() {
    if (available == null) {
      available = probe();
    }
    decide(available, System.getenv("QUOLL_REQUIRE_NPM"));
  }

  /**
   * The rule, apart from the probe.
   *
   * @param available whether npm answered
   * @param requireNpm the value of QUOLL_REQUIRE_NPM, or null
   */
  static void decide(boolean available, String requireNpm) {
    if (available) {
      return;
    }
    String why = "npm is not on PATH (npm --version failed)";
    if ("1".equals(requireNpm)) {
      fail(why + " and QUOLL_REQUIRE_NPM=1 requires it");
    }
    assumeTrue(false, why + "; skipping the npm e2e tests (set QUOLL_REQUIRE_NPM=1 to fail)");
  }

  private static boolean probe() {
    try {
      Process p =
          new ProcessBuilder("npm", "--version")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
