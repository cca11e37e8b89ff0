package dev.quoll.semver;

import java.util.Random;

/**
 * Seeded generator of version and range texts for the differential tests: mostly small numbers (so
 * ranges and versions meet), with prereleases, builds, loose forms ({@code v}/{@code =} prefixes,
 * whitespace, leading zeros, missing hyphens), x-ranges, every operator, hyphen ranges, unions,
 * huge numbers and plain garbage.
 */
final class RandomInputs {
  private static final String[] PRE_IDS = {
    "alpha",
    "beta",
    "rc",
    "0",
    "1",
    "2",
    "10",
    "01",
    "pre",
    "a-b",
    "-",
    "x",
    "0a",
    "1e5",
    "dev",
    "Infinity",
    "00",
    "9007199254740993",
    "b1",
    "X"
  };

  /** Identifiers around the 250/256-character bounds of node-semver's expressions. */
  private static final String[] LONG_IDS = {
    "a".repeat(249),
    "b".repeat(251),
    "1".repeat(255),
    "9".repeat(258),
    "2" + "c".repeat(250),
    "-".repeat(252),
    "0".repeat(257),
    "z".repeat(250),
    "7".repeat(300)
  };

  private static final String[] BUILD_IDS = {"build", "1", "001", "sha-5", "exp", "20130313"};
  private static final String[] PREFIXES = {
    "", "", "", "", "", "", "v", "=", "v=", " ", "=v ", "V", "vv", "\t", "\u00a0", "v "
  };
  private static final String[] OPS = {
    "", "", "=", ">", ">=", "<", "<=", "~", "~>", "^", "> ", ">= ", "~ ", "^ ", "<= ", "=>", "~>=",
    "<>", "!", "== "
  };
  private static final String[] GARBAGE = {
    "foo",
    ">",
    "||",
    "-",
    "~",
    "^",
    "1.2.3 -",
    "- 1.2",
    "*.*",
    "x.x.x",
    "1.2.3.4",
    "a.b.c",
    "1..2",
    ">=1.2.3 <",
    "1.2.3+",
    "+1.2.3",
    "v",
    "latest",
    "1.x.2",
    "*.1",
    "",
    " ",
    "\u2003",
    ">=*",
    "<*",
    ">x",
    "1.2.3 - *",
    "*-1.2.3",
    "~1.2.3-"
  };

  private final Random random;

  RandomInputs(long seed) {
    this.random = new Random(seed);
  }

  private <T> T pick(T[] xs) {
    return xs[random.nextInt(xs.length)];
  }

  private boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  String number() {
    int r = random.nextInt(100);
    if (r < 70) {
      return Integer.toString(random.nextInt(4));
    } else if (r < 85) {
      return Integer.toString(random.nextInt(20));
    } else if (r < 92) {
      return "0" + random.nextInt(3);
    } else if (r < 95) {
      return pick(new String[] {"9007199254740991", "9007199254740990", "9007199254740992"});
    } else if (r < 97) {
      return "999999999999999999999";
    } else if (r < 98) {
      return "1".repeat(230 + random.nextInt(40));
    }
    return Integer.toString(random.nextInt(100000));
  }

  private String prerelease() {
    StringBuilder b = new StringBuilder(chance(2) ? pick(LONG_IDS) : pick(PRE_IDS));
    while (chance(35)) {
      b.append('.').append(pick(PRE_IDS));
    }
    return b.toString();
  }

  private String build() {
    StringBuilder b = new StringBuilder(chance(3) ? pick(LONG_IDS) : pick(BUILD_IDS));
    while (chance(25)) {
      b.append('.').append(pick(BUILD_IDS));
    }
    return b.toString();
  }

  private static final String SOUP = "0123456789012.....xX*--++~^<>==v |||\tab\u00a0";

  /** Random characters of the semver alphabet: fuzzes every corner of the grammar. */
  private String soup(int maxLength) {
    StringBuilder b = new StringBuilder();
    int n = 1 + random.nextInt(maxLength);
    for (int i = 0; i < n; i++) {
      b.append(SOUP.charAt(random.nextInt(SOUP.length())));
    }
    return b.toString();
  }

