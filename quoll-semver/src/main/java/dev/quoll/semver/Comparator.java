package dev.quoll.semver;

import java.util.Optional;
import java.util.regex.Matcher;

/**
 * One node-semver 7 comparator: an {@link Operator} and a {@link Version}, or the ANY comparator
 * (printed as the empty string) that every version satisfies.
 *
 * <p>{@link #toString()} is node-semver's {@code value}: operator symbol then version, e.g. {@code
 * >=1.2.3-0}; ANY prints as {@code ""}.
 */
public final class Comparator {
  static final Comparator ANY = new Comparator(Operator.EQ, null);

  private final Operator operator;
  private final Version semver;
  private final String value;

  Comparator(Operator operator, Version semver) {
    this.operator = operator;
    this.semver = semver;
    this.value = semver == null ? "" : operator.symbol() + semver;
  }

  /**
   * Parses one primitive comparator such as {@code >=1.2.3} ({@code new Comparator(s, options)}).
   * Whitespace runs are collapsed; the empty string is ANY.
   *
   * @param text the comparator
   * @param options {@link Options#loose()} selects the version grammar
   * @return the comparator
   * @throws SemverException {@code "Invalid comparator: x"} or a version error
   */
  public static Comparator parse(String text, Options options) {
    String comp = String.join(" ", JsText.splitSpaces(JsText.trim(text)));
    int opEnd = operatorEnd(comp);
    Object fast = fastMatch(comp, opEnd, options.loose());
    if (fast instanceof Version v) {
      return new Comparator(Operator.fromSymbol(comp.substring(0, opEnd)), v);
    } else if (fast instanceof String message) {
      throw new SemverException(message);
    }
    Matcher m = (options.loose() ? Grammar.COMPARATOR_LOOSE : Grammar.COMPARATOR).matcher(comp);
    if (!m.find()) {
      throw new SemverException("Invalid comparator: " + comp);
    }
    String op = m.group(1) == null ? "" : m.group(1);
    if (m.group(2) == null || m.group(2).isEmpty()) {
      return new Comparator(Operator.fromSymbol(op), null);
    }
    return new Comparator(
        Operator.fromSymbol(op), VersionParser.parse(m.group(2), options.loose()));
  }

  /**
   * Whether node-semver's {@code COMPARATOR}/{@code COMPARATORLOOSE} expression matches the text
   * (which holds no whitespace): the empty string, or an operator and a version of the grammar.
   */
  static boolean matchesGrammar(String comp, boolean loose) {
    if (comp.isEmpty()) {
      return true;
    }
    Object fast = fastMatch(comp, operatorEnd(comp), loose);
    if (fast instanceof Version) {
      return true;
    } else if (fast instanceof String message) {
      return !message.startsWith("Invalid comparator");
    }
    return (loose ? Grammar.COMPARATOR_LOOSE : Grammar.COMPARATOR).matcher(comp).find();
  }

  /** End of the greedy {@code ((?:<|>)?=?)} operator at the start. */
  private static int operatorEnd(String comp) {
    int i = 0;
    if (i < comp.length() && (comp.charAt(i) == '<' || comp.charAt(i) == '>')) {
      i++;
    }
    if (i < comp.length() && comp.charAt(i) == '=') {
      i++;
    }
    return i;
  }

  /**
   * The comparator expression without regular expressions, for the usual case: after the greedy
   * operator and one optional whitespace, the rest must be a version of the grammar ({@link
   * VersionParser} accepts exactly those within 256 characters). Returns the version, an error
   * message, or null when the regular expression must decide (empty or over-long rest, or a strict
   * rest that starts with whitespace).
   */
  private static Object fastMatch(String comp, int opEnd, boolean loose) {
    int i = opEnd;
    if (i < comp.length() && JsText.isSpace(comp.charAt(i))) {
      i++;
    }
    String rest = comp.substring(i);
    if (rest.isEmpty()
        || rest.length() > VersionParser.MAX_LENGTH
        || (!loose && JsText.isSpace(rest.charAt(0)))) {
      return null;
    }
    Object r = VersionParser.scan(rest, loose);
    if (r instanceof String message && message.startsWith("Invalid Version")) {
      return "Invalid comparator: " + comp;
    }
    return r;
  }

  /** The operator ({@link Operator#EQ} for ANY). */
  public Operator operator() {
    return operator;
  }

  /** The version, or empty for the ANY comparator. */
  public Optional<Version> version() {
    return Optional.ofNullable(semver);
  }

  /** Whether this is the ANY comparator (node-semver's {@code semver === Comparator.ANY}). */
  public boolean isAny() {
    return semver == null;
  }

  Version semver() {
    return semver;
  }

  /**
   * Whether the version satisfies this comparator alone (no prerelease exclusion; that is a range
   * rule).
   */
  public boolean test(Version version) {
    return semver == null || operator.holds(version, semver);
  }

  /**
   * node-semver's {@code Comparator.prototype.intersects}: whether some version satisfies both.
   *
   * @param other the other comparator
   * @param options {@code includePrerelease} changes the answer for {@code <0.0.0}-style bounds and
   *     for equality comparators with a prerelease
   */
  public boolean intersects(Comparator other, Options options) {
    if (operator == Operator.EQ) {
      if (value.isEmpty()) {
        return true;
      }
      return Range.parse(other.value, options).test(value);
    } else if (other.operator == Operator.EQ) {
      if (other.value.isEmpty()) {
        return true;
      }
      return Range.parse(value, options).test(other.semver);
    }
    if (options.includePrerelease()
        && (value.equals("<0.0.0-0") || other.value.equals("<0.0.0-0"))) {
      return false;
    }
    if (!options.includePrerelease()
        && (value.startsWith("<0.0.0") || other.value.startsWith("<0.0.0"))) {
      return false;
    }
    if (operator.isGreater() && other.operator.isGreater()) {
      return true;
    }
    if (operator.isLess() && other.operator.isLess()) {
      return true;
    }
    if (semver.toString().equals(other.semver.toString())
        && operator.inclusive()
        && other.operator.inclusive()) {
      return true;
    }
    if (semver.compareTo(other.semver) < 0 && operator.isGreater() && other.operator.isLess()) {
      return true;
    }
    return semver.compareTo(other.semver) > 0 && operator.isLess() && other.operator.isGreater();
  }

  /** node-semver's {@code value}: e.g. {@code >=1.2.3}, or {@code ""} for ANY. */
  @Override
  public String toString() {
    return value;
  }

  /** Equal when the printed comparators are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Comparator c && c.value.equals(value);
  }

  /** Hash of the printed comparator. */
  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
