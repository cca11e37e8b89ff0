package dev.quoll.semver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Examples of the {@link Range} and {@link Semver} API; the oracle tests check everything. */
class RangeTest {
  @Test
  void desugarsLikeNodeSemver() {
    assertEquals(">=1.2.3 <2.0.0-0", Range.parse("^1.2.3").toString());
    assertEquals(">=0.0.3 <0.0.4-0", Range.parse("^0.0.3").toString());
    assertEquals(">=1.2.3 <1.3.0-0", Range.parse("~> 1.2.3").toString());
    assertEquals(">=1.0.0 <=2.0.0", Range.parse("1.0.0 - 2.0.0").toString());
    assertEquals(">=1.2.0 <1.3.0-0||>=2.0.0", Range.parse("1.2.x || >= 2").toString());
    assertEquals("", Range.parse("*").toString());
    assertEquals(Optional.of("*"), Semver.validRange("x", Options.STRICT));
    assertEquals(">=1.2.0-0 <1.3.0-0", Range.parse("~1.2", Options.INCLUDE_PRERELEASE).toString());
    assertEquals(Optional.empty(), Semver.validRange("blerg", Options.STRICT));
  }

  @Test
  void rejectsInvalidRangesWithNodeSemversMessages() {
    assertEquals(
        "Invalid comparator: blerg",
        assertThrows(SemverException.class, () -> Range.parse("blerg")).getMessage());
    assertEquals(
        "Invalid SemVer Range: blerg",
        assertThrows(SemverException.class, () -> Range.parse("blerg", Options.LOOSE))
            .getMessage());
  }

  @Test
  void excludesPrereleasesUnlessTheTupleIsNamed() {
    Range r = Range.parse("^1.2.3-beta.1");
    assertTrue(r.test("1.2.3-beta.2"));
    assertFalse(r.test("1.2.4-beta.0"));
    assertTrue(r.test("1.9.0"));
    assertTrue(Range.parse("^1.2.3", Options.INCLUDE_PRERELEASE).test("1.2.4-beta.0"));
    assertFalse(r.test("not a version"));
  }

  @Test
  void picksMaximumAndMinimumSatisfying() {
    List<String> versions = List.of("1.2.3", "1.2.4", "1.3.0-beta", "2.0.0", "junk");
    assertEquals(Optional.of("1.2.4"), Semver.maxSatisfying(versions, "~1.2"));
    assertEquals(Optional.of("1.2.3"), Semver.minSatisfying(versions, "^1"));
    assertEquals(Optional.empty(), Semver.maxSatisfying(versions, "^3"));
    List<Version> parsed =
        List.of(Version.parse("1.0.0"), Version.parse("1.5.0"), Version.parse("2.0.0"));
    assertEquals(Optional.of(parsed.get(1)), Range.parse("1.x").maxSatisfying(parsed));
  }

  @Test
  void answersSetQuestions() {
    assertEquals("1.2.3", Semver.minVersion("^1.2.3", Options.STRICT).orElseThrow().toString());
    assertEquals("0.0.0", Semver.minVersion("*", Options.STRICT).orElseThrow().toString());
    assertTrue(Semver.intersects("^1.2", "1.4 - 2", Options.STRICT));
    assertFalse(Semver.intersects("^1.2", ">=2", Options.STRICT));
    assertTrue(Semver.subset("~1.2.3", "^1", Options.STRICT));
    assertFalse(Semver.subset("^1", "~1.2.3", Options.STRICT));
    assertTrue(Semver.gtr("3.0.0", "^2", Options.STRICT));
    assertTrue(Semver.ltr("1.0.0", "^2", Options.STRICT));
  }

  @Test
  void coercesAndDiffs() {
    assertEquals("2.0.0", Semver.coerce("v2").orElseThrow().toString());
    assertEquals(
        "2.3.4",
        Semver.coerce("1.2.3.4", Options.STRICT, CoerceDirection.RIGHT_TO_LEFT)
            .orElseThrow()
            .toString());
    assertEquals(
        "1.2.3-rc.1",
        Semver.coerce("v1.2.3-rc.1", Options.INCLUDE_PRERELEASE, CoerceDirection.LEFT_TO_RIGHT)
            .orElseThrow()
            .toString());
    assertEquals(Optional.of(ReleaseType.PREMINOR), Semver.diff("1.0.1", "1.1.0-pre"));
    assertEquals(Optional.empty(), Semver.diff("1.0.0", "1.0.0+build"));
  }
}
