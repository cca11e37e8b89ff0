package dev.quoll.core.tarball;

import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One slash-free segment of a glob, compiled as minimatch 10's {@code parse} compiles it with
 * {@code dot} and {@code nocase}: {@code **} is the globstar; a segment without magic matches its
 * unescaped text case-insensitively; a magic segment becomes a regular expression, or one of
 * minimatch's fast tests for the common shapes ({@code *}, {@code *.ext}, {@code ??.ext}, {@code
 * *.*}, {@code .*}), which minimatch uses in place of the expression.
 */
sealed interface GlobSegment {
  /** The {@code **} segment, matched by the globstar algorithm, never by {@link #test}. */
  GlobSegment GLOBSTAR = new Globstar();

  /** Whether a path segment matches. */
  boolean test(String segment);

  /** {@code **}. */
  record Globstar() implements GlobSegment {
    @Override
    public boolean test(String segment) {
      return false;
    }
  }

  /** A segment without magic: its unescaped text, compared ignoring case. */
  record Exact(String text) implements GlobSegment {
    @Override
    public boolean test(String segment) {
      return text.equals(segment) || text.equalsIgnoreCase(segment);
    }
  }

  /** A magic segment: a regular expression or a minimatch fast test. */
  record Magic(Predicate<String> matcher) implements GlobSegment {
    @Override
    public boolean test(String segment) {
      return matcher.test(segment);
    }
  }

  /**
   * Compiles a segment.
   *
   * @param glob one segment of a brace-expanded, slash-split pattern
   * @return the compiled segment
   */
  static GlobSegment parse(String glob) {
    if (glob.equals("**")) {
      return GLOBSTAR;
    }
    if (glob.isEmpty()) {
      return new Exact("");
    }
    GlobTranslator.Translation t = GlobTranslator.translate(glob, 0, false);
    boolean magic = t.magic();
    StringBuilder re = t.regex();
    StringBuilder literal = t.literal();
    if (!magic) {
      return new Exact(literal.toString());
    }
    Predicate<String> fast = fastTest(glob);
    if (fast != null) {
      return new Magic(fast);
    }
    // minimatch's start-of-pattern guard: magic never yields "." or ".."
    Pattern regex =
        Pattern.compile(
            "^(?!\\.\\.?$)" + re + "$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    return new Magic(s -> regex.matcher(s).find());
  }

  private static Predicate<String> fastTest(String glob) {
    if (glob.matches("^\\*+$")) {
      return f -> !f.isEmpty() && !f.equals(".") && !f.equals("..");
    }
    Matcher m = Pattern.compile("^\\*+([^+@!?*\\[(]*)$").matcher(glob);
    if (m.matches()) {
      String ext = m.group(1).toLowerCase(Locale.ROOT);
      return f -> f.toLowerCase(Locale.ROOT).endsWith(ext);
    }
    m = Pattern.compile("^\\?+([^+@!?*\\[(]*)?$").matcher(glob);
    if (m.matches()) {
      int len = glob.length();
      String ext = m.group(1) == null ? "" : m.group(1).toLowerCase(Locale.ROOT);
      return f ->
          f.length() == len
              && !f.equals(".")
              && !f.equals("..")
              && f.toLowerCase(Locale.ROOT).endsWith(ext);
    }
    if (glob.matches("^\\*+\\.\\*+$")) {
      return f -> !f.equals(".") && !f.equals("..") && f.contains(".");
    }
    if (glob.matches("^\\.\\*+$")) {
      return f -> !f.equals(".") && !f.equals("..") && f.startsWith(".");
    }
    return null;
  }
}
