package dev.quoll.semver;

import java.util.regex.Pattern;

/**
 * node-semver 7's range-desugaring regular expressions ({@code internal/re.js}, the {@code safeRe}
 * variants whose {@code \s*}, {@code \d+} and identifier repetitions are bounded), transcribed to
 * {@link java.util.regex}: {@code \s} becomes the ECMAScript whitespace class and {@code $} becomes
 * {@code \z}, so matches and captures are the same as in JavaScript.
 *
 * <p>Only rare steps use them: hyphen ranges, {@code >=0.0.0}, {@code *}, {@code coerce}, and words
 * longer than the hand-written matchers handle; version parsing, comparator parsing, the common
 * range steps and {@link Range#test} use no regular expressions. Quantifiers are bounded as in
 * node-semver's {@code safeRe}, so input cannot trigger catastrophic backtracking.
 */
final class Grammar {
  private Grammar() {}

  private static final String WS =
      "\\t\\n\\x0B\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff";
  private static final String S = "[" + WS + "]";
  private static final String S01 = S + "{0,1}";
  private static final String S11 = S + "{1,1}";
  private static final String PREFIX = "[v=" + WS + "]*";

  private static final String NUM = "0|[1-9]\\d{0,256}";
  private static final String NUM_LOOSE = "\\d{1,256}";
  private static final String NON_NUM = "\\d{0,256}[a-zA-Z-][a-zA-Z0-9-]{0,250}";
  private static final String PRE_ID = "(?:" + NON_NUM + "|" + NUM + ")";
  private static final String PRE_ID_LOOSE = "(?:" + NON_NUM + "|" + NUM_LOOSE + ")";
  static final String PRERELEASE = "(?:-(" + PRE_ID + "(?:\\." + PRE_ID + ")*))";
  static final String PRERELEASE_LOOSE = "(?:-?(" + PRE_ID_LOOSE + "(?:\\." + PRE_ID_LOOSE + ")*))";
  private static final String BUILD_ID = "[a-zA-Z0-9-]{1,250}";
  static final String BUILD = "(?:\\+(" + BUILD_ID + "(?:\\." + BUILD_ID + ")*))";

  /** {@code BUILD}, unanchored. */
  static final Pattern BUILD_PATTERN = Pattern.compile(BUILD);

  private static final String MAIN = "(" + NUM + ")\\.(" + NUM + ")\\.(" + NUM + ")";
  private static final String MAIN_LOOSE =
      "(" + NUM_LOOSE + ")\\.(" + NUM_LOOSE + ")\\.(" + NUM_LOOSE + ")";
  private static final String FULL_PLAIN = "v?" + MAIN + PRERELEASE + "?" + BUILD + "?";
  private static final String LOOSE_PLAIN =
      PREFIX + MAIN_LOOSE + PRERELEASE_LOOSE + "?" + BUILD + "?";
  private static final String GTLT = "((?:<|>)?=?)";

  private static final String XID = NUM + "|x|X|\\*";
  private static final String XID_LOOSE = NUM_LOOSE + "|x|X|\\*";

  private static String xrangePlain(String xid, String pre) {
    return PREFIX
        + "("
        + xid
        + ")(?:\\.("
        + xid
        + ")(?:\\.("
        + xid
        + ")(?:"
        + pre
        + ")?"
        + BUILD
        + "?)?)?";
  }

  private static final String XRANGE_PLAIN = xrangePlain(XID, PRERELEASE);
  private static final String XRANGE_PLAIN_LOOSE = xrangePlain(XID_LOOSE, PRERELEASE_LOOSE);

  /** {@code XRANGE}: groups gtlt, M, m, p, prerelease, build. */
  static final Pattern XRANGE = Pattern.compile("^" + GTLT + S01 + XRANGE_PLAIN + "\\z");

  static final Pattern XRANGE_LOOSE =
      Pattern.compile("^" + GTLT + S01 + XRANGE_PLAIN_LOOSE + "\\z");

  /** {@code TILDE}: groups M, m, p, prerelease, build. */
  static final Pattern TILDE = Pattern.compile("^(?:~>?)" + XRANGE_PLAIN + "\\z");

  static final Pattern TILDE_LOOSE = Pattern.compile("^(?:~>?)" + XRANGE_PLAIN_LOOSE + "\\z");

  /** {@code CARET}: groups M, m, p, prerelease, build. */
  static final Pattern CARET = Pattern.compile("^(?:\\^)" + XRANGE_PLAIN + "\\z");

  static final Pattern CARET_LOOSE = Pattern.compile("^(?:\\^)" + XRANGE_PLAIN_LOOSE + "\\z");

  /** {@code COMPARATOR}: groups operator, version; or the empty string. */
  static final Pattern COMPARATOR =
      Pattern.compile("^" + GTLT + S01 + "(" + FULL_PLAIN + ")\\z|^\\z");

  static final Pattern COMPARATOR_LOOSE =
      Pattern.compile("^" + GTLT + S01 + "(" + LOOSE_PLAIN + ")\\z|^\\z");

  /** {@code HYPHENRANGE}: groups from, fM, fm, fp, fpr, fb, to, tM, tm, tp, tpr, tb. */
  static final Pattern HYPHEN_RANGE =
      Pattern.compile(
          "^"
              + S01
              + "("
              + XRANGE_PLAIN
              + ")"
              + S11
              + "-"
              + S11
              + "("
              + XRANGE_PLAIN
              + ")"
              + S01
              + "\\z");

  static final Pattern HYPHEN_RANGE_LOOSE =
      Pattern.compile(
          "^"
              + S01
              + "("
              + XRANGE_PLAIN_LOOSE
              + ")"
              + S11
              + "-"
              + S11
              + "("
              + XRANGE_PLAIN_LOOSE
              + ")"
              + S01
              + "\\z");

  static final Pattern STAR = Pattern.compile("(<|>)?=?" + S01 + "\\*");
  static final Pattern GTE0 = Pattern.compile("^" + S01 + ">=" + S01 + "0\\.0\\.0" + S01 + "\\z");
  static final Pattern GTE0_PRE =
      Pattern.compile("^" + S01 + ">=" + S01 + "0\\.0\\.0-0" + S01 + "\\z");

  private static final String COERCE_PLAIN =
      "(^|[^\\d])(\\d{1,16})(?:\\.(\\d{1,16}))?(?:\\.(\\d{1,16}))?";

  /** {@code COERCE}: groups lead, M, m, p. */
  static final Pattern COERCE = Pattern.compile(COERCE_PLAIN + "(?:\\z|[^\\d])");

  /** {@code COERCEFULL}: groups lead, M, m, p, prerelease, build. */
  static final Pattern COERCE_FULL =
      Pattern.compile(COERCE_PLAIN + "(?:" + PRERELEASE + ")?(?:" + BUILD + ")?(?:\\z|[^\\d])");
}
