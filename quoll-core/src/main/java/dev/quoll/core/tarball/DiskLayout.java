package dev.quoll.core.tarball;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The file/directory conflicts {@link Extraction} meets on disk, replayed in memory for {@link
 * TarballReader}: a file cannot be placed where a parent directory is needed ("not a directory"),
 * nor where a directory already is (directories exist only as parents of files, so they are never
 * empty and node-tar's {@code rmdir} fails). A file placed twice is replaced.
 */
final class DiskLayout {
  private final Set<String> files = new HashSet<>();
  private final Set<String> directories = new HashSet<>();

  /**
   * Places a file at {@code path} unless that conflicts.
   *
   * @return the warning when the file cannot be placed, else empty (and the file is recorded)
   */
  Optional<TarballWarning> place(String path, TarballEntry entry) {
    for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
      String parent = path.substring(0, slash);
      if (files.contains(parent)) {
        return Optional.of(
            new TarballWarning(
                "TAR_ENTRY_ERROR", entry.archivePath(), "not a directory: " + parent));
      }
    }
    if (directories.contains(path)) {
      return Optional.of(
          new TarballWarning(
              "TAR_ENTRY_ERROR", entry.archivePath(), "a non-empty directory is in the way"));
    }
    files.add(path);
    for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
      directories.add(path.substring(0, slash));
    }
    return Optional.empty();
  }
}
