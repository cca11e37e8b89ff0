package dev.quoll.core.path;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * node's {@code path.posix} on strings — Quoll's one port of it, used by npm-package-arg ({@code
 * dev.quoll.core.spec}) and package.json normalisation ({@code dev.quoll.core.manifest}): {@code
 * resolve}, {@code relative}, {@code isAbsolute}, {@code normalize}, {@code join}, {@code
 * basename}, {@code dirname} and {@code extname}. No file-system access; where node would read
 * {@code process.cwd()} the caller passes the working directory.
 *
 * <p>Contract: each method returns what node 20's {@code path.posix} function of the same name
 * returns for the same strings ({@code resolve}: segments joined right to left until one is
 * absolute, {@code .} and empty segments dropped, {@code ..} popping but never above the root, no
 * trailing slash). Never throws.
 */
public final class PosixPath {
  private PosixPath() {}

  /**
   * {@code path.posix.resolve(...paths)} with {@code cwd} as the working directory.
   *
   * @param cwd an absolute path, used when no {@code paths} element is absolute
   * @param paths the paths, resolved right to left; empty ones are skipped
   * @return an absolute, normalised path without a trailing slash (except {@code /} itself)
   */
  public static String resolve(String cwd, String... paths) {
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

  /** {@code path.posix.isAbsolute(p)}: whether {@code p} starts with {@code /}. */
  public static boolean isAbsolute(String p) {
    return p.startsWith("/");
  }

  /**
   * {@code path.posix.relative(from, to)}: both resolved against {@code cwd} first.
   *
   * @return the relative path from {@code from} to {@code to}, empty when they are the same
   */
  public static String relative(String cwd, String from, String to) {
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

  /**
   * {@code path.posix.normalize(p)}: resolves {@code .}/{@code ..}, collapses slashes, keeps a
   * trailing slash; {@code "."} for an empty result of a relative path.
   */
  public static String normalize(String p) {
    if (p.isEmpty()) {
      return ".";
    }
    boolean absolute = p.startsWith("/");
    boolean trailing = p.endsWith("/");
    Deque<String> out = new ArrayDeque<>();
    for (String seg : p.split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (!out.isEmpty() && !out.peekLast().equals("..")) {
          out.removeLast();
        } else if (!absolute) {
          out.addLast("..");
        }
        continue;
      }
      out.addLast(seg);
    }
    String body = String.join("/", out);
    if (body.isEmpty() && !absolute) {
      body = ".";
    }
    if (!body.isEmpty() && trailing) {
      body += "/";
    }
    return absolute ? "/" + body : body;
  }

  /** {@code path.posix.join}: joins the non-empty parts with {@code /} and normalises. */
  public static String join(String... parts) {
    StringBuilder b = new StringBuilder();
    for (String part : parts) {
      if (!part.isEmpty()) {
        if (!b.isEmpty()) {
          b.append('/');
        }
        b.append(part);
      }
    }
    return b.isEmpty() ? "." : normalize(b.toString());
  }

  /**
   * {@code path.posix.basename(p)}: the last segment, ignoring trailing slashes; empty for {@code
   * /} and {@code ""}.
   */
  public static String basename(String p) {
    int start = 0;
    int end = -1;
    for (int i = p.length() - 1; i >= 0; i--) {
      if (p.charAt(i) == '/') {
        if (end != -1) {
          start = i + 1;
          break;
        }
      } else if (end == -1) {
        end = i + 1;
      }
    }
    return end == -1 ? "" : p.substring(start, end);
  }

  /**
   * {@code path.posix.basename(p, suffix)}: the last segment with {@code suffix} removed when it
   * ends the segment and is not all of it (node's quirks included: a suffix equal to the whole path
   * gives {@code ""}).
   */
  public static String basename(String p, String suffix) {
    if (suffix.isEmpty() || suffix.length() > p.length()) {
      return basename(p);
    }
    if (suffix.equals(p)) {
      return "";
    }
    int start = 0;
    int end = -1;
    int extIdx = suffix.length() - 1;
    int firstNonSlashEnd = -1;
    for (int i = p.length() - 1; i >= 0; i--) {
      char c = p.charAt(i);
      if (c == '/') {
        if (firstNonSlashEnd != -1) {
          start = i + 1;
          break;
        }
        continue;
      }
      if (firstNonSlashEnd == -1) {
        firstNonSlashEnd = i + 1;
      }
      if (extIdx >= 0) {
        if (c == suffix.charAt(extIdx)) {
          if (--extIdx == -1) {
            end = i;
          }
        } else {
          extIdx = -1;
          end = firstNonSlashEnd;
        }
      }
    }
    if (start == end) {
      end = firstNonSlashEnd;
    } else if (end == -1) {
      end = p.length();
    }
    return end < start ? "" : p.substring(start, end);
  }

  /**
   * {@code path.posix.dirname(p)}: everything before the last segment, trailing slashes ignored; of
   * repeated slashes before the segment only the last is dropped ({@code a//b} gives {@code a/});
   * {@code "."} without a slash, {@code "/"} at the root ({@code "//"} for {@code //x}).
   */
  public static String dirname(String p) {
    if (p.isEmpty()) {
      return ".";
    }
    boolean hasRoot = p.charAt(0) == '/';
    int end = -1;
    boolean matchedSlash = true;
    for (int i = p.length() - 1; i >= 1; i--) {
      if (p.charAt(i) == '/') {
        if (!matchedSlash) {
          end = i;
          break;
        }
      } else {
        matchedSlash = false;
      }
    }
    if (end == -1) {
      return hasRoot ? "/" : ".";
    }
    if (hasRoot && end == 1) {
      return "//";
    }
    return p.substring(0, end);
  }

  /**
   * {@code path.posix.extname(p)}: the last segment from its last dot, or empty when it has none,
   * starts with its only dot, or is {@code ..}.
   */
  public static String extname(String p) {
    int startDot = -1;
    int startPart = 0;
    int end = -1;
    boolean matchedSlash = true;
    int preDotState = 0;
    for (int i = p.length() - 1; i >= 0; i--) {
      char c = p.charAt(i);
      if (c == '/') {
        if (!matchedSlash) {
          startPart = i + 1;
          break;
        }
        continue;
      }
      if (end == -1) {
        matchedSlash = false;
        end = i + 1;
      }
      if (c == '.') {
        if (startDot == -1) {
          startDot = i;
        } else if (preDotState != 1) {
          preDotState = 1;
        }
      } else if (startDot != -1) {
        preDotState = -1;
      }
    }
    if (startDot == -1
        || end == -1
        || preDotState == 0
        || (preDotState == 1 && startDot == end - 1 && startDot == startPart + 1)) {
      return "";
    }
    return p.substring(startDot, end);
  }
}
