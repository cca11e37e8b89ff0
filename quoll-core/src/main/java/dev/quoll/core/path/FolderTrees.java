package dev.quoll.core.path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Deletes a file, a symbolic link or a whole folder tree, as {@code rm -rf} does.
 *
 * <p>Contract of {@link #delete}: symbolic links are removed, never followed, so nothing outside
 * the tree is touched (a link to a folder elsewhere goes, the folder stays); a path that does not
 * exist is not an error; children go before their folder; the first failure stops the walk and is
 * thrown (what was deleted before it stays deleted).
 */
public final class FolderTrees {
  private FolderTrees() {}

  /**
   * Deletes {@code path} and, when it is a folder (not a link to one), everything in it.
   *
   * @param path a file, link or folder; absent is fine
   * @throws UncheckedIOException when a file or folder cannot be listed or deleted
   */
  public static void delete(Path path) {
    try {
      deleteChecked(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteChecked(Path path) throws IOException {
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      try (DirectoryStream<Path> children = Files.newDirectoryStream(path)) {
        for (Path child : children) {
          deleteChecked(child);
        }
      }
    }
    Files.deleteIfExists(path);
  }
}
