package dev.quoll.core.url;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A URL parsed by the WHATWG URL Standard's basic URL parser, as node's {@code new URL(input[,
 * base])} parses it — Quoll's one URL parser, used by npm-package-arg ({@code
 * dev.quoll.core.spec}), hosted-git-info ({@code dev.quoll.core.hostedgit}) and package.json
 * normalisation ({@code dev.quoll.core.manifest}): scheme, userinfo, host (domain, IPv4, IPv6,
 * opaque), port, path (with dot segments and the file-scheme Windows drive letter quirks), query
 * and fragment, and node's getters ({@code href}, {@code protocol}, {@code username}, {@code
 * password}, {@code hostname}, {@code host}, {@code port}, {@code pathname}, {@code search}, {@code
 * hash}).
 *
 * <p>Contract: {@link #parse} fails (empty) exactly where {@code new URL} throws ERR_INVALID_URL,
 * and the getters return what node 20's URL returns, except for internationalized domain names
 * (non-ASCII hosts of special schemes), which go through {@link java.net.IDN} (IDNA 2003) instead
 * of UTS #46 and may differ. Immutable once returned (the fields are written only by this package's
 * parser while it runs).
 */
public final class WhatwgUrl {
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

  /**
   * {@code new URL(input)}.
   *
   * @param input any text (leading/trailing C0 controls and spaces, tabs and newlines are ignored)
   * @return the URL, or empty where node throws ERR_INVALID_URL (never throws)
   */
  public static Optional<WhatwgUrl> parse(String input) {
    return parse(input, null);
  }

  /**
   * {@code new URL(input, base)}: {@code input} resolved against {@code base}.
   *
   * @param input any text, absolute or relative
   * @param base the base URL, or null for none (as {@link #parse(String)})
   * @return the URL, or empty where node throws ERR_INVALID_URL (never throws)
   */
  public static Optional<WhatwgUrl> parse(String input, WhatwgUrl base) {
    try {
      return Optional.of(new UrlParser(input, base).run());
    } catch (Failure f) {
      return Optional.empty();
    }
  }

  /** {@code URL.canParse(input)}: whether {@link #parse(String)} succeeds. */
  public static boolean canParse(String input) {
    return parse(input).isPresent();
  }

  /** The {@code protocol} getter: the scheme, lower-cased, and a colon ({@code "git+ssh:"}). */
  public String protocol() {
    return scheme + ":";
  }

  /** The {@code username} getter: the percent-encoded user name, or empty. */
  public String username() {
    return username;
  }

  /** The {@code password} getter: the percent-encoded password, or empty. */
  public String password() {
    return password;
  }

  /** The {@code hostname} getter: the serialized host, or empty when the URL has none. */
  public String hostname() {
    return host == null ? "" : host;
  }

  /** The {@code host} getter: hostname and, when not the scheme's default, {@code :port}. */
  public String host() {
    return host == null ? "" : port == null ? host : host + ":" + port;
  }

  /** The {@code port} getter: the port in decimal, or empty for none or the scheme default. */
  public String port() {
    return port == null ? "" : port.toString();
  }

  /** The {@code search} getter: empty, or {@code ?} and the percent-encoded query. */
  public String search() {
    return query == null || query.isEmpty() ? "" : "?" + query;
  }

  /** The {@code pathname} getter: the opaque path, or {@code /}-joined percent-encoded segments. */
  public String pathname() {
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
  public String hash() {
    return fragment == null || fragment.isEmpty() ? "" : "#" + fragment;
  }

  /** The {@code href} getter without the fragment (as after {@code url.hash = ''}). */
  public String hrefWithoutFragment() {
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

  /** The {@code href} getter: the whole serialized URL. */
  public String href() {
    return fragment == null ? hrefWithoutFragment() : hrefWithoutFragment() + "#" + fragment;
  }

  /** The {@code href}. */
  @Override
  public String toString() {
    return href();
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
