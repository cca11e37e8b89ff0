package dev.quoll.semver;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * node-semver 7's desugaring of one {@code ||}-separated part of a range ({@code
 * Range.prototype.parseRange}) into primitive comparators: build metadata stripped, hyphen ranges,
 * comparator/tilde/caret whitespace trimmed, then carets, tildes, x-ranges, stars and {@code
 * >=0.0.0} rewritten, in that order, each with node-semver's regular expressions and templates.
 *
 * <p>Contract: {@link #parse} yields the comparators node-semver yields for the same text and
 * options (same values, same order), or throws where node-semver throws. Numbers in templates
 * follow JavaScript arithmetic ({@code +M + 1} on a digit string), so out-of-range numbers fail the
 * same way they do in node.
 */
final class RangeParser {
  private RangeParser() {}

  /**
   * One parsed comparator set. {@code key} identifies node-semver's memoised array (null when
   * node-semver returns a fresh array), which {@link Subset} needs for its identity shortcut.
   */
  record ComparatorSet(List<Comparator> comparators, String key) {}

  static ComparatorSet parse(String part, Options options) {
    String range = stripBuilds(part);
    String key = (options.includePrerelease() ? 1 : 0) + (options.loose() ? 2 : 0) + ":" + range;
    boolean loose = options.loose();
    if (hasSpacedHyphen(range)) {
      Matcher hyphen = (loose ? Grammar.HYPHEN_RANGE_LOOSE : Grammar.HYPHEN_RANGE).matcher(range);
      if (hyphen.find()) {
        range = hyphenReplace(hyphen, options.includePrerelease());
      }
    }
    range = ComparatorTrim.apply(range);
    range = trimAfter(range, '~');
    range = trimAfter(range, '^');

    List<String> desugared = new ArrayList<>();
    for (String comp : JsText.split(range, " ")) {
      desugared.add(parseComparator(comp, options));
    }
    List<String> list = new ArrayList<>();
    Pattern gte0 = options.includePrerelease() ? Grammar.GTE0_PRE : Grammar.GTE0;
    for (String comp : JsText.splitSpaces(String.join(" ", desugared))) {
      String c = JsText.trim(comp);
      if (c.contains("0.0.0")) {
        c = replaceFirst(gte0, c);
      }
      if (!loose || Comparator.matchesGrammar(c, true)) {
        list.add(c);
      }
    }
    List<Comparator> comparators = new ArrayList<>(list.size());
    for (String c : list) {
      comparators.add(Comparator.parse(c, options));
    }
    Map<String, Comparator> byValue = new LinkedHashMap<>();
    for (Comparator c : comparators) {
      if (c.toString().equals("<0.0.0-0")) {
        return new ComparatorSet(List.of(c), null);
      }
      byValue.put(c.toString(), c);
    }
    if (byValue.size() > 1) {
      byValue.remove("");
    }
    return new ComparatorSet(List.copyOf(byValue.values()), key);
  }

  /**
   * node-semver's {@code TILDETRIM}/{@code CARETTRIM} replacements ({@code (\s?)~>?\s} by {@code
   * $1~}, {@code (\s?)\^\s} by {@code $1^}): drops the one whitespace after the operator, and for
   * tilde a {@code >} between them.
   */
  static String trimAfter(String s, char op) {
    int at = s.indexOf(op);
    if (at < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int copyFrom = 0;
    int n = s.length();
    for (int i = at; i < n; i++) {
      if (s.charAt(i) != op) {
        continue;
      }
      int j = i + 1;
      if (op == '~'
          && j < n
          && s.charAt(j) == '>'
          && j + 1 < n
          && JsText.isSpace(s.charAt(j + 1))) {
        j++;
      }
      if (j < n && JsText.isSpace(s.charAt(j))) {
        out.append(s, copyFrom, i + 1);
        copyFrom = j + 1;
        i = j;
      }
    }
    return out.append(s, copyFrom, n).toString();
  }

  /** {@code range.replace(BUILDSTRIPRE, '')}: removes every {@code +id(.id)*}. */
  static String stripBuilds(String s) {
    int plus = s.indexOf('+');
    if (plus < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int copyFrom = 0;
    for (int i = plus; i < s.length(); i++) {
      if (s.charAt(i) == '+') {
        int end = VersionParser.buildEnd(s, i + 1);
        if (end > 0) {
          out.append(s, copyFrom, i);
          copyFrom = end;
          i = end - 1;
        }
      }
    }
    return out.append(s, copyFrom, s.length()).toString();
  }

  private static String parseComparator(String comp, Options options) {
    // Templates can print numbers like 1e+21, whose "+21..." reads as build metadata here.
    String c = comp.indexOf('+') < 0 ? comp : replaceFirst(Grammar.BUILD_PATTERN, comp);
    c = mapWords(JsText.trim(c), w -> w.startsWith("^") ? replaceCaret(w, options) : w);
    c = mapWords(JsText.trim(c), w -> w.startsWith("~") ? replaceTilde(w, options) : w);
    c = mapWords(c, w -> replaceXRange(JsText.trim(w), options));
    c = JsText.trim(c);
    return c.indexOf('*') < 0 ? c : replaceFirst(Grammar.STAR, c);
  }

  /** Whether {@code \s-\s} occurs: without it the hyphen-range expression cannot match. */
  private static boolean hasSpacedHyphen(String s) {
    for (int i = s.indexOf('-'); i > 0; i = s.indexOf('-', i + 1)) {
      if (i + 1 < s.length()
          && JsText.isSpace(s.charAt(i - 1))
          && JsText.isSpace(s.charAt(i + 1))) {
        return true;
      }
    }
    return false;
  }

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

  private static String mapWords(String s, java.util.function.UnaryOperator<String> f) {
    List<String> words = JsText.splitSpaces(s);
    for (int i = 0; i < words.size(); i++) {
      words.set(i, f.apply(words.get(i)));
    }
    return String.join(" ", words);
  }

  private static String replaceFirst(Pattern p, String s) {
    Matcher m = p.matcher(s);
    return m.find() ? s.substring(0, m.start()) + s.substring(m.end()) : s;
  }

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

  private static String replaceTilde(String comp, Options options) {
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

  private static String replaceCaret(String comp, Options options) {
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

  private static String replaceXRange(String comp, Options options) {
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

  private static String hyphenReplace(Matcher r, boolean incPr) {
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
