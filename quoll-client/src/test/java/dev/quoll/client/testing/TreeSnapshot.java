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
