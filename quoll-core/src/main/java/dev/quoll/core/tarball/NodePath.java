package dev.quoll.core.tarball;

import java.util.ArrayList;
import java.util.List;

/**
 * The string path functions of node's {@code path.posix} (node 20) that npm-packlist, pacote and
 * node-tar apply to package paths: {@code normalize}, {@code join}, {@code basename}, {@code
 * extname}, {@code relative}. Pure string operations; the file system is never consulted.
 */
final class NodePath {
  private NodePath() {}

  /** node's {@code path.posix.normalize}: resolves {@code .}, {@code ..} and repeated slashes. */
  static String normalize(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    boolean absolute = path.startsWith("/");
    boolean trailing = path.endsWith("/");
    String body = normalizeString(path, !absolute);
    if (body.isEmpty()) {
      if (absolute) {
        return "/";
      }
      return trailing ? "./" : ".";
    }
    if (trailing) {
      body += "/";
    }
    return absolute ? "/" + body : body;
  }

  private static String normalizeString(String path, boolean allowAboveRoot) {
    List<String> out = new ArrayList<>();
    for (String seg : path.split("/", -1)) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
          out.remove(out.size() - 1);
        } else if (allowAboveRoot) {
          out.add("..");
        }
        continue;
      }
      out.add(seg);
    }
    return String.join("/", out);
  }

  /** node's {@code path.posix.join}: the non-empty parts joined with {@code /}, normalised. */
  static String join(String... parts) {
    List<String> nonEmpty = new ArrayList<>();
    for (String p : parts) {
      if (!p.isEmpty()) {
        nonEmpty.add(p);
      }
    }
    return nonEmpty.isEmpty() ? "." : normalize(String.join("/", nonEmpty));
  }

  /** node's {@code path.posix.basename}: the last segment, trailing slashes ignored. */
  static String basename(String path) {
    int end = path.length();
    while (end > 0 && path.charAt(end - 1) == '/') {
      end--;
    }
    if (end == 0) {
      return "";
    }
    int start = path.lastIndexOf('/', end - 1) + 1;
    return path.substring(start, end);
  }

  /** node's {@code path.posix.extname}: from the last dot of the basename, not a leading one. */
  static String extname(String path) {
    int startDot = -1;
    int startPart = 0;
    int end = -1;
    boolean matchedSlash = true;
    int preDotState = 0;
    for (int i = path.length() - 1; i >= 0; --i) {
      char c = path.charAt(i);
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
    return path.substring(startDot, end);
  }

  /** node's {@code path.posix.relative} for two paths relative to the same directory. */
  static String relative(String from, String to) {
    List<String> f = segments(normalize("/" + from));
    List<String> t = segments(normalize("/" + to));
    int common = 0;
    while (common < f.size() && common < t.size() && f.get(common).equals(t.get(common))) {
      common++;
    }
    List<String> out = new ArrayList<>();
    for (int i = common; i < f.size(); i++) {
      out.add("..");
    }
    out.addAll(t.subList(common, t.size()));
    return String.join("/", out);
  }

  private static List<String> segments(String abs) {
    List<String> out = new ArrayList<>();
    for (String s : abs.split("/")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * The {@code secureAndUnixifyPath} of {@code @npmcli/package-json}: backslashes and colons become
   * slashes, the path is made root-relative with {@code ..} resolved; the empty string when nothing
   * is left.
   */
  static String secureAndUnixifyPath(String ref) {
    String unix = ref.replaceAll("[\\\\:]", "/");
    String secured = join(".", join("/", unix)).replaceAll("[\\\\:]", "/");
    return secured.startsWith("./") ? "" : secured;
  }
}
