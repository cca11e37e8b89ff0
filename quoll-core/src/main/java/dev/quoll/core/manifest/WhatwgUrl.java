package dev.quoll.core.manifest;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parts of a WHATWG URL ({@code new URL(text)} in node) that hosted-git-info and
 * normalize-package-data look at, for absolute URLs only.
 *
 * <p>Contract: {@link #parse} succeeds exactly when node's {@code URL.canParse(text)} does for the
 * URLs found in package.json files (schemes, special-scheme hosts, userinfo, ports, paths, opaque
 * paths, fragments) and yields the same {@code protocol}, {@code username}, {@code password},
 * {@code hostname}, {@code pathname} and {@code hash}. Known differences: internationalised domain
 * names go through Java's IDNA 2003 conversion per label rather than UTS 46; IPv6 hosts are only
 * checked, not compressed; the Windows drive-letter quirks of {@code file:} URLs and {@code ..}
 * right after a host-less non-special scheme ({@code x:/..}) are not reproduced.
 *
 * @param protocol the scheme, lower-cased, with its colon ({@code "git+ssh:"})
 * @param username the percent-encoded user name, or empty
 * @param password the percent-encoded password, or empty
 * @param hostname the host (lower-cased for special schemes), or empty
 * @param pathname the percent-encoded path
 * @param hash {@code "#"} and the percent-encoded fragment, or empty
 */
record WhatwgUrl(
    String protocol,
    String username,
    String password,
    String hostname,
    String pathname,
    String hash) {
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.\\-]*:");
  private static final Set<String> SPECIAL = Set.of("http", "https", "ws", "wss", "ftp", "file");
  private static final String USERINFO_SET = " \"#<>?`{}/:;=@[\\]^|";
  private static final String PATH_SET = " \"#<>?`{}";
  private static final String FRAGMENT_SET = " \"<>`";
  private static final String FORBIDDEN_HOST = "\u0000\t\n\r #/:<>?@[\\]^|";

  /**
   * Parses an absolute URL.
   *
   * @param input the URL text
   * @return its parts, or empty where {@code new URL(input)} throws
   */
  static Optional<WhatwgUrl> parse(String input) {
    String s = stripControls(input);
    var m = SCHEME.matcher(s);
    if (!m.find()) {
      return Optional.empty();
    }
    String scheme = m.group().substring(0, m.end() - 1).toLowerCase(Locale.ROOT);
    String rest = s.substring(m.end());
    String fragment = null;
    int hashAt = rest.indexOf('#');
    if (hashAt >= 0) {
      fragment = rest.substring(hashAt + 1);
      rest = rest.substring(0, hashAt);
    }
    int queryAt = rest.indexOf('?');
    if (queryAt >= 0) {
      rest = rest.substring(0, queryAt);
    }
    boolean special = SPECIAL.contains(scheme);
    String authority = null;
    if (special) {
      rest = rest.replace('\\', '/');
      int i = 0;
      while (i < rest.length() && rest.charAt(i) == '/') {
        i++;
      }
      if (scheme.equals("file")) {
        authority = "";
        if (!rest.startsWith("/")) {
          rest = "/" + rest;
        } else if (rest.startsWith("//")) {
          rest = rest.substring(2);
          int slash = rest.indexOf('/');
          authority = slash < 0 ? rest : rest.substring(0, slash);
          rest = slash < 0 ? "" : rest.substring(slash);
        }
      } else {
        rest = rest.substring(i);
        int slash = rest.indexOf('/');
        authority = slash < 0 ? rest : rest.substring(0, slash);
        rest = slash < 0 ? "" : rest.substring(slash);
      }
    } else if (rest.startsWith("//")) {
      rest = rest.substring(2);
      int slash = rest.indexOf('/');
      authority = slash < 0 ? rest : rest.substring(0, slash);
      rest = slash < 0 ? "" : rest.substring(slash);
    }
    String username = "";
    String password = "";
    String hostname = "";
    if (authority != null) {
      int at = authority.lastIndexOf('@');
      if (scheme.equals("file") && (at >= 0 || authority.contains(":"))) {
        return Optional.empty();
      }
      if (at >= 0) {
        String userinfo = authority.substring(0, at);
        int colon = userinfo.indexOf(':');
        username = encode(colon < 0 ? userinfo : userinfo.substring(0, colon), USERINFO_SET);
        password = colon < 0 ? "" : encode(userinfo.substring(colon + 1), USERINFO_SET);
        authority = authority.substring(at + 1);
        if (authority.isEmpty()) {
          return Optional.empty();
        }
      }
      if (authority.startsWith(":")) {
        return Optional.empty();
      }
      Optional<String> host = host(authority, special, scheme.equals("file"));
      if (host.isEmpty()) {
        return Optional.empty();
      }
      hostname = host.get();
    }
    String pathname;
    if (authority == null && !rest.startsWith("/")) {
      pathname = encode(rest, "");
    } else {
      pathname = path(rest);
      if (pathname.isEmpty() && special) {
        pathname = "/";
      }
    }
    String hash =
        fragment == null || fragment.isEmpty() ? "" : "#" + encode(fragment, FRAGMENT_SET);
    return Optional.of(new WhatwgUrl(scheme + ":", username, password, hostname, pathname, hash));
  }

  /** {@code URL.canParse(input)}. */
  static boolean canParse(String input) {
    return parse(input).isPresent();
  }

  private static String stripControls(String input) {
    int start = 0;
    int end = input.length();
    while (start < end && input.charAt(start) <= ' ') {
      start++;
    }
    while (end > start && input.charAt(end - 1) <= ' ') {
      end--;
    }
    StringBuilder b = new StringBuilder();
    for (int i = start; i < end; i++) {
      char c = input.charAt(i);
      if (c != '\t' && c != '\n' && c != '\r') {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static Optional<String> host(String hostPort, boolean special, boolean file) {
    String host = hostPort;
    String port = null;
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      if (close < 0) {
        return Optional.empty();
      }
      String after = host.substring(close + 1);
      if (!after.isEmpty() && !after.startsWith(":")) {
        return Optional.empty();
      }
      port = after.isEmpty() ? null : after.substring(1);
      host = host.substring(0, close + 1).toLowerCase(Locale.ROOT);
      if (!host.substring(1, host.length() - 1).matches("[0-9a-f:.]+")) {
        return Optional.empty();
      }
    } else {
      int colon = host.indexOf(':');
      if (colon >= 0) {
        port = host.substring(colon + 1);
        host = host.substring(0, colon);
      }
      if (special) {
        if (host.isEmpty() && file) {
          return Optional.of("");
        }
        Optional<String> domain = domain(host);
        if (domain.isEmpty() || (file && domain.get().equals("localhost"))) {
          return file ? domain.map(d -> "") : domain;
        }
        host = domain.get();
      } else {
        for (char c : host.toCharArray()) {
          if (FORBIDDEN_HOST.indexOf(c) >= 0) {
            return Optional.empty();
          }
        }
        host = encode(host, "");
      }
    }
    if (port != null && !port.isEmpty()) {
      String digits = port.replaceFirst("^0+", "");
      if (!port.chars().allMatch(c -> c >= '0' && c <= '9')
          || digits.length() > 5
          || (!digits.isEmpty() && Integer.parseInt(digits) > 65535)) {
        return Optional.empty();
      }
    }
    return Optional.of(host);
  }

  /** The WHATWG domain-to-ASCII and IPv4 steps for a special scheme's host; empty on failure. */
  private static Optional<String> domain(String raw) {
    String host = decode(raw).toLowerCase(Locale.ROOT);
    if (host.isEmpty()) {
      return Optional.empty();
    }
    if (!host.chars().allMatch(c -> c < 0x80)) {
      String[] labels = host.split("\\.", -1);
      for (int i = 0; i < labels.length; i++) {
        if (!labels[i].chars().allMatch(c -> c < 0x80)) {
          try {
            labels[i] = IDN.toASCII(labels[i], IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
          } catch (IllegalArgumentException e) {
            return Optional.empty();
          }
        }
      }
      host = String.join(".", labels);
    }
    for (char c : host.toCharArray()) {
      if (c < ' ' || c == 0x7f || c == '%' || FORBIDDEN_HOST.indexOf(c) >= 0) {
        return Optional.empty();
      }
    }
    List<String> parts = new ArrayList<>(List.of(host.split("\\.", -1)));
    if (parts.size() > 1 && parts.getLast().isEmpty()) {
      parts.removeLast();
    }
    String last = parts.getLast();
    boolean endsInNumber =
        !last.isEmpty() && (last.chars().allMatch(Character::isDigit) || ipv4Number(last) >= 0);
    return endsInNumber ? ipv4(parts) : Optional.of(host);
  }

  /** The WHATWG IPv4 parser: dotted, decimal, octal or hex parts, the last filling the rest. */
  private static Optional<String> ipv4(List<String> parts) {
    if (parts.size() > 4) {
      return Optional.empty();
    }
    long[] numbers = new long[parts.size()];
    for (int i = 0; i < parts.size(); i++) {
      numbers[i] = ipv4Number(parts.get(i));
      if (numbers[i] < 0 || (i < parts.size() - 1 && numbers[i] > 255)) {
        return Optional.empty();
      }
    }
    int n = numbers.length;
    if (numbers[n - 1] >= 1L << (8 * (5 - n))) {
      return Optional.empty();
    }
    long address = numbers[n - 1];
    for (int i = 0; i < n - 1; i++) {
      address += numbers[i] << (8 * (3 - i));
    }
    return Optional.of(
        (address >> 24)
            + "."
            + ((address >> 16) & 255)
            + "."
            + ((address >> 8) & 255)
            + "."
            + (address & 255));
  }

  /** One IPv4 part as a number, or -1 when it is not one (or is absurdly large). */
  private static long ipv4Number(String part) {
    if (part.isEmpty()) {
      return -1;
    }
    boolean hex = part.startsWith("0x") || part.startsWith("0X");
    boolean octal = !hex && part.length() > 1 && part.startsWith("0");
    int radix = hex ? 16 : octal ? 8 : 10;
    String digits = hex ? part.substring(2) : octal ? part.substring(1) : part;
    if (digits.isEmpty()) {
      return 0;
    }
    try {
      long v = Long.parseLong(digits, radix);
      return v > 0xFFFFFFFFL ? Long.MAX_VALUE / 2 : v;
    } catch (NumberFormatException e) {
      return digits.length() > 15 && digits.chars().allMatch(c -> Character.digit(c, radix) >= 0)
          ? Long.MAX_VALUE / 2
          : -1;
    }
  }

  private static String path(String rest) {
    List<String> out = new ArrayList<>();
    String[] segs = rest.split("/", -1);
    for (int i = 1; i < segs.length; i++) {
      String seg = segs[i];
      String lower = seg.toLowerCase(Locale.ROOT);
      boolean last = i == segs.length - 1;
      if (lower.equals("..")
          || lower.equals(".%2e")
          || lower.equals("%2e.")
          || lower.equals("%2e%2e")) {
        if (!out.isEmpty()) {
          out.removeLast();
        }
        if (last) {
          out.add("");
        }
      } else if (lower.equals(".") || lower.equals("%2e")) {
        if (last) {
          out.add("");
        }
      } else {
        out.add(encode(seg, PATH_SET));
      }
    }
    return out.isEmpty() ? "" : "/" + String.join("/", out);
  }

  private static String encode(String s, String set) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < ' ' || c > '~' || set.indexOf(c) >= 0) {
        int cp = s.codePointAt(i);
        if (Character.isSupplementaryCodePoint(cp)) {
          i++;
        }
        for (byte x : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
          b.append('%').append(String.format("%02X", x & 0xff));
        }
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    var bytes = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
        bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        byte[] enc = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(enc, 0, enc.length);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
