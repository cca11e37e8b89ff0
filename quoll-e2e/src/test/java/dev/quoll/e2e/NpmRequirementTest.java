package dev.quoll.e2e;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Missing npm skips the e2e tests, or fails them with QUOLL_REQUIRE_NPM=1. */
class NpmRequirementTest {
  @Test
  void missingNpmFailsWhenRequiredAndSkipsOtherwise() {
    var failed = assertThrows(AssertionFailedError.class, () -> NpmRequirement.decide(false, "1"));
    assertTrue(failed.getMessage().contains("QUOLL_REQUIRE_NPM=1"), failed.getMessage());
    var skipped =
        assertThrows(TestAbortedException.class, () -> NpmRequirement.decide(false, null));
    assertTrue(skipped.getMessage().contains("npm is not on PATH"), skipped.getMessage());
    assertThrows(TestAbortedException.class, () -> NpmRequirement.decide(false, "0"));
    assertDoesNotThrow(() -> NpmRequirement.decide(true, "1"));
    assertDoesNotThrow(() -> NpmRequirement.decide(true, null));
  }
}
