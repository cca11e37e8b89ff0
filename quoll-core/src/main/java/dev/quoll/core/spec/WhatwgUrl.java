package dev.quoll.core.spec;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
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
  private static final int EOF = -1;

  String scheme = "";
  String username = "";
  String password = "";
  String host; // serialized host, null when the URL has none
  Integer port;
  List<String> path = new ArrayList<>();
  String opaquePath; // non-null when the URL has an opaque path
  String query;
  String fragment;

  private WhatwgUrl() {}

  /** {@code new URL(input)}: empty where node throws. */
  static Optional<WhatwgUrl> parse(String input) {
    return parse(input, null);
  }

  /** {@code new URL(input, base)}: empty where node throws. */
  static Optional<WhatwgUrl> parse(String input, WhatwgUrl base) {
    try {
      return Optional.of(new Parser(input, base).run());
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

  private static Integer defaultPort(String scheme) {
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

  private enum State {
    SCHEME_START,
    SCHEME,
    NO_SCHEME,
    SPECIAL_RELATIVE_OR_AUTHORITY,
    PATH_OR_AUTHORITY,
    RELATIVE,
    RELATIVE_SLASH,
    SPECIAL_AUTHORITY_SLASHES,
    SPECIAL_AUTHORITY_IGNORE_SLASHES,
    AUTHORITY,
    HOST,
    PORT,
    FILE,
    FILE_SLASH,
    FILE_HOST,
    PATH_START,
    PATH,
    OPAQUE_PATH,
    QUERY,
    FRAGMENT
  }

  private static final class Parser {
    private final int[] in;
    private final WhatwgUrl base;
    private final WhatwgUrl url = new WhatwgUrl();
    private State state = State.SCHEME_START;
    private final StringBuilder buffer = new StringBuilder();
    private boolean atSignSeen;
    private boolean insideBrackets;
    private boolean passwordTokenSeen;
    private int pointer;

    Parser(String input, WhatwgUrl base) {
      this.base = base;
      int start = 0;
      int end = input.length();
      while (start < end && input.charAt(start) <= 0x20) {
        start++;
      }
      while (end > start && input.charAt(end - 1) <= 0x20) {
        end--;
      }
      String trimmed = input.substring(start, end);
      List<Integer> cps = new ArrayList<>();
      for (int i = 0; i < trimmed.length(); ) {
        int cp = trimmed.codePointAt(i);
        i += Character.charCount(cp);
        if (cp == '\t' || cp == '\n' || cp == '\r') {
          continue;
        }
        cps.add(Character.isSurrogate((char) cp) && cp <= 0xFFFF ? 0xFFFD : cp);
      }
      this.in = cps.stream().mapToInt(Integer::intValue).toArray();
    }

    private int at(int i) {
      return i >= 0 && i < in.length ? in[i] : EOF;
    }

    private boolean special() {
      return isSpecial(url.scheme);
    }

    WhatwgUrl run() throws Failure {
      for (pointer = 0; ; pointer++) {
        int c = at(pointer);
        step(c);
        if (c == EOF && pointer >= in.length) {
          break;
        }
      }
      return url;
    }

    // The loop above re-enters step() with EOF until the state machine stops moving the pointer
    // back; each state either consumes EOF or decrements the pointer to re-dispatch it.
    private void step(int c) throws Failure {
      switch (state) {
        case SCHEME_START -> {
          if (isAlpha(c)) {
            buffer.appendCodePoint(Character.toLowerCase(c));
            state = State.SCHEME;
          } else {
            state = State.NO_SCHEME;
            pointer--;
          }
        }
        case SCHEME -> {
          if (isAlpha(c) || isDigit(c) || c == '+' || c == '-' || c == '.') {
            buffer.appendCodePoint(Character.toLowerCase(c));
          } else if (c == ':') {
            url.scheme = buffer.toString();
            buffer.setLength(0);
            if (url.scheme.equals("file")) {
              state = State.FILE;
            } else if (special() && base != null && base.scheme.equals(url.scheme)) {
              state = State.SPECIAL_RELATIVE_OR_AUTHORITY;
            } else if (special()) {
              state = State.SPECIAL_AUTHORITY_SLASHES;
            } else if (at(pointer + 1) == '/') {
              state = State.PATH_OR_AUTHORITY;
              pointer++;
            } else {
              url.opaquePath = "";
              state = State.OPAQUE_PATH;
            }
          } else {
            buffer.setLength(0);
            state = State.NO_SCHEME;
            pointer = -1;
          }
        }
        case NO_SCHEME -> {
          if (base == null || (base.opaquePath != null && c != '#')) {
            throw new Failure();
          } else if (base.opaquePath != null) {
            url.scheme = base.scheme;
            url.opaquePath = base.opaquePath;
            url.query = base.query;
            url.fragment = "";
            state = State.FRAGMENT;
          } else if (!base.scheme.equals("file")) {
            state = State.RELATIVE;
            pointer--;
          } else {
            state = State.FILE;
            pointer--;
          }
        }
        case SPECIAL_RELATIVE_OR_AUTHORITY -> {
          if (c == '/' && at(pointer + 1) == '/') {
            state = State.SPECIAL_AUTHORITY_IGNORE_SLASHES;
            pointer++;
          } else {
            state = State.RELATIVE;
            pointer--;
          }
        }
        case PATH_OR_AUTHORITY -> {
          if (c == '/') {
            state = State.AUTHORITY;
          } else {
            state = State.PATH;
            pointer--;
          }
        }
        case RELATIVE -> relative(c);
        case RELATIVE_SLASH -> {
          if (special() && (c == '/' || c == '\\')) {
            state = State.SPECIAL_AUTHORITY_IGNORE_SLASHES;
          } else if (c == '/') {
            state = State.AUTHORITY;
          } else {
            url.username = base.username;
            url.password = base.password;
            url.host = base.host;
            url.port = base.port;
            state = State.PATH;
            pointer--;
          }
        }
        case SPECIAL_AUTHORITY_SLASHES -> {
          if (c == '/' && at(pointer + 1) == '/') {
            pointer++;
          } else {
            pointer--;
          }
          state = State.SPECIAL_AUTHORITY_IGNORE_SLASHES;
        }
        case SPECIAL_AUTHORITY_IGNORE_SLASHES -> {
          if (c != '/' && c != '\\') {
            state = State.AUTHORITY;
            pointer--;
          }
        }
        case AUTHORITY -> authority(c);
        case HOST -> host(c);
        case PORT -> port(c);
        case FILE -> file(c);
        case FILE_SLASH -> {
          if (c == '/' || c == '\\') {
            state = State.FILE_HOST;
          } else {
            if (base != null && base.scheme.equals("file")) {
              url.host = base.host;
              if (!startsWithDriveLetter(pointer)
                  && !base.path.isEmpty()
                  && isNormalizedDriveLetter(base.path.get(0))) {
                url.path.add(base.path.get(0));
              }
            }
            state = State.PATH;
            pointer--;
          }
        }
        case FILE_HOST -> fileHost(c);
        case PATH_START -> {
          if (special()) {
            state = State.PATH;
            if (c != '/' && c != '\\') {
              pointer--;
            }
          } else if (c == '?') {
            url.query = "";
            state = State.QUERY;
          } else if (c == '#') {
            url.fragment = "";
            state = State.FRAGMENT;
          } else if (c != EOF) {
            state = State.PATH;
            if (c != '/') {
              pointer--;
            }
          }
        }
        case PATH -> path(c);
        case OPAQUE_PATH -> {
          if (c == '?') {
            url.query = "";
            state = State.QUERY;
          } else if (c == '#') {
            url.fragment = "";
            state = State.FRAGMENT;
          } else if (c != EOF) {
            url.opaquePath += encode(c, Sets.C0);
          }
        }
        case QUERY -> {
          if (c == '#' || c == EOF) {
            Sets set = special() ? Sets.SPECIAL_QUERY : Sets.QUERY;
            StringBuilder q = new StringBuilder(url.query);
            buffer.codePoints().forEach(cp -> q.append(encode(cp, set)));
            url.query = q.toString();
            buffer.setLength(0);
            if (c == '#') {
              url.fragment = "";
              state = State.FRAGMENT;
            }
          } else {
            buffer.appendCodePoint(c);
          }
        }
        case FRAGMENT -> {
          if (c != EOF) {
            url.fragment += encode(c, Sets.FRAGMENT);
          }
        }
      }
    }

    private void relative(int c) {
      url.scheme = base.scheme;
      if (c == '/' || (special() && c == '\\')) {
        state = State.RELATIVE_SLASH;
        return;
      }
      url.username = base.username;
      url.password = base.password;
      url.host = base.host;
      url.port = base.port;
      url.path = new ArrayList<>(base.path);
      url.query = base.query;
      if (c == '?') {
        url.query = "";
        state = State.QUERY;
      } else if (c == '#') {
        url.fragment = "";
        state = State.FRAGMENT;
      } else if (c != EOF) {
        url.query = null;
        shorten();
        state = State.PATH;
        pointer--;
      }
    }

    private void authority(int c) throws Failure {
      if (c == '@') {
        if (atSignSeen) {
          buffer.insert(0, "%40");
        }
        atSignSeen = true;
        StringBuilder user = new StringBuilder(url.username);
        StringBuilder pass = new StringBuilder(url.password);
        for (int cp : buffer.codePoints().toArray()) {
          if (cp == ':' && !passwordTokenSeen) {
            passwordTokenSeen = true;
            continue;
          }
          (passwordTokenSeen ? pass : user).append(encode(cp, Sets.USERINFO));
        }
        url.username = user.toString();
        url.password = pass.toString();
        buffer.setLength(0);
      } else if (c == EOF || c == '/' || c == '?' || c == '#' || (special() && c == '\\')) {
        if (atSignSeen && buffer.isEmpty()) {
          throw new Failure();
        }
        pointer -= (int) buffer.codePoints().count() + 1;
        buffer.setLength(0);
        state = State.HOST;
      } else {
        buffer.appendCodePoint(c);
      }
    }

    private void host(int c) throws Failure {
      if (c == ':' && !insideBrackets) {
        if (buffer.isEmpty()) {
          throw new Failure();
        }
        url.host = Hosts.parse(buffer.toString(), !special());
        buffer.setLength(0);
        state = State.PORT;
      } else if (c == EOF || c == '/' || c == '?' || c == '#' || (special() && c == '\\')) {
        pointer--;
        if (special() && buffer.isEmpty()) {
          throw new Failure();
        }
        url.host = Hosts.parse(buffer.toString(), !special());
        buffer.setLength(0);
        state = State.PATH_START;
      } else {
        if (c == '[') {
          insideBrackets = true;
        } else if (c == ']') {
          insideBrackets = false;
        }
        buffer.appendCodePoint(c);
      }
    }

    private void port(int c) throws Failure {
      if (isDigit(c)) {
        buffer.appendCodePoint(c);
      } else if (c == EOF || c == '/' || c == '?' || c == '#' || (special() && c == '\\')) {
        if (!buffer.isEmpty()) {
          String digits = buffer.toString().replaceFirst("^0+(?=.)", "");
          if (digits.length() > 5 || Integer.parseInt(digits) > 65535) {
            throw new Failure();
          }
          int p = Integer.parseInt(digits);
          Integer def = defaultPort(url.scheme);
          url.port = def != null && def == p ? null : p;
          buffer.setLength(0);
        }
        state = State.PATH_START;
        pointer--;
      } else {
        throw new Failure();
      }
    }

    private void file(int c) {
      url.scheme = "file";
      url.host = "";
      if (c == '/' || c == '\\') {
        state = State.FILE_SLASH;
      } else if (base != null && base.scheme.equals("file")) {
        url.host = base.host;
        url.path = new ArrayList<>(base.path);
        url.query = base.query;
        if (c == '?') {
          url.query = "";
          state = State.QUERY;
        } else if (c == '#') {
          url.fragment = "";
          state = State.FRAGMENT;
        } else if (c != EOF) {
          url.query = null;
          if (!startsWithDriveLetter(pointer)) {
            shorten();
          } else {
            url.path = new ArrayList<>();
          }
          state = State.PATH;
          pointer--;
        }
      } else {
        state = State.PATH;
        pointer--;
      }
    }

    private void fileHost(int c) throws Failure {
      if (c == EOF || c == '/' || c == '\\' || c == '?' || c == '#') {
        pointer--;
        if (isDriveLetter(buffer.toString())) {
          state = State.PATH;
        } else if (buffer.isEmpty()) {
          url.host = "";
          state = State.PATH_START;
        } else {
          String h = Hosts.parse(buffer.toString(), false);
          url.host = h.equals("localhost") ? "" : h;
          buffer.setLength(0);
          state = State.PATH_START;
        }
      } else {
        buffer.appendCodePoint(c);
      }
    }

    private void path(int c) {
      boolean slash = c == '/' || (special() && c == '\\');
      if (c == EOF || slash || c == '?' || c == '#') {
        String b = buffer.toString();
        if (isDoubleDot(b)) {
          shorten();
          if (!slash) {
            url.path.add("");
          }
        } else if (isSingleDot(b) && !slash) {
          url.path.add("");
        } else if (!isSingleDot(b)) {
          if (url.scheme.equals("file") && url.path.isEmpty() && isDriveLetter(b)) {
            b = b.charAt(0) + ":" + b.substring(2);
          }
          url.path.add(b);
        }
        buffer.setLength(0);
        if (c == '?') {
          url.query = "";
          state = State.QUERY;
        } else if (c == '#') {
          url.fragment = "";
          state = State.FRAGMENT;
        }
      } else {
        buffer.append(encode(c, Sets.PATH));
      }
    }

    private void shorten() {
      if (url.scheme.equals("file")
          && url.path.size() == 1
          && isNormalizedDriveLetter(url.path.get(0))) {
        return;
      }
      if (!url.path.isEmpty()) {
        url.path.remove(url.path.size() - 1);
      }
    }

    private boolean startsWithDriveLetter(int from) {
      int len = in.length - from;
      if (len < 2 || !isAlpha(at(from)) || (at(from + 1) != ':' && at(from + 1) != '|')) {
        return false;
      }
      int third = at(from + 2);
      return len == 2 || third == '/' || third == '\\' || third == '?' || third == '#';
    }
  }

  static boolean isDriveLetter(String s) {
    return s.length() == 2 && isAlpha(s.charAt(0)) && (s.charAt(1) == ':' || s.charAt(1) == '|');
  }

  static boolean isNormalizedDriveLetter(String s) {
    return isDriveLetter(s) && s.charAt(1) == ':';
  }

  private static boolean isSingleDot(String s) {
    return s.equals(".") || s.equalsIgnoreCase("%2e");
  }

  private static boolean isDoubleDot(String s) {
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

  /** Host parsing (URL Standard section 3.5) for domains, IPv4, IPv6 and opaque hosts. */
  static final class Hosts {
    private static final String FORBIDDEN_HOST = "\u0000\t\n\r #/:<>?@[\\]^|";

    private Hosts() {}

    static String parse(String input, boolean opaque) throws Failure {
      if (input.startsWith("[")) {
        if (!input.endsWith("]")) {
          throw new Failure();
        }
        return "[" + Ipv6.serialize(Ipv6.parse(input.substring(1, input.length() - 1))) + "]";
      }
      if (opaque) {
        StringBuilder sb = new StringBuilder();
        for (int cp : input.codePoints().toArray()) {
          if (cp < 0x80 && FORBIDDEN_HOST.indexOf(cp) >= 0) {
            throw new Failure();
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
          throw new Failure();
        }
      }
      if (Ipv4.endsInNumber(ascii)) {
        return Ipv4.parse(ascii);
      }
      return ascii;
    }

    private static String toAscii(String domain) throws Failure {
      boolean ascii = domain.chars().allMatch(c -> c < 0x80);
      String out;
      if (ascii) {
        out = domain.toLowerCase(java.util.Locale.ROOT);
      } else {
        try {
          out = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
          throw new Failure();
        }
      }
      if (out.isEmpty()) {
        throw new Failure();
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
}
