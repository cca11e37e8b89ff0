package dev.quoll.semver;

import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written, backtracking-free recogniser for node-semver 7's {@code FULL} and {@code LOOSE}
 * version grammars ({@code internal/re.js}), giving exactly the captures the regular expressions
 * give.
 *
 * <p>Contract: for an input of at most 256 characters, {@link #parse} accepts precisely the strings
 * {@code new SemVer(s, {loose})} accepts, with the same major, minor, patch, prerelease and build,
 * and throws {@link SemverException} with node-semver's message otherwise. It runs in linear time.
 *
 * <p>The one place the loose regular expression backtracks usefully is the patch number: {@code
 * 1.2.34.5} fails with patch {@code 34} and succeeds with patch {@code 3} and prerelease {@code
 * 4.5}; that single retry is made explicitly.
 */
final class VersionParser {
  static final int MAX_LENGTH = 256;
  static final long MAX_SAFE_INTEGER = 9007199254740991L;

  private VersionParser() {}

  static Version parse(String input, boolean loose) {
    Object r = scan(input, loose);
    if (r instanceof Version v) {
      return v;
    }
    throw new SemverException((String) r);
  }

  /** Like {@link #parse} but null instead of an exception (no stack trace on hot paths). */
  static Version tryParse(String input, boolean loose) {
    return scan(input, loose) instanceof Version v ? v : null;
  }

  /** The version, or node-semver's error message as a String. */
  static Object scan(String input, boolean loose) {
    if (input.length() > MAX_LENGTH) {
      return "version is longer than " + MAX_LENGTH + " characters";
    }
    String s = JsText.trim(input);
    int n = s.length();
    int i = 0;
    if (loose) {
      while (i < n && (s.charAt(i) == 'v' || s.charAt(i) == '=' || JsText.isSpace(s.charAt(i)))) {
        i++;
      }
    } else if (i < n && s.charAt(i) == 'v') {
      i++;
    }
    int majorStart = i;
    int majorEnd = number(s, i, loose);
    if (majorEnd < 0 || majorEnd >= n || s.charAt(majorEnd) != '.') {
      return invalid(input);
    }
    int minorStart = majorEnd + 1;
    int minorEnd = number(s, minorStart, loose);
    if (minorEnd < 0 || minorEnd >= n || s.charAt(minorEnd) != '.') {
      return invalid(input);
    }
    int patchStart = minorEnd + 1;
    int patchEnd = number(s, patchStart, loose);
    if (patchEnd < 0) {
      return invalid(input);
    }
    int[] tail = loose ? looseTail(s, patchEnd, false) : strictTail(s, patchEnd);
    if (tail == null && loose && patchEnd - patchStart >= 2 && patchEnd < n) {
      if (s.charAt(patchEnd) == '.') {
        patchEnd--;
        tail = looseTail(s, patchEnd, true);
      }
    }
    if (tail == null) {
      return invalid(input);
    }
    long major = digitsValue(s, majorStart, majorEnd);
    long minor = digitsValue(s, minorStart, minorEnd);
    long patch = digitsValue(s, patchStart, patchEnd);
    if (major < 0 || minor < 0 || patch < 0) {
      return "Invalid " + (major < 0 ? "major" : minor < 0 ? "minor" : "patch") + " version";
    }
    List<PrereleaseIdentifier> pre = List.of();
    if (tail[0] < tail[1]) {
      pre = prerelease(s.substring(tail[0], tail[1]));
    }
    List<String> build = List.of();
    if (tail[2] < n) {
      build = List.copyOf(JsText.split(s.substring(tail[2]), "."));
    }
    return new Version(major, minor, patch, pre, build);
  }

  /** Splits a (valid) prerelease and numberifies numeric parts like node-semver. */
  static List<PrereleaseIdentifier> prerelease(String text) {
    List<PrereleaseIdentifier> out = new ArrayList<>();
    for (String id : JsText.split(text, ".")) {
      out.add(identifier(id));
    }
    return List.copyOf(out);
  }

  static PrereleaseIdentifier identifier(String id) {
    if (JsText.isAllDigits(id)) {
      long v = digitsValue(id, 0, id.length());
      if (v >= 0 && v < MAX_SAFE_INTEGER) {
        return new PrereleaseIdentifier.Numeric(v);
      }
    }
    return new PrereleaseIdentifier.Text(id);
  }

  /** The value of a digit run, or -1 when above {@code MAX_SAFE_INTEGER}. */
  static long digitsValue(String s, int start, int end) {
    while (start < end - 1 && s.charAt(start) == '0') {
      start++;
    }
    if (end - start > 16) {
      return -1;
    }
    long v = Long.parseLong(s, start, end, 10);
    return v > MAX_SAFE_INTEGER ? -1 : v;
  }

  private static String invalid(String input) {
    return "Invalid Version: " + input;
  }

  /** End of a main-version number at {@code i}, or -1; strict numbers have no leading zero. */
  private static int number(String s, int i, boolean loose) {
    int n = s.length();
    int j = i;
    while (j < n && JsText.isDigit(s.charAt(j))) {
      j++;
    }
    if (j == i || (!loose && s.charAt(i) == '0' && j - i > 1)) {
      return -1;
    }
    return j;
  }

  /**
   * Matches {@code (?:-(PRE))?(?:\+(BUILD))?$} at {@code p}. Returns {prereleaseStart,
   * prereleaseEnd, buildStart} (buildStart is the length when absent), or null.
   */
  static int[] strictTail(String s, int p) {
    int n = s.length();
    int preStart = p;
    int preEnd = p;
    if (p < n && s.charAt(p) == '-') {
      preStart = p + 1;
      preEnd = identifiers(s, preStart, false);
      if (preEnd < 0) {
        return null;
      }
    }
    return withBuild(s, preStart, preEnd);
  }

  /**
   * Matches {@code (?:-?(PRELOOSE))?(?:\+(BUILD))?$} at {@code p} in the regular expression's order
   * of preference. {@code noHyphen} is set for the patch-backtracking retry.
   */
  static int[] looseTail(String s, int p, boolean noHyphen) {
    int n = s.length();
    if (p == n || s.charAt(p) == '+') {
      return withBuild(s, p, p);
    }
    if (!noHyphen && s.charAt(p) == '-') {
      int end = identifiers(s, p + 1, true);
      if (end >= 0) {
        int[] r = withBuild(s, p + 1, end);
        if (r != null) {
          return r;
        }
      }
    }
    int end = identifiers(s, p, true);
    return end < 0 ? null : withBuild(s, p, end);
  }

  private static int[] withBuild(String s, int preStart, int preEnd) {
    int n = s.length();
    if (preEnd == n) {
      return new int[] {preStart, preEnd, n};
    }
    if (s.charAt(preEnd) != '+' || buildEnd(s, preEnd + 1) != n) {
      return null;
    }
    return new int[] {preStart, preEnd, preEnd + 1};
  }

  /**
   * End of {@code ID(\.ID)*} at {@code i} (greedy, as the regular expression), or -1 when not even
   * one identifier matches. Strict identifiers are alphanumeric or numeric without leading zero.
   */
  static int identifiers(String s, int i, boolean loose) {
    int end = identifier(s, i, loose);
    if (end < 0) {
      return -1;
    }
    while (end < s.length() && s.charAt(end) == '.') {
      int next = identifier(s, end + 1, loose);
      if (next < 0) {
        break;
      }
      end = next;
    }
    return end;
  }

  private static int identifier(String s, int i, boolean loose) {
    int n = s.length();
    int j = i;
    boolean nonDigit = false;
    while (j < n && isIdentifierChar(s.charAt(j))) {
      nonDigit |= !JsText.isDigit(s.charAt(j));
      j++;
    }
    if (j == i) {
      return -1;
    }
    if (!loose && !nonDigit && s.charAt(i) == '0' && j - i > 1) {
      return i + 1;
    }
    return j;
  }

  /** End of {@code BUILDID(\.BUILDID)*} at {@code i}, or -1. */
  static int buildEnd(String s, int i) {
    int n = s.length();
    int j = i;
    while (j < n && isIdentifierChar(s.charAt(j))) {
      j++;
    }
    if (j == i) {
      return -1;
    }
    while (j < n && s.charAt(j) == '.') {
      int k = j + 1;
      while (k < n && isIdentifierChar(s.charAt(k))) {
        k++;
      }
      if (k == j + 1) {
        break;
      }
      j = k;
    }
    return j;
  }

  static boolean isIdentifierChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  }
}
