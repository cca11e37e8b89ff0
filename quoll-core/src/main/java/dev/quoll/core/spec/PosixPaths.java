package dev.quoll.core.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * node's {@code path.posix.resolve} and {@code path.posix.relative} on strings, as npm-package-arg
 * uses them on POSIX systems: segments joined right to left until one is absolute (else the working
 * directory is prepended), {@code .} and empty segments dropped, {@code ..} popping (never above
 * the root), no trailing slash.
 */
final class PosixPaths {
  private PosixPaths() {}

  /** {@code path.resolve(...paths)} against {@code cwd} (an absolute path). */
  static String resolve(String cwd, String... paths) {
    List<String> segments = new ArrayList<>();
    StringBuilder joined = new StringBuilder();
    boolean absolute = false;
    for (int i = paths.length - 1; i >= -1 && !absolute; i--) {
      String p = i >= 0 ? paths[i] : cwd;
      if (p.isEmpty()) {
        continue;
      }
      joined.insert(0, p + "/");
      absolute = p.charAt(0) == '/';
    }
    for (String s : joined.toString().split("/", -1)) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        if (!segments.isEmpty()) {
          segments.removeLast();
        }
      } else {
        segments.add(s);
      }
    }
    return "/" + String.join("/", segments);
  }

  /** Whether {@code path.isAbsolute(p)}. */
  static boolean isAbsolute(String p) {
    return p.startsWith("/");
  }

  /** {@code path.relative(from, to)}: both resolved against {@code cwd} first. */
  static String relative(String cwd, String from, String to) {
    if (from.equals(to)) {
      return "";
    }
    from = resolve(cwd, from);
    to = resolve(cwd, to);
    if (from.equals(to)) {
      return "";
    }
    int fromStart = 1;
    int fromEnd = from.length();
    int fromLen = fromEnd - fromStart;
    int toStart = 1;
    int toLen = to.length() - toStart;
    int length = Math.min(fromLen, toLen);
    int lastCommonSep = -1;
    int i = 0;
    for (; i < length; i++) {
      char fromCode = from.charAt(fromStart + i);
      if (fromCode != to.charAt(toStart + i)) {
        break;
      } else if (fromCode == '/') {
        lastCommonSep = i;
      }
    }
    if (i == length) {
      if (toLen > length) {
        if (to.charAt(toStart + i) == '/') {
          return to.substring(toStart + i + 1);
        }
        if (i == 0) {
          return to.substring(toStart + i);
        }
      } else if (fromLen > length) {
        if (from.charAt(fromStart + i) == '/') {
          lastCommonSep = i;
        } else if (i == 0) {
          lastCommonSep = 0;
        }
      }
    }
    StringBuilder out = new StringBuilder();
    for (i = fromStart + lastCommonSep + 1; i <= fromEnd; ++i) {
      if (i == fromEnd || from.charAt(i) == '/') {
        out.append(out.isEmpty() ? ".." : "/..");
      }
    }
    return out + to.substring(toStart + lastCommonSep);
  }
}
