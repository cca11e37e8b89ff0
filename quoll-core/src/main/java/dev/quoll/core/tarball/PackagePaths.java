package dev.quoll.core.tarball;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * npm's rules for which tarball entries a package install writes, and where: pacote 21's {@code
 * _tarxOptions} filter followed by node-tar 7's {@code Unpack} path checks with {@code strip: 1}.
 *
 * <p>In archive order, for each entry:
 *
 * <ol>
 *   <li>Only regular files are kept (pacote's filter). Directories are dropped silently (npm
 *       creates directories only as parents of files, so empty directories do not appear). Hard and
 *       symbolic links, devices, FIFOs and unknown types are dropped with a {@code
 *       TAR_ENTRY_UNSUPPORTED} warning (npm drops them silently).
 *   <li>Unless {@code allowGitIgnore}, a file whose base name is {@code .gitignore} is renamed to
 *       {@code .npmignore}, or dropped when an {@code .npmignore} of that archive path came earlier
 *       (pacote's {@code npm pack} compatibility rule).
 *   <li>A name containing NUL is refused ({@code TAR_ENTRY_ERROR}).
 *   <li>The first path segment is removed, whatever it is ({@code package/}, {@code node/}, ...).
 *   <li>More than 1024 remaining segments: refused ({@code TAR_ENTRY_ERROR}, node-tar's {@code
 *       maxDepth}).
 *   <li>Any {@code ..} segment, splitting on both {@code /} and {@code \}: refused ({@code
 *       TAR_ENTRY_ERROR}).
 *   <li>An absolute root is removed and reported ({@code TAR_ENTRY_INFO}), repeatedly: leading
 *       {@code /} or {@code \}, Windows drive letters {@code C:} / {@code C:\}, UNC roots {@code
 *       //server/share/} — as node-tar's {@code stripAbsolutePath}.
 *   <li>Empty and {@code .} segments are dropped (Node's {@code path.resolve}); a path left empty
 *       names the target directory itself and is dropped silently.
 * </ol>
 *
 * <p>A backslash that is not part of a {@code ..} segment stays a literal name character, as
 * node-tar does on POSIX systems. Instances are stateful (the {@code .npmignore} memory) and serve
 * one archive.
 */
final class PackagePaths {
  static final int MAX_DEPTH = 1024;

  /** What to do with one entry. */
  sealed interface Decision {}

  /** Write the entry at {@code path} (relative, {@code /}-separated, normalised, non-empty). */
  record Accept(String path, Optional<TarballWarning> warning) implements Decision {}

  /** Do not write the entry; report {@code warning} if present. */
  record Skip(Optional<TarballWarning> warning) implements Decision {}

  private final boolean allowGitIgnore;
  private final Set<String> sawIgnores = new HashSet<>();

  PackagePaths(boolean allowGitIgnore) {
    this.allowGitIgnore = allowGitIgnore;
  }

  Decision decide(TarballEntry entry) {
    String name = entry.archivePath();
    switch (entry.kind()) {
      case FILE -> {}
      case DIRECTORY -> {
        return new Skip(Optional.empty());
      }
      case HARDLINK, SYMLINK -> {
        return skip("TAR_ENTRY_UNSUPPORTED", name, "links are not extracted from packages");
      }
      case CHARACTER_DEVICE, BLOCK_DEVICE, FIFO, OTHER -> {
        return skip(
            "TAR_ENTRY_UNSUPPORTED",
            name,
            "unsupported entry type " + entry.kind() + " is not extracted");
      }
    }
    String path = name;
    String base = basename(path);
    if (base.equals(".npmignore")) {
      sawIgnores.add(path);
    } else if (base.equals(".gitignore") && !allowGitIgnore) {
      String renamed =
          path.endsWith(".gitignore")
              ? path.substring(0, path.length() - ".gitignore".length()) + ".npmignore"
              : path;
      if (sawIgnores.contains(renamed)) {
        return new Skip(Optional.empty());
      }
      path = renamed;
    }
    return checkPath(name, path);
  }

  /** node-tar's {@code CHECKPATH} with {@code strip: 1}. */
  static Decision checkPath(String archivePath, String path) {
    if (path.indexOf('\0') >= 0) {
      return skip("TAR_ENTRY_ERROR", archivePath, "path contains a NUL character");
    }
    String[] parts = path.split("/", -1);
    if (parts.length - 1 > MAX_DEPTH) {
      return skip("TAR_ENTRY_ERROR", archivePath, "path excessively deep");
    }
    String stripped = String.join("/", List.of(parts).subList(1, parts.length));
    String root = "";
    String rest = stripped;
    for (String r = absoluteRoot(rest); !r.isEmpty(); r = absoluteRoot(rest)) {
      root += r;
      rest = rest.substring(r.length());
    }
    for (String segment : rest.replace('\\', '/').split("/", -1)) {
      if (segment.equals("..")) {
        return skip("TAR_ENTRY_ERROR", archivePath, "path contains '..'");
      }
    }
    Optional<TarballWarning> warning =
        root.isEmpty()
            ? Optional.empty()
            : Optional.of(
                new TarballWarning(
                    "TAR_ENTRY_INFO", archivePath, "stripping " + root + " from absolute path"));
    List<String> kept = new ArrayList<>();
    for (String segment : rest.split("/", -1)) {
      if (!segment.isEmpty() && !segment.equals(".")) {
        kept.add(segment);
      }
    }
    if (kept.isEmpty()) {
      return new Skip(warning);
    }
    return new Accept(String.join("/", kept), warning);
  }

  /**
   * The root node-tar's {@code stripAbsolutePath} removes in one step: {@code /} when the path
   * starts with it (and not {@code //?/}), else Node's {@code path.win32.parse(p).root}.
   */
  static String absoluteRoot(String p) {
    if (p.startsWith("/") && !p.startsWith("//?/")) {
      return "/";
    }
    if (p.isEmpty()) {
      return "";
    }
    char c0 = p.charAt(0);
    if (isSeparator(c0)) {
      if (p.length() > 1 && isSeparator(p.charAt(1))) {
        int j = 2;
        while (j < p.length() && !isSeparator(p.charAt(j))) {
          j++;
        }
        if (j > 2 && j < p.length()) {
          int k = j + 1;
          while (k < p.length() && isSeparator(p.charAt(k))) {
            k++;
          }
          int shareStart = k;
          while (k < p.length() && !isSeparator(p.charAt(k))) {
            k++;
          }
          if (k > shareStart) {
            return k < p.length() ? p.substring(0, k + 1) : p.substring(0, k);
          }
        }
      }
      return p.substring(0, 1);
    }
    if (p.length() >= 2 && isAsciiLetter(c0) && p.charAt(1) == ':') {
      return p.length() > 2 && isSeparator(p.charAt(2)) ? p.substring(0, 3) : p.substring(0, 2);
    }
    return "";
  }

  /**
   * pacote's {@code isPackageBin} key: the archive path without its first segment, as {@code
   * path.replace(/^[^\\/]*\//, '')}.
   */
  static String binKey(String archivePath) {
    for (int i = 0; i < archivePath.length(); i++) {
      char c = archivePath.charAt(i);
      if (c == '/') {
        return archivePath.substring(i + 1);
      }
      if (c == '\\') {
        return archivePath;
      }
    }
    return archivePath;
  }

  private static String basename(String path) {
    int end = path.length();
    while (end > 0 && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(path.lastIndexOf('/', end - 1) + 1, end);
  }

  private static boolean isSeparator(char c) {
    return c == '/' || c == '\\';
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static Skip skip(String code, String archivePath, String message) {
    return new Skip(Optional.of(new TarballWarning(code, archivePath, message)));
  }
}
