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
 * <p>Contract: agrees with node-semver 7.7 {@code valid}/{@code validRange} in loose mode for
 * ordinary specs; the known gap is the overflow check of a caret or tilde upper bound whose
 * incremented number passes {@code Number.MAX_SAFE_INTEGER}.
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

  private static final Pattern DIGITS = Pattern.compile("\\d+");

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

  /** Whether a ||-branch keeps a comparator; null when node-semver would throw. */
  private static Boolean branch(String range) {
    Matcher h = HYPHEN.matcher(range);
    if (h.matches()) {
      return numbersFit(h.group(1)) && numbersFit(h.group(7)) ? true : null;
    }
    range = COMPARATOR_TRIM.matcher(range).replaceAll("$1$2$3");
    range = TILDE_TRIM.matcher(range).replaceAll("$1~");
    range = CARET_TRIM.matcher(range).replaceAll("$1^");
    boolean kept = false;
    for (String comp : range.split(" ", -1)) {
      comp = EcmaStrings.trim(comp);
      if (CARET.matcher(comp).matches()
          || TILDE.matcher(comp).matches()
          || XRANGE.matcher(comp).matches()) {
        if (!numbersFit(comp)) {
          return null;
        }
        kept = true;
        continue;
      }
      String starless = STAR.matcher(comp).replaceFirst("");
      for (String piece : WS_RUN.split(EcmaStrings.trim(starless), -1)) {
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
    }
    return kept;
  }

  private static boolean numbersFit(String s) {
    Matcher m = DIGITS.matcher(s);
    int count = 0;
    while (m.find() && count < 3) {
      if (!fits(m.group())) {
        return false;
      }
      count++;
    }
    return true;
  }

  private static boolean fits(String digits) {
    return new BigInteger(digits).compareTo(MAX_SAFE) <= 0;
  }
}
