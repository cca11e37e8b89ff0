package dev.quoll.core.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The WHATWG URL Standard's basic URL parser and serializer, as far as npm-package-arg and
 * hosted-git-info observe it through node's {@code new URL(input[, base])}: scheme, userinfo, host
 * (domain, IPv4, IPv6, opaque), port, path (with dot segments and the file-scheme Windows drive
 * letter quirks), query and fragment, and the {@code href}, {@code protocol}, {@code hostname},
 * {@code host}, {@code pathname} and {@code hash} getters.
 *
 * <p>Contract: {@link #parse} fails (empty) exactly where {@code new URL} throws ERR_INVALID_URL,
 * and the getters return what node 20's URL returns, except for internationalized domain names
 * (non-ASCII hosts of special schemes), which go through {@link IDN} (IDNA 2003) instead of UTS #46
 * and may differ. Mutable only inside this class while parsing.
 */
final class WhatwgUrl {
  String scheme = "";
  String username = "";
  String password = "";
  String host; // serialized host, null when the URL has none
  Integer port;
  List<String> path = new ArrayList<>();
  String opaquePath; // non-null when the URL has an opaque path
  String query;
  String fragment;

  WhatwgUrl() {}

  /** {@code new URL(input)}: empty where node throws. */
  static Optional<WhatwgUrl> parse(String input) {
    return parse(input, null);
  }

  /** {@code new URL(input, base)}: empty where node throws. */
  static Optional<WhatwgUrl> parse(String input, WhatwgUrl base) {
    try {
      return Optional.of(new UrlParser(input, base).run());
    } catch (Failure f) {
      return Optional.empty();
    }
  }

  /** The {@code protocol} getter: the scheme and a colon. */
  String protocol() {
    return scheme + ":";
  }

  /** The {@code hostname} getter. */
  String hostname() {
    return host == null ? "" : host;
  }

  /** The {@code host} getter: hostname and port. */
  String hostWithPort() {
    return host == null ? "" : port == null ? host : host + ":" + port;
  }

  /** The {@code pathname} getter. */
  String pathname() {
    if (opaquePath != null) {
      return opaquePath;
    }
    StringBuilder sb = new StringBuilder();
    for (String segment : path) {
      sb.append('/').append(segment);
    }
    return sb.toString();
  }

  /** The {@code hash} getter: empty, or {@code #} and the fragment. */
  String hash() {
    return fragment == null || fragment.isEmpty() ? "" : "#" + fragment;
  }

  /** The {@code href} getter without the fragment (as after {@code url.hash = ''}). */
  String hrefWithoutFragment() {
    StringBuilder sb = new StringBuilder(scheme).append(':');
    if (host != null) {
      sb.append("//");
      if (!username.isEmpty() || !password.isEmpty()) {
        sb.append(username);
        if (!password.isEmpty()) {
          sb.append(':').append(password);
        }
        sb.append('@');
      }
      sb.append(host);
      if (port != null) {
        sb.append(':').append(port);
      }
    } else if (opaquePath == null && path.size() > 1 && path.get(0).isEmpty()) {
      sb.append("/.");
    }
    sb.append(pathname());
    if (query != null) {
      sb.append('?').append(query);
    }
    return sb.toString();
  }

  /** The {@code href} getter. */
  String href() {
    return fragment == null ? hrefWithoutFragment() : hrefWithoutFragment() + "#" + fragment;
  }

  static boolean isSpecial(String scheme) {
    return switch (scheme) {
      case "ftp", "file", "http", "https", "ws", "wss" -> true;
      default -> false;
    };
  }

  static Integer defaultPort(String scheme) {
    return switch (scheme) {
      case "ftp" -> 21;
      case "http", "ws" -> 80;
      case "https", "wss" -> 443;
      default -> null;
    };
  }

  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure() {
      super(null, null, false, false);
    }
  }

  static boolean isDriveLetter(String s) {
    return s.length() == 2 && isAlpha(s.charAt(0)) && (s.charAt(1) == ':' || s.charAt(1) == '|');
  }

  static boolean isNormalizedDriveLetter(String s) {
    return isDriveLetter(s) && s.charAt(1) == ':';
  }

  static boolean isSingleDot(String s) {
    return s.equals(".") || s.equalsIgnoreCase("%2e");
  }

  static boolean isDoubleDot(String s) {
    return switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case "..", ".%2e", "%2e.", "%2e%2e" -> true;
      default -> false;
    };
  }

  static boolean isAlpha(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }
}
