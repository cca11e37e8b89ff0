package dev.quoll.core.url;

import java.net.IDN;
import java.nio.charset.StandardCharsets;

/** Host parsing (URL Standard section 3.5) for domains, IPv4, IPv6 and opaque hosts. */
final class UrlHosts {
  private static final String FORBIDDEN_HOST = "\u0000\t\n\r #/:<>?@[\\]^|";

  private UrlHosts() {}

  /** Percent-encode sets of the URL Standard. */
  enum Sets {
    C0(""),
    FRAGMENT(" \"<>`"),
    QUERY(" \"#<>"),
    SPECIAL_QUERY(" \"#<>'"),
    PATH(" \"#<>?`{}"),
    USERINFO(" \"#<>?`{}/:;=@[\\]^|");

    private final String extra;

    Sets(String extra) {
      this.extra = extra;
    }

    boolean contains(int c) {
      return c < 0x20 || c > 0x7E || extra.indexOf(c) >= 0;
    }
  }

  static String encode(int cp, Sets set) {
    if (!set.contains(cp)) {
      return new String(Character.toChars(cp));
    }
    StringBuilder sb = new StringBuilder();
    for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
      sb.append('%').append(String.format("%02X", b & 0xFF));
    }
    return sb.toString();
  }

  static String parse(String input, boolean opaque) throws WhatwgUrl.Failure {
    if (input.startsWith("[")) {
      if (!input.endsWith("]")) {
        throw new WhatwgUrl.Failure();
      }
      return "[" + Ipv6.serialize(Ipv6.parse(input.substring(1, input.length() - 1))) + "]";
    }
    if (opaque) {
      StringBuilder sb = new StringBuilder();
      for (int cp : input.codePoints().toArray()) {
        if (cp < 0x80 && FORBIDDEN_HOST.indexOf(cp) >= 0) {
          throw new WhatwgUrl.Failure();
        }
        sb.append(encode(cp, Sets.C0));
      }
      return sb.toString();
    }
    String domain = percentDecode(input);
    String ascii = toAscii(domain);
    for (int i = 0; i < ascii.length(); i++) {
      char c = ascii.charAt(i);
      if (c <= 0x1F || c == '%' || c == 0x7F || FORBIDDEN_HOST.indexOf(c) >= 0) {
        throw new WhatwgUrl.Failure();
      }
    }
    if (Ipv4.endsInNumber(ascii)) {
      return Ipv4.parse(ascii);
    }
    return ascii;
  }

  private static String toAscii(String domain) throws WhatwgUrl.Failure {
    // Label by label, so that empty labels ("a..b", ".x") survive as UTS #46 keeps them.
    String[] labels = domain.split("\\.", -1);
    for (int i = 0; i < labels.length; i++) {
      if (labels[i].chars().allMatch(c -> c < 0x80)) {
        labels[i] = labels[i].toLowerCase(java.util.Locale.ROOT);
      } else {
        try {
          labels[i] =
              IDN.toASCII(labels[i], IDN.ALLOW_UNASSIGNED).toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
          throw new WhatwgUrl.Failure();
        }
      }
    }
    String out = String.join(".", labels);
    if (out.isEmpty()) {
      throw new WhatwgUrl.Failure();
    }
    return out;
  }

  private static String percentDecode(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '%'
          && i + 2 < bytes.length
          && Character.digit(bytes[i + 1], 16) >= 0
          && Character.digit(bytes[i + 2], 16) >= 0) {
        out.write(Character.digit(bytes[i + 1], 16) * 16 + Character.digit(bytes[i + 2], 16));
        i += 2;
      } else {
        out.write(bytes[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
