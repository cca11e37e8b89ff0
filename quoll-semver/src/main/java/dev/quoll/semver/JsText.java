package dev.quoll.semver;

import java.util.ArrayList;
import java.util.List;

/**
 * The few JavaScript string semantics node-semver's behaviour depends on: ECMAScript whitespace
 * ({@code \s} and {@code String.prototype.trim}), {@code split} on a literal and on {@code /\s+/},
 * and {@code Number(string)} for the places node-semver coerces identifiers to numbers.
 */
final class JsText {
  private JsText() {}

  /** Whether {@code c} is ECMAScript whitespace or a line terminator (what {@code \s} matches). */
  static boolean isSpace(char c) {
    return switch (c) {
      case '\t',
          '\n',
          '\u000b',
          '\f',
          '\r',
          ' ',
          '\u00a0',
          '\u1680',
          '\u2028',
          '\u2029',
          '\u202f',
          '\u205f',
          '\u3000',
          '\ufeff' ->
          true;
      default -> c >= '\u2000' && c <= '\u200a';
    };
  }

  /** {@code String.prototype.trim}. */
  static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return start == 0 && end == s.length() ? s : s.substring(start, end);
  }

  /** {@code s.replace(/\s+/g, ' ')}. */
  static String collapseSpaces(String s) {
    StringBuilder b = null;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (isSpace(c)) {
        int j = i + 1;
        while (j < n && isSpace(s.charAt(j))) {
          j++;
        }
        if (c != ' ' || j > i + 1) {
          if (b == null) {
            b = new StringBuilder(n).append(s, 0, i);
          }
          b.append(' ');
          i = j - 1;
          continue;
        }
      }
      if (b != null) {
        b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }

  /** {@code s.split(literal)} with JavaScript semantics (keeps empty leading/trailing parts). */
  static List<String> split(String s, String literal) {
    List<String> out = new ArrayList<>();
    int from = 0;
    int at;
    while ((at = s.indexOf(literal, from)) >= 0) {
      out.add(s.substring(from, at));
      from = at + literal.length();
    }
    out.add(s.substring(from));
    return out;
  }

  /** {@code s.split(/\s+/)} with JavaScript semantics ({@code ""} gives {@code [""]}). */
  static List<String> splitSpaces(String s) {
    List<String> out = new ArrayList<>();
    int n = s.length();
    int start = 0;
    int i = 0;
    while (i < n) {
      if (isSpace(s.charAt(i))) {
        out.add(s.substring(start, i));
        while (i < n && isSpace(s.charAt(i))) {
          i++;
        }
        start = i;
      } else {
        i++;
      }
    }
    out.add(s.substring(start));
    return out;
  }

  /**
   * JavaScript's {@code Number(string)}: trims whitespace, accepts decimal literals with sign,
   * fraction and exponent, {@code Infinity}, and unsigned {@code 0x}/{@code 0o}/{@code 0b}
   * integers; the empty string is 0; anything else is NaN.
   */
  static double toNumber(String raw) {
    String s = trim(raw);
    if (s.isEmpty()) {
      return 0;
    }
    if (s.length() > 2 && s.charAt(0) == '0') {
      int radix =
          switch (s.charAt(1)) {
            case 'x', 'X' -> 16;
            case 'o', 'O' -> 8;
            case 'b', 'B' -> 2;
            default -> 0;
          };
      if (radix != 0) {
        double v = 0;
        for (int i = 2; i < s.length(); i++) {
          int d = Character.digit(s.charAt(i), radix);
          if (d < 0 || s.charAt(i) > 'z') {
            return Double.NaN;
          }
          v = v * radix + d;
        }
        return v;
      }
    }
    int i = 0;
    boolean negative = false;
    if (s.charAt(0) == '+' || s.charAt(0) == '-') {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    String body = s.substring(i);
    if (body.equals("Infinity")) {
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (!isDecimalLiteral(body)) {
      return Double.NaN;
    }
    double v = Double.parseDouble(body);
    return negative ? -v : v;
  }

  private static boolean isDecimalLiteral(String s) {
    int n = s.length();
    int i = 0;
    int intDigits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      intDigits++;
    }
    int fracDigits = 0;
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        fracDigits++;
      }
    }
    if (intDigits + fracDigits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int expDigits = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        expDigits++;
      }
      if (expDigits == 0) {
        return false;
      }
    }
    return i == n;
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAllDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
