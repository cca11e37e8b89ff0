package dev.quoll.client.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** A folder tree as path to a one-line description (type, mode, link target or content hash). */
public final class TreeSnapshot {
  private TreeSnapshot() {}

  /**
   * Whether {@code rel} (a path relative to a project root, {@code /}-separated) is outside the
   * project's {@code node_modules} and outside every {@code packages/<workspace>/node_modules}: for
   * {@code skip}, to snapshot only the installed trees of a project and its workspaces.
   */
  public static boolean outsideNodeModules(String rel) {
    return !(rel.startsWith("node_modules") || rel.matches("packages/[^/]+/node_modules(/.*)?"));
  }

  /**
   * A snapshot as text: one {@code <path> <description>} line per entry, in the snapshot's order,
   * each ending in a newline; readable in an assertion's diff.
   */
  public static String text(Map<String, String> snapshot) {
    StringBuilder b = new StringBuilder();
    snapshot.forEach((k, v) -> b.append(k).append(' ').append(v).append('\n'));
    return b.toString();
  }

  /**
   * Describes every file, folder and link under {@code root} (links not followed).
   *
   * @param root the folder
   * @param withContent include a hash of file contents
   * @param skip relative paths to leave out (with everything below them)
   * @return relative path to description, sorted
   */
  public static Map<String, String> of(Path root, boolean withContent, Predicate<String> skip) {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    try (var walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        String rel = root.relativize(p).toString();
        if (rel.isEmpty() || skip.test(rel)) {
          continue;
        }
        if (Files.isSymbolicLink(p)) {
          out.put(rel, "link -> " + Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          out.put(rel, "dir " + mode(p));
        } else {
          out.put(rel, "file " + mode(p) + (withContent ? " " + sha(p) : ""));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }

  private static String sha(Path p) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(p)))
          .substring(0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
