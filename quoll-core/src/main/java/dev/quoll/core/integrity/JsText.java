package dev.quoll.core.integrity;

import dev.quoll.core.name.EcmaStrings;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The pieces of JavaScript and Node string semantics that ssri depends on beyond {@link
 * EcmaStrings}: {@code split(/\s+/)} and Node's lenient {@code Buffer.from(s, 'hex' | 'base64')}
 * decoding.
 */
final class JsText {
  private JsText() {}

  /** {@code s.trim().split(/\s+/)} in JavaScript, except that an empty input gives no tokens. */
  static List<String> splitOnSpace(String s) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && EcmaStrings.isWhiteSpace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !EcmaStrings.isWhiteSpace(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        tokens.add(s.substring(start, i));
      }
    }
    return tokens;
  }

  /**
   * Node's {@code Buffer.from(hex, 'hex')}: pairs of hex digits until the first pair that is not
   * hex; each UTF-16 unit is first truncated to its low byte, as Node does.
   */
  static byte[] decodeHex(String hex) {
    int pairs = hex.length() / 2;
    byte[] out = new byte[pairs];
    int n = 0;
    for (; n < pairs; n++) {
      int hi = hexValue(hex.charAt(2 * n));
      int lo = hexValue(hex.charAt(2 * n + 1));
      if (hi < 0 || lo < 0) {
        break;
      }
      out[n] = (byte) (hi << 4 | lo);
    }
    return Arrays.copyOf(out, n);
  }

  private static int hexValue(char c) {
    char b = (char) (c & 0xFF);
    if (b >= '0' && b <= '9') {
      return b - '0';
    } else if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    } else if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }

  /**
   * Node's {@code Buffer.from(text, 'base64')}: both alphabets, other characters skipped, stops at
   * the first {@code =}; each UTF-16 unit is first truncated to its low byte, as Node does.
   */
  static byte[] decodeBase64(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 3 / 4 + 1);
    int acc = 0;
    int count = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c & 0xFF) == '=') {
        break;
      }
      int v = base64Value(c);
      if (v < 0) {
        continue;
      }
      acc = (acc << 6) | v;
      count++;
      if (count == 4) {
        out.write(acc >> 16);
        out.write(acc >> 8);
        out.write(acc);
        acc = 0;
        count = 0;
      }
    }
    if (count == 2) {
      out.write(acc >> 4);
    } else if (count == 3) {
      out.write(acc >> 10);
      out.write(acc >> 2);
    }
    return out.toByteArray();
  }

  private static int base64Value(char wide) {
    char c = (char) (wide & 0xFF);
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    } else if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    } else if (c == '+' || c == '-') {
      return 62;
    } else if (c == '/' || c == '_') {
      return 63;
    }
    return -1;
  }
}
