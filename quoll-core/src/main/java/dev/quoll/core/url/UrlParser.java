package dev.quoll.core.url;

import java.util.ArrayList;
import java.util.List;

/**
 * The URL Standard's basic URL parser state machine (without state overrides), producing a {@link
 * WhatwgUrl}. Input is first stripped of leading and trailing C0 controls and spaces and of every
 * tab and newline; lone surrogates become U+FFFD. Failure is {@link WhatwgUrl.Failure}, where
 * node's {@code new URL} throws ERR_INVALID_URL.
 */
final class UrlParser {
  private static final int EOF = -1;

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

  private final int[] in;
  private final WhatwgUrl base;
  private final WhatwgUrl url = new WhatwgUrl();
  private State state = State.SCHEME_START;
  private final StringBuilder buffer = new StringBuilder();
  private boolean atSignSeen;
  private boolean insideBrackets;
  private boolean passwordTokenSeen;
  private int pointer;

  UrlParser(String input, WhatwgUrl base) {
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
    return WhatwgUrl.isSpecial(url.scheme);
  }

  WhatwgUrl run() throws WhatwgUrl.Failure {
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
  private void step(int c) throws WhatwgUrl.Failure {
    switch (state) {
      case SCHEME_START -> {
        if (WhatwgUrl.isAlpha(c)) {
          buffer.appendCodePoint(Character.toLowerCase(c));
          state = State.SCHEME;
        } else {
          state = State.NO_SCHEME;
          pointer--;
        }
      }
      case SCHEME -> {
        if (WhatwgUrl.isAlpha(c) || WhatwgUrl.isDigit(c) || c == '+' || c == '-' || c == '.') {
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
          throw new WhatwgUrl.Failure();
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
                && WhatwgUrl.isNormalizedDriveLetter(base.path.get(0))) {
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
          url.opaquePath += UrlHosts.encode(c, UrlHosts.Sets.C0);
        }
      }
      case QUERY -> {
        if (c == '#' || c == EOF) {
          UrlHosts.Sets set = special() ? UrlHosts.Sets.SPECIAL_QUERY : UrlHosts.Sets.QUERY;
          StringBuilder q = new StringBuilder(url.query);
          buffer.codePoints().forEach(cp -> q.append(UrlHosts.encode(cp, set)));
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
          url.fragment += UrlHosts.encode(c, UrlHosts.Sets.FRAGMENT);
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

  private void authority(int c) throws WhatwgUrl.Failure {
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
        (passwordTokenSeen ? pass : user).append(UrlHosts.encode(cp, UrlHosts.Sets.USERINFO));
      }
      url.username = user.toString();
      url.password = pass.toString();
      buffer.setLength(0);
    } else if (c == EOF || c == '/' || c == '?' || c == '#' || (special() && c == '\\')) {
      if (atSignSeen && buffer.isEmpty()) {
        throw new WhatwgUrl.Failure();
      }
      pointer -= (int) buffer.codePoints().count() + 1;
      buffer.setLength(0);
      state = State.HOST;
    } else {
      buffer.appendCodePoint(c);
    }
  }

  private void host(int c) throws WhatwgUrl.Failure {
    if (c == ':' && !insideBrackets) {
      if (buffer.isEmpty()) {
        throw new WhatwgUrl.Failure();
      }
      url.host = UrlHosts.parse(buffer.toString(), !special());
      buffer.setLength(0);
      state = State.PORT;
    } else if (c == EOF || c == '/' || c == '?' || c == '#' || (special() && c == '\\')) {
      pointer--;
      if (special() && buffer.isEmpty()) {
        throw new WhatwgUrl.Failure();
      }
      url.host = UrlHosts.parse(buffer.toString(), !special());
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

  private void port(int c) throws WhatwgUrl.Failure {
    if (WhatwgUrl.isDigit(c)) {
      buffer.appendCodePoint(c);
    } else if (c == EOF || c == '/' || c == '?' || c == '#' || (special() && c == '\\')) {
      if (!buffer.isEmpty()) {
        String digits = buffer.toString().replaceFirst("^0+(?=.)", "");
        if (digits.length() > 5 || Integer.parseInt(digits) > 65535) {
          throw new WhatwgUrl.Failure();
        }
        int p = Integer.parseInt(digits);
        Integer def = WhatwgUrl.defaultPort(url.scheme);
        url.port = def != null && def == p ? null : p;
        buffer.setLength(0);
      }
      state = State.PATH_START;
      pointer--;
    } else {
      throw new WhatwgUrl.Failure();
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

  private void fileHost(int c) throws WhatwgUrl.Failure {
    if (c == EOF || c == '/' || c == '\\' || c == '?' || c == '#') {
      pointer--;
      if (WhatwgUrl.isDriveLetter(buffer.toString())) {
        state = State.PATH;
      } else if (buffer.isEmpty()) {
        url.host = "";
        state = State.PATH_START;
      } else {
        String h = UrlHosts.parse(buffer.toString(), false);
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
      if (WhatwgUrl.isDoubleDot(b)) {
        boolean popped = !url.path.isEmpty();
        shorten();
        // node 20 (ada) leaves the path of a non-special URL empty when a final ".." had nothing
        // to remove ("x:/..?q" has pathname ""), where the standard appends an empty segment.
        if (!slash && (special() || popped)) {
          url.path.add("");
        }
      } else if (WhatwgUrl.isSingleDot(b) && !slash) {
        url.path.add("");
      } else if (!WhatwgUrl.isSingleDot(b)) {
        if (url.scheme.equals("file") && url.path.isEmpty() && WhatwgUrl.isDriveLetter(b)) {
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
      buffer.append(UrlHosts.encode(c, UrlHosts.Sets.PATH));
    }
  }

  private void shorten() {
    if (url.scheme.equals("file")
        && url.path.size() == 1
        && WhatwgUrl.isNormalizedDriveLetter(url.path.get(0))) {
      return;
    }
    if (!url.path.isEmpty()) {
      url.path.remove(url.path.size() - 1);
    }
  }

  private boolean startsWithDriveLetter(int from) {
    int len = in.length - from;
    if (len < 2 || !WhatwgUrl.isAlpha(at(from)) || (at(from + 1) != ':' && at(from + 1) != '|')) {
      return false;
    }
    int third = at(from + 2);
    return len == 2 || third == '/' || third == '\\' || third == '?' || third == '#';
  }
}
