package dev.quoll.semver;

import java.math.BigDecimal;
import java.util.regex.Matcher;

/**
 * node-semver 7's desugaring templates ({@code classes/range.js}): tilde, caret, x-range and hyphen
 * ranges rewritten to primitive comparators, as text, exactly as node-semver writes them (raw digit
 * strings where node-semver interpolates captures, JavaScript arithmetic where it computes {@code
 * +M + 1}).
 *
 * <p>Contract: each method returns the string node-semver's replacement callback returns for the
 * same word and options; a word the expression does not match is returned unchanged.
 */
final class Desugar {
  private Desugar() {}

  /**
   * Whether the x-range expression could change the word: it only rewrites words with an {@code x},
   * {@code X} or {@code *}, or with fewer than three version parts (fewer than two dots).
   */
  private static boolean mayBeXRange(String w) {
    int dots = 0;
    for (int i = 0; i < w.length(); i++) {
      char ch = w.charAt(i);
      if (ch == 'x' || ch == 'X' || ch == '*') {
        return true;
      }
      if (ch == '.') {
        dots++;
      }
    }
    return dots < 2;
  }

  /** node-semver's {@code isX}: an absent part, {@code x}, {@code X} or {@code *}. */
  static boolean isX(String id) {
    return id == null || id.isEmpty() || id.equals("x") || id.equals("X") || id.equals("*");
  }

  /** JavaScript's {@code String(+digits + 1)}. */
  static String plusOne(String digits) {
    double d = Double.parseDouble(digits) + 1;
    if (d < 9007199254740992.0) {
      return Long.toString((long) d);
    }
    if (d < 1e21) {
      return new BigDecimal(Double.toString(d)).toBigInteger().toString();
    }
    String[] parts = Double.toString(d).split("E");
    String mantissa =
        parts[0].endsWith(".0") ? parts[0].substring(0, parts[0].length() - 2) : parts[0];
    return mantissa + "e+" + parts[1];
  }

  static String tilde(String comp, Options options) {
    XRangeMatcher.XMatch r = XRangeMatcher.match(comp, XRangeMatcher.Kind.TILDE, options.loose());
    if (r == null) {
      return comp;
    }
    String major = r.major();
    String minor = r.minor();
    String patch = r.patch();
    String pr = r.pre();
    String z = options.includePrerelease() ? "-0" : "";
    if (isX(major)) {
      return "";
    } else if (isX(minor)) {
      return ">=" + major + ".0.0" + z + " <" + plusOne(major) + ".0.0-0";
    } else if (isX(patch)) {
      return ">=" + major + "." + minor + ".0" + z + " <" + major + "." + plusOne(minor) + ".0-0";
    } else if (pr != null) {
      return ">="
          + major
          + "."
          + minor
          + "."
          + patch
          + "-"
          + pr
          + " <"
          + major
          + "."
          + plusOne(minor)
          + ".0-0";
    }
    return ">=" + major + "." + minor + "." + patch + " <" + major + "." + plusOne(minor) + ".0-0";
  }

  static String caret(String comp, Options options) {
    XRangeMatcher.XMatch r = XRangeMatcher.match(comp, XRangeMatcher.Kind.CARET, options.loose());
    if (r == null) {
      return comp;
    }
    String major = r.major();
    String minor = r.minor();
    String patch = r.patch();
    String pr = r.pre();
    String z = options.includePrerelease() ? "-0" : "";
    if (isX(major)) {
      return "";
    } else if (isX(minor)) {
      return ">=" + major + ".0.0" + z + " <" + plusOne(major) + ".0.0-0";
    } else if (isX(patch)) {
      String low = ">=" + major + "." + minor + ".0" + z;
      return major.equals("0")
          ? low + " <" + major + "." + plusOne(minor) + ".0-0"
          : low + " <" + plusOne(major) + ".0.0-0";
    }
    String low = ">=" + major + "." + minor + "." + patch + (pr != null ? "-" + pr : "");
    if (major.equals("0")) {
      return minor.equals("0")
          ? low + " <" + major + "." + minor + "." + plusOne(patch) + "-0"
          : low + " <" + major + "." + plusOne(minor) + ".0-0";
    }
    return low + " <" + plusOne(major) + ".0.0-0";
  }

  static String xRange(String comp, Options options) {
    if (!mayBeXRange(comp)) {
      return comp;
    }
    XRangeMatcher.XMatch r = XRangeMatcher.match(comp, XRangeMatcher.Kind.XRANGE, options.loose());
    if (r == null) {
      return comp;
    }
    String gtlt = r.gtlt();
    String major = r.major();
    String minor = r.minor();
    String patch = r.patch();
    if ((isX(major) && !isX(minor)) || (isX(minor) && patch != null && !isX(patch))) {
      return comp;
    }
    boolean xMajor = isX(major);
    boolean xMinor = xMajor || isX(minor);
    boolean anyX = xMinor || isX(patch);
    if (gtlt.equals("=") && anyX) {
      gtlt = "";
    }
    String pr = options.includePrerelease() ? "-0" : "";
    if (xMajor) {
      return gtlt.equals(">") || gtlt.equals("<") ? "<0.0.0-0" : "*";
    } else if (!gtlt.isEmpty() && anyX) {
      String m = xMinor ? "0" : minor;
      String p = "0";
      String bigM = major;
      if (gtlt.equals(">")) {
        gtlt = ">=";
        if (xMinor) {
          bigM = plusOne(major);
          m = "0";
        } else {
          m = plusOne(minor);
        }
        p = "0";
      } else if (gtlt.equals("<=")) {
        gtlt = "<";
        if (xMinor) {
          bigM = plusOne(major);
        } else {
          m = plusOne(minor);
        }
      }
      if (gtlt.equals("<")) {
        pr = "-0";
      }
      return gtlt + bigM + "." + m + "." + p + pr;
    } else if (xMinor) {
      return ">=" + major + ".0.0" + pr + " <" + plusOne(major) + ".0.0-0";
    } else if (anyX) {
      return ">=" + major + "." + minor + ".0" + pr + " <" + major + "." + plusOne(minor) + ".0-0";
    }
    return comp;
  }

  static String hyphen(Matcher r, boolean incPr) {
    String from = r.group(1);
    String fM = r.group(2);
    String fm = r.group(3);
    String fp = r.group(4);
    String fpr = r.group(5);
    String to = r.group(7);
    String tM = r.group(8);
    String tm = r.group(9);
    String tp = r.group(10);
    String tpr = r.group(11);
    String z = incPr ? "-0" : "";
    if (isX(fM)) {
      from = "";
    } else if (isX(fm)) {
      from = ">=" + fM + ".0.0" + z;
    } else if (isX(fp)) {
      from = ">=" + fM + "." + fm + ".0" + z;
    } else if (fpr != null) {
      from = ">=" + from;
    } else {
      from = ">=" + from + z;
    }
    if (isX(tM)) {
      to = "";
    } else if (isX(tm)) {
      to = "<" + plusOne(tM) + ".0.0-0";
    } else if (isX(tp)) {
      to = "<" + tM + "." + plusOne(tm) + ".0-0";
    } else if (tpr != null) {
      to = "<=" + tM + "." + tm + "." + tp + "-" + tpr;
    } else if (incPr) {
      to = "<" + tM + "." + tm + "." + plusOne(tp) + "-0";
    } else {
      to = "<=" + to;
    }
    return JsText.trim(from + " " + to);
  }
}
