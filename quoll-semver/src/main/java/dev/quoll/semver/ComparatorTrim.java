package dev.quoll.semver;

/**
 * The comparator-whitespace step of node-semver 7's range desugaring ({@code > 1.2.3} becomes
 * {@code >1.2.3}), reproducing the boundaries of node-semver's {@code COMPARATORTRIM} replacement
 * ({@code classes/range.js} in 7.8.5, the version npm 11 bundles) in one forward scan.
 *
 * <p>Contract: the output equals node-semver's for every input; the scan is linear apart from
 * bounded look-ahead over version text, and never rereads a digit run (run ends are precomputed).
 */
final class ComparatorTrim {
  private static final int MAX_LENGTH = 256;
  private static final int MAX_BUILD_ID = 250;

  private final String s;
  private final int n;
  private final int[] digitRunEnd;

  private ComparatorTrim(String s) {
    this.s = s;
    this.n = s.length();
    this.digitRunEnd = new int[n + 1];
    digitRunEnd[n] = n;
    for (int i = n - 1; i >= 0; i--) {
      digitRunEnd[i] = JsText.isDigit(s.charAt(i)) ? digitRunEnd[i + 1] : i;
    }
  }

  /** Removes the whitespace between an operator and its version, as node-semver does. */
  static String apply(String range) {
    return new ComparatorTrim(range).run();
  }

  private String run() {
    StringBuilder out = null;
    int copyFrom = 0;
    int cursor = 0;
    while (cursor < n) {
      int matchStart = cursor;
      char c = s.charAt(cursor);
      if (c == '<' || c == '>') {
        cursor++;
      } else if (!isPrefix(c) && !isVersionStart(c)) {
        cursor++;
        continue;
      }
      while (cursor < n && isPrefix(s.charAt(cursor))) {
        cursor++;
      }
      if (!isVersionStart(at(cursor))) {
        continue;
      }
      int ws = removableWhitespace(matchStart);
      if (ws >= 0) {
        if (out == null) {
          out = new StringBuilder(n);
        }
        out.append(s, copyFrom, ws);
        copyFrom = ws + 1;
      }
      cursor = versionEnd(cursor);
    }
    return out == null ? s : out.append(s, copyFrom, n).toString();
  }

  private char at(int i) {
    return i < n ? s.charAt(i) : '\0';
  }

  private static boolean isPrefix(char c) {
    return c == 'v' || c == '=' || JsText.isSpace(c);
  }

  private static boolean isVersionStart(char c) {
    return JsText.isDigit(c) || c == 'x' || c == 'X' || c == '*';
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private int removableWhitespace(int start) {
    int p = start;
    if (JsText.isSpace(at(p))) {
      p++;
    }
    if (at(p) == '<' || at(p) == '>') {
      p++;
    }
    if (at(p) == '=') {
      p++;
    }
    return JsText.isSpace(at(p)) ? p : -1;
  }

  private int digitsEnd(int start, int limit) {
    if (start >= n || !JsText.isDigit(s.charAt(start))) {
      return start;
    }
    return Math.min(start + limit, digitRunEnd[start]);
  }

  private int numberEnd(int start, boolean loose) {
    if (!loose && at(start) == '0') {
      return start + 1;
    }
    return digitsEnd(start, loose ? MAX_LENGTH : MAX_LENGTH + 1);
  }

  private int prereleaseIdEnd(int start, boolean loose) {
    int d = digitsEnd(start, MAX_LENGTH);
    char c = at(d);
    if (isLetter(c) || c == '-') {
      int end = d + 1;
      int limit = end + MAX_BUILD_ID;
      while (end < limit && VersionParser.isIdentifierChar(at(end))) {
        end++;
      }
      return end;
    }
    return numberEnd(start, loose);
  }

  private int prereleaseEnd(int start, boolean loose) {
    boolean hyphen = at(start) == '-';
    if (!loose && !hyphen) {
      return start;
    }
    int idStart = start + (hyphen ? 1 : 0);
    int end = prereleaseIdEnd(idStart, loose);
    if (end == idStart) {
      if (!loose || !hyphen) {
        return start;
      }
      end = prereleaseIdEnd(start, loose);
    }
    while (at(end) == '.') {
      int next = prereleaseIdEnd(end + 1, loose);
      if (next == end + 1) {
        break;
      }
      end = next;
    }
    return end;
  }

  private int buildIdEnd(int start) {
    int end = start;
    while (end - start < MAX_BUILD_ID && VersionParser.isIdentifierChar(at(end))) {
      end++;
    }
    return end;
  }

  private int buildEnd(int start) {
    if (at(start) != '+') {
      return start;
    }
    int end = buildIdEnd(start + 1);
    if (end == start + 1) {
      return start;
    }
    while (at(end) == '.') {
      int next = buildIdEnd(end + 1);
      if (next == end + 1) {
        break;
      }
      end = next;
    }
    return end;
  }

  private int looseFullVersionEnd(int start) {
    int end = start;
    for (int component = 0; component < 3; component++) {
      int next = numberEnd(end, true);
      if (next == end) {
        return start;
      }
      end = next;
      if (component < 2) {
        if (at(end) != '.') {
          return start;
        }
        end++;
      }
    }
    return buildEnd(prereleaseEnd(end, true));
  }

  private int partialComponentEnd(int start) {
    char c = at(start);
    if (JsText.isDigit(c)) {
      return numberEnd(start, false);
    }
    return isVersionStart(c) ? start + 1 : start;
  }

  private int partialVersionEnd(int start) {
    int end = partialComponentEnd(start);
    for (int component = 0; component < 2; component++) {
      if (at(end) != '.') {
        return end;
      }
      int next = partialComponentEnd(end + 1);
      if (next == end + 1) {
        return end;
      }
      end = next;
    }
    return buildEnd(prereleaseEnd(end, false));
  }

  private int versionEnd(int start) {
    int full = looseFullVersionEnd(start);
    return full != start ? full : partialVersionEnd(start);
  }
}
