package dev.quoll.core.manifest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** JavaScript's {@code decodeURIComponent} and {@code encodeURIComponent} (ECMAScript 2024). */
final class UriComponent {
  private UriComponent() {}

  /**
   * JavaScript's {@code decodeURIComponent}.
   *
   * @throws IllegalArgumentException where JavaScript throws {@code URIError}
   */
  static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != '%') {
        out.append(c);
        i++;
        continue;
      }
      bytes.reset();
      int first = hexByte(s, i);
      int len =
          first < 0x80
              ? 1
              : first >= 0xc2 && first < 0xe0
                  ? 2
                  : first >= 0xe0 && first < 0xf0 ? 3 : first >= 0xf0 && first < 0xf5 ? 4 : -1;
      if (len < 0) {
        throw new IllegalArgumentException("URI malformed");
      }
      for (int k = 0; k < len; k++) {
        bytes.write(hexByte(s, i + 3 * k));
      }
      i += 3 * len;
      try {
        out.append(
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes.toByteArray())));
      } catch (CharacterCodingException e) {
        throw new IllegalArgumentException("URI malformed", e);
      }
    }
    return out.toString();
  }

  private static int hexByte(String s, int i) {
    if (i + 2 >= s.length() || s.charAt(i) != '%') {
      throw new IllegalArgumentException("URI malformed");
    }
    try {
      return Integer.parseInt(s.substring(i + 1, i + 3), 16);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("URI malformed", e);
    }
  }

  /** JavaScript's {@code encodeURIComponent}. */
  static String encode(String s) {
    StringBuilder b = new StringBuilder();
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (x & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-_.!~*'()".indexOf(c) >= 0) {
        b.append(c);
      } else {
        b.append('%').append(String.format("%02X", (int) c));
      }
    }
    return b.toString();
  }
}
