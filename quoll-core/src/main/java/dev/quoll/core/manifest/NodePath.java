package dev.quoll.core.manifest;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Node's {@code path.posix} functions that @npmcli/package-json 7 uses on manifest paths: {@code
 * normalize}, {@code join}, {@code basename}, {@code dirname}, {@code extname}, plus its own {@code
 * secureAndUnixifyPath}. Strings in, strings out; no file-system access.
 */
final class NodePath {
  private NodePath() {}

  /** {@code path.posix.normalize}: resolves {@code .}/{@code ..}, collapses slashes. */
  static String normalize(String p) {
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
  static String join(String... parts) {
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

  /** {@code path.posix.basename(p)}. */
  static String basename(String p) {
    int end = p.length();
    while (end > 0 && p.charAt(end - 1) == '/') {
      end--;
    }
    if (end == 0) {
      return "";
    }
    int slash = p.lastIndexOf('/', end - 1);
    return p.substring(slash + 1, end);
  }

  /** {@code path.posix.basename(p, ext)}: also strips {@code ext} when it ends the name. */
  static String basename(String p, String ext) {
    String base = basename(p);
    if (!ext.isEmpty() && base.endsWith(ext) && !base.equals(ext)) {
      return base.substring(0, base.length() - ext.length());
    }
    return base;
  }

  /** {@code path.posix.dirname}. */
  static String dirname(String p) {
    if (p.isEmpty()) {
      return ".";
    }
    int end = p.length();
    while (end > 1 && p.charAt(end - 1) == '/') {
      end--;
    }
    int slash = p.lastIndexOf('/', end - 1);
    if (slash < 0) {
      return ".";
    }
    int cut = slash;
    while (cut > 0 && p.charAt(cut - 1) == '/') {
      cut--;
    }
    return cut == 0 ? "/" : p.substring(0, cut);
  }

  /** {@code path.posix.extname}: from the last dot of the base name, unless it leads the name. */
  static String extname(String p) {
    String base = basename(p);
    int dot = base.lastIndexOf('.');
    if (dot <= 0) {
      return "";
    }
    return base.substring(dot);
  }

  /**
   * @npmcli/package-json's {@code unixifyPath}: backslashes and colons become slashes.
   */
  static String unixify(String ref) {
    return ref.replace('\\', '/').replace(':', '/');
  }

  /**
   * @npmcli/package-json's {@code secureAndUnixifyPath}: the path made relative to the package root
   *     with no way out of it ({@code ..} cannot climb above the root), or empty when it names the
   *     root itself.
   */
  static String secure(String ref) {
    String secured = unixify(join(".", join("/", unixify(ref))));
    return secured.startsWith("./") ? "" : secured;
  }
}
