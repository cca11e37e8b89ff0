package dev.quoll.client;

import dev.quoll.core.url.WhatwgUrl;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Hides secrets in text meant for people (error messages, log lines) the way npm 11 does before it
 * prints anything: @npmcli/redact 4's {@code redactLog}.
 *
 * <p>Contract: the text is cut at JavaScript white space and {@code =} (the separators are kept);
 * in each piece that parses as a WHATWG URL with a password, the password after {@code
 * <protocol>//<username>:} at the piece's start becomes {@code ***}; then npm tokens ({@code
 * npm_}/{@code npms_} and 36-48 letters or digits) become {@code npm_***} and UUIDs become {@code
 * ***}. Everything else is kept as it is, so {@code request to https://u:***@host/x failed} reads
 * like npm's message. Never throws.
 */
public final class Redaction {
  private static final String REPLACE = "***";
  private static final Pattern NPM_SECRET =
      Pattern.compile(
          "(?<![A-Za-z0-9_])npms?_[a-zA-Z0-9]{36,48}(?![A-Za-z0-9_])", Pattern.CASE_INSENSITIVE);
  private static final Pattern UUID =
      Pattern.compile(
          "(?<![A-Za-z0-9_])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9_])",
          Pattern.CASE_INSENSITIVE);
  private static final String HEX = "0123456789abcdef";
  private static final String UNRESERVED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()";

  private Redaction() {}

  /**
   * npm's {@code redactLog(text)}.
   *
   * @param text any text, e.g. an error message holding a URL
   * @return the text with URL passwords, npm tokens and UUIDs hidden
   */
  public static String log(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '=' || isJsSpace(c)) {
        out.append(piece(text.substring(start, i))).append(c);
        start = i + 1;
      }
    }
    return out.append(piece(text.substring(start))).toString();
  }

  /**
   * @npmcli/redact's {@code redact(value)} of one piece without separators.
   */
  private static String piece(String value) {
    if (value.isEmpty()) {
      return value;
    }
    String v = urlPassword(value);
    v = NPM_SECRET.matcher(v).replaceAll("npm_" + REPLACE);
    return UUID.matcher(v).replaceAll(REPLACE);
  }

  private static String urlPassword(String value) {
    if (value.indexOf('@') < 0) {
      return value; // a URL with a password has an '@' after it
    }
    Optional<WhatwgUrl> parsed = WhatwgUrl.parse(value);
    if (parsed.isEmpty() || parsed.get().password().isEmpty()) {
      return value;
    }
    WhatwgUrl url = parsed.get();
    Set<String> users = variants(url.username());
    Set<String> passwords = variants(url.password());
    if (users.isEmpty() || passwords.isEmpty()) {
      return value; // npm's decodeURIComponent threw: the piece is left alone
    }
    // the order in which npm's regex alternation (encoded|decoded|raw) tries the spellings
    for (String user : users) {
      String head = url.protocol() + "//" + user + ":";
      for (String password : passwords) {
        if (value.startsWith(head + password)) {
          return head + REPLACE + value.substring(head.length() + password.length());
        }
      }
    }
    return value;
  }

  /** {@code new Set([encodeURIComponent(v), decodeURIComponent(v), v])}; empty when one throws. */
  private static Set<String> variants(String value) {
    Optional<String> encoded = encodeUriComponent(value);
    Optional<String> decoded = decodeUriComponent(value);
    if (encoded.isEmpty() || decoded.isEmpty()) {
      return Set.of();
    }
    Set<String> out = new LinkedHashSet<>();
    out.add(encoded.get());
    out.add(decoded.get());
    out.add(value);
    return out;
  }

  private static Optional<String> encodeUriComponent(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (UNRESERVED.indexOf(c) >= 0) {
        out.append(c);
        continue;
      }
      int cp = s.codePointAt(i);
      if (Character.isSurrogate(c) && !Character.isSupplementaryCodePoint(cp)) {
        return Optional.empty(); // a lone surrogate: URIError
      }
      for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
      i += Character.charCount(cp) - 1;
    }
    return Optional.of(out.toString());
  }

  private static Optional<String> decodeUriComponent(String s) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      if (s.charAt(i) != '%') {
        out.append(s.charAt(i++));
        continue;
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int first = hexByte(s, i);
      if (first < 0) {
        return Optional.empty();
      }
      int n = first < 0x80 ? 1 : Integer.numberOfLeadingZeros(~first << 24);
      if (n == 1 && first >= 0x80 || n > 4) {
        return Optional.empty();
      }
      for (int k = 0; k < n; k++) {
        int b = hexByte(s, i);
        if (b < 0 || k > 0 && (b & 0xc0) != 0x80) {
          return Optional.empty();
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
        return Optional.empty();
      }
    }
    return Optional.of(out.toString());
  }

  /** The byte of {@code %XX} at {@code i}, or -1 when there is none. */
  private static int hexByte(String s, int i) {
    if (i + 3 > s.length() || s.charAt(i) != '%') {
      return -1;
    }
    int hi = HEX.indexOf(Character.toLowerCase(s.charAt(i + 1)));
    int lo = HEX.indexOf(Character.toLowerCase(s.charAt(i + 2)));
    return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
  }

  /** JavaScript's {@code \s}: white space and line terminators of ECMAScript. */
  private static boolean isJsSpace(char c) {
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
}
