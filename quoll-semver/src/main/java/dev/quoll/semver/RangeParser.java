package dev.quoll.semver;

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
 * >=0.0.0} rewritten, in that order, with node-semver's templates ({@link Desugar}).
 *
 * <p>node-semver drives each step with a regular expression. Here the frequent steps are matched by
 * hand ({@link ComparatorTrim}, {@link XRangeMatcher}, {@link Comparator}), and an expression is
 * skipped when a cheap test shows it cannot match (no {@code ~}, no {@code *}, no spaced hyphen);
 * the transcribed expressions of {@link Grammar} remain for hyphen ranges, {@code >=0.0.0}, and
 * words too long for the hand matchers' equivalence argument.
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
        range = Desugar.hyphen(hyphen, options.includePrerelease());
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
    c = mapWords(JsText.trim(c), w -> w.startsWith("^") ? Desugar.caret(w, options) : w);
    c = mapWords(JsText.trim(c), w -> w.startsWith("~") ? Desugar.tilde(w, options) : w);
    c = mapWords(c, w -> Desugar.xRange(JsText.trim(w), options));
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
}
