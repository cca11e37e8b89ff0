package dev.quoll.core.spec;

import dev.quoll.core.name.EcmaStrings;
import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for quoll-semver: only the loose validity of versions and ranges, following
 * node-semver 7.7's regular expressions (internal/re.js) and its range-parsing steps, without
 * building versions or comparators. It will be deleted when dev.quoll.semver lands (see {@link
 * SemverCheck}).
 *
 * <p>Contract: agrees with node-semver 7.7.3 {@code valid}/{@code validRange} in loose mode,
 * including its quirks (a {@code +build} anywhere in a token is dropped, empty comparators between
 * others vanish, numbers past {@code Number.MAX_SAFE_INTEGER} make the whole range invalid); the
 * differential test InterimSemverCheckOracleTest checks this on generated range syntax.
 */
final class InterimSemverCheck implements SemverCheck {
  private static final int MAX_LENGTH = 256;
  private static final BigInteger MAX_SAFE = BigInteger.valueOf(9007199254740991L);

  private static final String NUM_LOOSE = "\\d+";
  private static final String NON_NUM = "\\d*[a-zA-Z-][a-zA-Z0-9-]*";
  private static final String PRE_ID_LOOSE = "(?:" + NON_NUM + "|" + NUM_LOOSE + ")";
  private static final String PRE_LOOSE =
      "(?:-?(" + PRE_ID_LOOSE + "(?:\\." + PRE_ID_LOOSE + ")*))";
  private static final String PRE_ID = "(?:" + NON_NUM + "|(?:0|[1-9]\\d*))";
  private static final String PRE = "(?:-(" + PRE_ID + "(?:\\." + PRE_ID + ")*))";
  private static final String BUILD = "(?:\\+([a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)*))";
  private static final String LOOSE_PLAIN =
      "[v=\\s]*("
          + NUM_LOOSE
          + ")\\.("
          + NUM_LOOSE
          + ")\\.("
          + NUM_LOOSE
          + ")"
          + PRE_LOOSE
          + "?"
          + BUILD
          + "?";
  private static final String XID_LOOSE = NUM_LOOSE + "|x|X|\\*";
  private static final String XID = "0|[1-9]\\d*|x|X|\\*";
  private static final String XPLAIN_LOOSE =
      "[v=\\s]*("
          + XID_LOOSE
          + ")(?:\\.("
          + XID_LOOSE
          + ")(?:\\.("
          + XID_LOOSE
          + ")(?:"
          + PRE_LOOSE
          + ")?"
          + BUILD
          + "?)?)?";
  private static final String XPLAIN =
      "[v=\\s]*("
          + XID
          + ")(?:\\.("
          + XID
          + ")(?:\\.("
          + XID
          + ")(?:"
          + PRE
          + ")?"
          + BUILD
          + "?)?)?";
  private static final String GTLT = "((?:<|>)?=?)";

  private static final Pattern LOOSE = p("^" + LOOSE_PLAIN + "$");
  private static final Pattern HYPHEN =
      p("^\\s*(" + XPLAIN_LOOSE + ")\\s+-\\s+(" + XPLAIN_LOOSE + ")\\s*$");
  private static final Pattern COMPARATOR_TRIM =
      p("(\\s*)" + GTLT + "\\s?(" + LOOSE_PLAIN + "|" + XPLAIN + ")");
  private static final Pattern TILDE_TRIM = p("(\\s*)(?:~>?)\\s+");
  private static final Pattern CARET_TRIM = p("(\\s*)(?:\\^)\\s+");
  private static final Pattern TILDE = p("^(?:~>?)" + XPLAIN_LOOSE + "$");
  private static final Pattern CARET = p("^(?:\\^)" + XPLAIN_LOOSE + "$");
  private static final Pattern XRANGE = p("^" + GTLT + "\\s?" + XPLAIN_LOOSE + "$");
  private static final Pattern STAR = p("(<|>)?=?\\s?\\*");
  private static final Pattern COMPARATOR = p("^" + GTLT + "\\s?(" + LOOSE_PLAIN + ")$|^$");

  /** ECMAScript's {@code \\s}: Java's is ASCII-only. */
  private static final String WS =
      "[\\t\\n\\u000B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF]";

  private static final Pattern WS_RUN = p("\\s+");

  private static final String PLACEHOLDER = "1.0.0";
  private static final Pattern BUILD_RE = p(BUILD);

  private static Pattern p(String regex) {
    return Pattern.compile(regex.replace("\\s", WS));
  }

  @Override
  public boolean isVersion(String spec) {
    if (spec.length() > MAX_LENGTH) {
      return false;
    }
    Matcher m = LOOSE.matcher(EcmaStrings.trim(spec));
    return m.matches() && fits(m.group(1)) && fits(m.group(2)) && fits(m.group(3));
  }

  @Override
  public boolean isRange(String spec) {
    String raw = WS_RUN.matcher(EcmaStrings.trim(spec)).replaceAll(" ");
    boolean any = false;
    for (String branch : raw.split("\\|\\|", -1)) {
      Boolean b = branch(EcmaStrings.trim(branch));
      if (b == null) {
        return false; // a comparator threw: the whole range is invalid
      }
      any |= b;
    }
    return any;
  }

