package dev.quoll.semver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Examples of the {@link Version} API; exhaustive agreement is checked by the oracle tests. */
class VersionTest {
  @Test
  void parsesStrictVersionsWithPrereleaseAndBuild() {
    Version v = Version.parse(" v1.2.3-beta.4+sha.5 ");
    assertEquals(1, v.major());
    assertEquals(2, v.minor());
    assertEquals(3, v.patch());
    assertEquals(
        List.of(new PrereleaseIdentifier.Text("beta"), new PrereleaseIdentifier.Numeric(4)),
        v.prerelease());
    assertEquals(List.of("sha", "5"), v.build());
    assertEquals("1.2.3-beta.4", v.toString());
    assertEquals("1.2.3-beta.4+sha.5", v.toStringWithBuild());
  }

  @Test
  void looseGrammarAcceptsPrefixesLeadingZerosAndHyphenlessPrereleases() {
    assertEquals("1.2.3-4.5", Version.parse("1.2.34.5", Options.LOOSE).toString());
    assertEquals("1.2.3-beta", Version.parse("=v 01.02.03beta", Options.LOOSE).toString());
    assertEquals("1.2.3-1", Version.parse("1.2.3-01", Options.LOOSE).toString());
    assertEquals(Optional.empty(), Version.tryParse("01.2.3"));
    assertEquals(Optional.empty(), Version.tryParse("=1.2.3"));
  }

  @Test
  void invalidInputThrowsWithNodeSemversMessages() {
    assertEquals(
        "Invalid Version: 1.2",
        assertThrows(SemverException.class, () -> Version.parse("1.2")).getMessage());
    assertEquals(
        "Invalid major version",
        assertThrows(SemverException.class, () -> Version.parse("9007199254740992.0.0"))
            .getMessage());
    assertEquals(
        "version is longer than 256 characters",
        assertThrows(SemverException.class, () -> Version.parse("1".repeat(257))).getMessage());
  }

  @Test
  void ordersLikeNodeSemver() {
    List<String> ascending =
        List.of(
            "1.0.0-0",
            "1.0.0-1",
            "1.0.0-2",
            "1.0.0-10",
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-beta",
            "1.0.0",
            "1.0.1",
            "1.1.0",
            "2.0.0");
    for (int i = 1; i < ascending.size(); i++) {
      Version lo = Version.parse(ascending.get(i - 1));
      Version hi = Version.parse(ascending.get(i));
      assertTrue(lo.compareTo(hi) < 0, lo + " < " + hi);
      assertTrue(hi.compareTo(lo) > 0, hi + " > " + lo);
    }
    Version a = Version.parse("1.0.0+a");
    Version b = Version.parse("1.0.0+b");
    assertEquals(0, a.compareTo(b));
    assertTrue(a.compareBuild(b) < 0);
    assertFalse(a.equals(b));
  }

  @Test
  void incrementsEveryReleaseType() {
    Version v = Version.parse("1.2.3");
    assertEquals("2.0.0", v.inc(ReleaseType.MAJOR).toString());
    assertEquals("1.3.0", v.inc(ReleaseType.MINOR).toString());
    assertEquals("1.2.4", v.inc(ReleaseType.PATCH).toString());
    assertEquals("2.0.0-0", v.inc(ReleaseType.PREMAJOR).toString());
    assertEquals("1.3.0-0", v.inc(ReleaseType.PREMINOR).toString());
    assertEquals("1.2.4-0", v.inc(ReleaseType.PREPATCH).toString());
    assertEquals("1.2.4-0", v.inc(ReleaseType.PRERELEASE).toString());
    assertEquals(
        "2.0.0-beta.1",
        v.inc(ReleaseType.PREMAJOR, "beta", IdentifierBase.ONE, Options.STRICT).toString());
    assertEquals(
        "2.0.0-beta",
        v.inc(ReleaseType.PREMAJOR, "beta", IdentifierBase.NONE, Options.STRICT).toString());
    assertEquals(
        "1.2.3-beta.3",
        Version.parse("1.2.3-beta.2")
            .inc(ReleaseType.PRERELEASE, "beta", IdentifierBase.ZERO, Options.STRICT)
            .toString());
    assertEquals("1.2.3", Version.parse("1.2.3-rc.1").inc(ReleaseType.RELEASE).toString());
    assertThrows(SemverException.class, () -> v.inc(ReleaseType.RELEASE));
    assertThrows(
        SemverException.class,
        () -> v.inc(ReleaseType.PRERELEASE, "01", IdentifierBase.ZERO, Options.STRICT));
  }
}
