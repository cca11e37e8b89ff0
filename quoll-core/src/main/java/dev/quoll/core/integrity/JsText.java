package dev.quoll.core.integrity;

import java.util.ArrayList;
import java.util.List;

/**
 * The few pieces of JavaScript string semantics that ssri's parsing depends on: the ECMAScript
 * white-space set used by {@code \s}, {@code String.prototype.trim} and {@code split(/\s+/)}.
 */
final class JsText {
  private JsText() {}

  /** Whether {@code c} is in ECMAScript's WhiteSpace or LineTerminator set (regex {@code \s}). */
  static boolean isSpace(char c) {
    return switch (c) {
      case '\t',
          '\n',
          '\u000B',
          '\f',
          '\r',
          ' ',
          '\u00A0',
          '\u1680',
          '\u2028',
          '\u2029',
          '\u202F',
          '\u205F',
          '\u3000',
          '\uFEFF' ->
          true;
      default -> c >= '\u2000' && c <= '\u200A';
    };
  }

  /** {@code s.trim()} in JavaScript. */
  static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /** {@code s.trim().split(/\s+/)} in JavaScript, except that an empty input gives no tokens. */
  static List<String> splitOnSpace(String s) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && isSpace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isSpace(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        tokens.add(s.substring(start, i));
      }
    }
    return tokens;
  }
}
