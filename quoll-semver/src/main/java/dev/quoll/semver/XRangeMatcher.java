package dev.quoll.semver;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Matches one word of a range against node-semver 7's {@code XRANGE}, {@code TILDE} and {@code
 * CARET} expressions (an operator, then {@code XRANGEPLAIN}: {@code [v=\s]*} and up to three parts,
 * each a number or {@code x}/{@code X}/{@code *}, then prerelease and build), giving the same
 * captures.
 *
 * <p>Contract: for words of at most {@value #HAND_LIMIT} characters the match is computed by hand,
 * in linear time and exactly as the backtracking expression would (including loose mode's retry of
 * a shorter last number, as in {@code 1.2.34.5}); longer words, where the expressions' repetition
 * bounds could matter, use the expressions themselves.
 */
final class XRangeMatcher {
  private static final int HAND_LIMIT = 200;

  /**
   * The captures: operator (XRANGE only, else empty), three parts and prerelease; null if absent.
   */
  record XMatch(String gtlt, String major, String minor, String patch, String pre) {}

  enum Kind {
    XRANGE,
    TILDE,
    CARET
  }

  private XRangeMatcher() {}

  static XMatch match(String s, Kind kind, boolean loose) {
    if (s.length() > HAND_LIMIT) {
      return byExpression(s, kind, loose);
    }
    int i = 0;
    int n = s.length();
    String gtlt = "";
    switch (kind) {
      case TILDE -> {
        if (n == 0 || s.charAt(0) != '~') {
          return null;
        }
        i = n > 1 && s.charAt(1) == '>' ? 2 : 1;
      }
      case CARET -> {
        if (n == 0 || s.charAt(0) != '^') {
          return null;
        }
        i = 1;
      }
      case XRANGE -> {
        if (i < n && (s.charAt(i) == '<' || s.charAt(i) == '>')) {
          i++;
        }
        if (i < n && s.charAt(i) == '=') {
          i++;
        }
        gtlt = s.substring(0, i);
      }
    }
    while (i < n && (s.charAt(i) == 'v' || s.charAt(i) == '=' || JsText.isSpace(s.charAt(i)))) {
      i++;
    }
    int majorEnd = part(s, i, loose);
    if (majorEnd < 0) {
      return null;
    }
    String major = s.substring(i, majorEnd);
    if (majorEnd == n) {
      return new XMatch(gtlt, major, null, null, null);
    }
    if (s.charAt(majorEnd) != '.') {
      return null;
    }
    int minorEnd = part(s, majorEnd + 1, loose);
    if (minorEnd < 0) {
      return null;
    }
    String minor = s.substring(majorEnd + 1, minorEnd);
    if (minorEnd == n) {
      return new XMatch(gtlt, major, minor, null, null);
    }
    if (s.charAt(minorEnd) != '.') {
      return null;
    }
    int patchStart = minorEnd + 1;
    int patchEnd = part(s, patchStart, loose);
    if (patchEnd < 0) {
      return null;
    }
    int[] tail =
        loose ? VersionParser.looseTail(s, patchEnd, false) : VersionParser.strictTail(s, patchEnd);
    if (tail == null
        && loose
        && patchEnd < n
        && s.charAt(patchEnd) == '.'
        && patchEnd - patchStart >= 2
        && JsText.isDigit(s.charAt(patchStart))) {
      patchEnd--;
      tail = VersionParser.looseTail(s, patchEnd, true);
    }
    if (tail == null) {
      return null;
    }
    String pre = tail[0] < tail[1] ? s.substring(tail[0], tail[1]) : null;
    return new XMatch(gtlt, major, minor, s.substring(patchStart, patchEnd), pre);
  }

  /** End of one {@code XRANGEIDENTIFIER(LOOSE)} at {@code i}, or -1. */
  private static int part(String s, int i, boolean loose) {
    if (i >= s.length()) {
      return -1;
    }
    char c = s.charAt(i);
    if (c == 'x' || c == 'X' || c == '*') {
      return i + 1;
    }
    if (!JsText.isDigit(c)) {
      return -1;
    }
    if (!loose && c == '0') {
      return i + 1;
    }
    int j = i + 1;
    while (j < s.length() && JsText.isDigit(s.charAt(j))) {
      j++;
    }
    return j;
  }

  private static XMatch byExpression(String s, Kind kind, boolean loose) {
    Pattern p =
        switch (kind) {
          case XRANGE -> loose ? Grammar.XRANGE_LOOSE : Grammar.XRANGE;
          case TILDE -> loose ? Grammar.TILDE_LOOSE : Grammar.TILDE;
          case CARET -> loose ? Grammar.CARET_LOOSE : Grammar.CARET;
        };
    Matcher m = p.matcher(s);
    if (!m.find()) {
      return null;
    }
    int g = kind == Kind.XRANGE ? 2 : 1;
    return new XMatch(
        kind == Kind.XRANGE ? m.group(1) : "",
        m.group(g),
        m.group(g + 1),
        m.group(g + 2),
        m.group(g + 3));
  }
}