  /** A version-ish text: usually valid (strictly or loosely), sometimes not. */
  String version() {
    if (chance(3)) {
      return pick(GARBAGE);
    } else if (chance(3)) {
      return soup(14);
    }
    StringBuilder b = new StringBuilder();
    if (chance(20)) {
      b.append(pick(PREFIXES));
    }
    b.append(number()).append('.').append(number()).append('.').append(number());
    if (chance(4)) {
      b.setLength(b.lastIndexOf("."));
    }
    if (chance(30)) {
      b.append(chance(85) ? "-" : "").append(prerelease());
    }
    if (chance(10)) {
      b.append('+').append(build());
    }
    if (chance(3)) {
      b.append(pick(new String[] {".4", "-", "+", "..", "_", " x", "."}));
    }
    if (chance(5)) {
      b.append(pick(new String[] {" ", "\n", "  ", "\ufeff"}));
    }
    return b.toString();
  }

  /** A partial or x-range version: 1 to 3 parts, some x/X/*, maybe a prerelease or build. */
  private String partial() {
    int parts = 1 + random.nextInt(3);
    StringBuilder b = new StringBuilder();
    if (chance(10)) {
      b.append(pick(new String[] {"v", "=", "v ", " "}));
    }
    for (int i = 0; i < parts; i++) {
      if (i > 0) {
        b.append('.');
      }
      b.append(chance(15) ? pick(new String[] {"x", "X", "*"}) : number());
    }
    if (parts == 3 && chance(25)) {
      b.append(chance(90) ? "-" : "").append(prerelease());
    }
    if (chance(5)) {
      b.append('+').append(build());
    }
    return b.toString();
  }

  private String comparator() {
    int r = random.nextInt(100);
    if (r < 4) {
      return pick(GARBAGE);
    } else if (r < 14) {
      return partial() + pick(new String[] {" - ", " - ", "  -  ", " -", "- "}) + partial();
    } else if (r < 18) {
      return pick(new String[] {"*", "x", "X", "", ">=0.0.0", ">=0.0.0-0", "<0.0.0-0", "<0.0.0"});
    }
    return pick(OPS) + partial();
  }

  /** A range text: a union of intersections of comparators, sometimes garbage. */
  String range() {
    if (chance(6)) {
      return soup(24);
    }
    StringBuilder b = new StringBuilder();
    int sets = chance(70) ? 1 : 2 + random.nextInt(2);
    for (int s = 0; s < sets; s++) {
      if (s > 0) {
        b.append(pick(new String[] {" || ", "||", " ||", "|| ", " | "}));
      }
      int comps = chance(55) ? 1 : 2 + random.nextInt(2);
      for (int c = 0; c < comps; c++) {
        if (c > 0) {
          b.append(pick(new String[] {" ", " ", " ", "  ", "\t", ", "}));
        }
        b.append(comparator());
      }
    }
    if (chance(3)) {
      b.insert(0, pick(new String[] {" ", "\n", "\u00a0"}));
    }
    return b.toString();
  }

  /** An {@code inc} identifier: none (null), valid ones, invalid ones, and random ones. */
  String identifier() {
    if (chance(30)) {
      return soupOf("0123456789.-abx", 8);
    }
    return pick(
        new String[] {
          null,
          null,
          null,
          "beta",
          "alpha",
          "rc.1",
          "01",
          "1",
          "pre.1",
          "",
          "a..b",
          "-x",
          "beta.0",
          "+b",
          "Infinity",
          "0x1"
        });
  }

  /** Text for {@code coerce}: digits and dots among other characters. */
  String text() {
    return soupOf("0123456789999.....--++abcxv =\u00a0_", 40);
  }

  private String soupOf(String alphabet, int maxLength) {
    StringBuilder b = new StringBuilder();
    int n = random.nextInt(maxLength);
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  /** An {@code inc} identifier base: absent (null), "0", "1", false, or odd values. */
  Object identifierBase() {
    return pick(
        new Object[] {
          null, null, "0", "1", false, "2", " 1 ", "0x0", "abc", true, "-1", "1e3", " "
        });
  }

  String release() {
    return pick(
        new String[] {
          "major",
          "premajor",
          "minor",
          "preminor",
          "patch",
          "prepatch",
          "prerelease",
          "release",
          "pre",
          "fake"
        });
  }

  int options() {
    return random.nextInt(4);
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  boolean nextBoolean() {
    return random.nextBoolean();
  }
}