  /**
   * Whether a ||-branch keeps a comparator; null when node-semver would throw. Mirrors {@code
   * Range.parseRange}: hyphen range, trims, per-token build strip and caret/tilde/x-range/star
   * replacement, then the join-and-split on white space (which drops empty comparators between
   * others) and the loose comparator filter.
   */
  private static Boolean branch(String range) {
    Matcher h = HYPHEN.matcher(range);
    if (h.matches()) {
      boolean fromFits = isX(h.group(2)) || bounds(h.group(2), h.group(3), h.group(4), Bound.NONE);
      boolean toFits = isX(h.group(8)) || bounds(h.group(8), h.group(9), h.group(10), Bound.XRANGE);
      return fromFits && toFits ? true : null;
    }
    range = COMPARATOR_TRIM.matcher(range).replaceAll("$1$2$3");
    range = TILDE_TRIM.matcher(range).replaceAll("$1~");
    range = CARET_TRIM.matcher(range).replaceAll("$1^");
    StringBuilder joined = new StringBuilder();
    boolean first = true;
    for (String comp : range.split(" ", -1)) {
      if (!first) {
        joined.append(' ');
      }
      first = false;
      String out = transform(EcmaStrings.trim(BUILD_RE.matcher(comp).replaceFirst("")));
      if (out == null) {
        return null;
      }
      joined.append(out);
    }
    boolean kept = false;
    for (String piece : WS_RUN.split(joined.toString(), -1)) {
      Matcher c = COMPARATOR.matcher(piece);
      if (c.matches()) {
        if (c.group(2) != null
            && (c.group(2).length() > MAX_LENGTH
                || !fits(c.group(3))
                || !fits(c.group(4))
                || !fits(c.group(5)))) {
          return null;
        }
        kept = true;
      }
    }
    return kept;
  }

  /**
   * One token through caret, tilde, x-range and star replacement: a valid comparator stand-in
   * ({@code 1.0.0}), the empty comparator, or what is left for the loose filter; null on overflow.
   */
  private static String transform(String comp) {
    Matcher m;
    boolean caret = (m = CARET.matcher(comp)).matches();
    if (caret || (m = TILDE.matcher(comp)).matches()) {
      if (isX(m.group(1))) {
        return "";
      }
      return bounds(m.group(1), m.group(2), m.group(3), caret ? Bound.CARET : Bound.TILDE)
          ? PLACEHOLDER
          : null;
    }
    if ((m = XRANGE.matcher(comp)).matches()) {
      String gtlt = m.group(1);
      if (isX(m.group(2))) {
        return gtlt.equals(">") || gtlt.equals("<") ? "<0.0.0-0" : "";
      }
      return bounds(
              m.group(2),
              m.group(3),
              m.group(4),
              gtlt.equals(">=") || gtlt.equals("<") ? Bound.NONE : Bound.XRANGE)
          ? PLACEHOLDER
          : null;
    }
    return EcmaStrings.trim(STAR.matcher(EcmaStrings.trim(comp)).replaceFirst(""));
  }

  /** Which incremented upper bound a replacement writes. */
  private enum Bound {
    NONE,
    XRANGE,
    TILDE,
    CARET
  }

  /**
   * Whether the numbers a replacement writes into its comparators stay within {@code
   * Number.MAX_SAFE_INTEGER}: the given major, minor, patch up to the first x, and the incremented
   * upper bound ({@code +M + 1}, {@code +m + 1}, or for carets on 0.x the next minor or patch).
   */
  private static boolean bounds(String major, String minor, String patch, Bound bound) {
    if (!fits(major)) {
      return false;
    }
    if (isX(minor)) {
      return bound == Bound.NONE || fitsPlusOne(major);
    }
    if (!fits(minor)) {
      return false;
    }
    if (isX(patch)) {
      return switch (bound) {
        case NONE -> true;
        case XRANGE, TILDE -> fitsPlusOne(minor);
        case CARET -> fitsPlusOne(isZero(major) ? minor : major);
      };
    }
    if (!fits(patch)) {
      return false;
    }
    return switch (bound) {
      case NONE, XRANGE -> true;
      case TILDE -> fitsPlusOne(minor);
      case CARET -> fitsPlusOne(isZero(major) ? (isZero(minor) ? patch : minor) : major);
    };
  }

  private static boolean isZero(String digits) {
    return digits.equals("0");
  }

  private static boolean fitsPlusOne(String digits) {
    return new BigInteger(digits).add(BigInteger.ONE).compareTo(MAX_SAFE) <= 0;
  }

  private static boolean isX(String id) {
    return id == null || id.isEmpty() || id.equalsIgnoreCase("x") || id.equals("*");
  }

  private static boolean fits(String digits) {
    return new BigInteger(digits).compareTo(MAX_SAFE) <= 0;
  }
}
