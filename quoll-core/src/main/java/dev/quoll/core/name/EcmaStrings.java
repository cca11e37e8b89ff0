package dev.quoll.core.name;

import dev.quoll.core.CoreException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The few ECMAScript string functions whose exact behaviour npm's name and spec rules depend on
 * (ECMA-262: {@code String.prototype.trim}, {@code \s}, {@code encodeURIComponent}, {@code
 * decodeURIComponent}, {@code toLowerCase}). Java's own near-equivalents differ at the edges (for
 * example {@link String#strip()} does not strip U+00A0 but does strip U+001C), so the rules use
 * these instead.
 */
public final class EcmaStrings {
  private static final String UNRESERVED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()";
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private EcmaStrings() {}

  /**
   * The characters of {@link #isWhiteSpace} as the body of a {@link java.util.regex.Pattern}
   * character class (no brackets), for ports of JavaScript regular expressions that use {@code \s}:
   * Java's own {@code \s} is ASCII only.
   */
  public static final String WHITE_SPACE_CLASS =
      "\\t\\n\\u000b\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff";

  /**
   * Whether {@code c} is ECMAScript white space or a line terminator: what {@code trim} strips and
   * what {@code \s} matches.
   */
  public static boolean isWhiteSpace(char c) {
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

  /** ECMAScript {@code String.prototype.trim}. */
  public static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isWhiteSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isWhiteSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /** ECMAScript {@code String.prototype.toLowerCase} (locale-independent full case mapping). */
  public static String toLowerCase(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /**
   * Whether {@code encodeURIComponent(s) === s}: every char is an ASCII letter, digit or one of
   * {@code -_.!~*'()}. (Where JavaScript would throw on a lone surrogate, this answers false.)
   */
  public static boolean isUriComponentSafe(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (UNRESERVED.indexOf(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * ECMAScript {@code encodeURIComponent}: UTF-8 percent-encoding of everything but {@code
   * A-Za-z0-9-_.!~*'()}.
   *
   * @throws CoreException {@code URI_MALFORMED} on a lone surrogate, as JavaScript throws URIError
   */
  public static String encodeUriComponent(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (UNRESERVED.indexOf(c) >= 0) {
        out.append(c);
        continue;
      }
      int cp = c;
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        cp = Character.toCodePoint(c, s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        throw new CoreException("URI_MALFORMED", "URI malformed");
      }
      for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
        out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
      }
    }
    return out.toString();
  }

  /**
   * ECMAScript {@code decodeURIComponent}: decodes {@code %XX} sequences forming valid UTF-8.
   *
   * @throws CoreException {@code URI_MALFORMED} (message "URI malformed", as JavaScript's URIError)
   *     on a bad escape or invalid UTF-8
   */
  public static String decodeUriComponent(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != '%') {
        out.append(c);
        i++;
        continue;
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int first = hexByte(s, i);
      bytes.write(first);
      i += 3;
      int more =
          first < 0x80
              ? 0
              : (first & 0xE0) == 0xC0
                  ? 1
                  : (first & 0xF0) == 0xE0 ? 2 : (first & 0xF8) == 0xF0 ? 3 : -1;
      if (more < 0) {
        throw malformed();
      }
      for (int k = 0; k < more; k++) {
        if (i >= s.length() || s.charAt(i) != '%') {
          throw malformed();
        }
        int b = hexByte(s, i);
        if ((b & 0xC0) != 0x80) {
          throw malformed();
        }
        bytes.write(b);
        i += 3;
      }
      try {
        out.append(
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes.toByteArray())));
      } catch (CharacterCodingException e) {
        throw malformed();
      }
    }
    return out.toString();
  }

  private static int hexByte(String s, int i) {
    if (i + 3 > s.length()) {
      throw malformed();
    }
    int hi = hexDigit(s.charAt(i + 1));
    int lo = hexDigit(s.charAt(i + 2));
    if (hi < 0 || lo < 0) {
      throw malformed();
    }
    return hi * 16 + lo;
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static CoreException malformed() {
    return new CoreException("URI_MALFORMED", "URI malformed");
  }
}
