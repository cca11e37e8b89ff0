package dev.quoll.semver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link RangeMemo}: node-semver's LRU of parsed ranges, and {@link Range#parse} through it. */
class RangeMemoTest {
  @Test
  void keepsTheMostRecentlyUsedRangesUpToItsCapacity() {
    RangeMemo memo = new RangeMemo(2);
    Range a = Range.parse("^1.0.0");
    Range b = Range.parse("^2.0.0");
    Range c = Range.parse("^3.0.0");
    memo.put("a", a);
    memo.put("b", b);
    assertSame(a, memo.get("a")); // a is now the most recently used
    memo.put("c", c);
    assertNull(memo.get("b"));
    assertSame(a, memo.get("a"));
    assertSame(c, memo.get("c"));
  }

  @Test
  void keysTellOptionsApart() {
    assertEquals("--^1.0.0", RangeMemo.key("^1.0.0", Options.STRICT));
    assertEquals("L-^1.0.0", RangeMemo.key("^1.0.0", Options.LOOSE));
    assertEquals("-P^1.0.0", RangeMemo.key("^1.0.0", Options.INCLUDE_PRERELEASE));
  }

  @Test
  void parseSharesARangeOnlyUnderTheSameOptions() {
    Range strict = Range.parse(">=1.2.3 <2", Options.STRICT);
    assertSame(strict, Range.parse(">=1.2.3 <2", Options.STRICT));
    Range pre = Range.parse(">=1.2.3 <2", Options.INCLUDE_PRERELEASE);
    assertNotSame(strict, pre);
    assertEquals(false, strict.test(Version.parse("1.5.0-beta.1")));
    assertEquals(true, pre.test(Version.parse("1.5.0-beta.1")));
  }

  @Test
  void invalidRangesStillFailEveryTime() {
    assertThrows(SemverException.class, () -> Range.parse("not a range"));
    assertThrows(SemverException.class, () -> Range.parse("not a range"));
  }
}
