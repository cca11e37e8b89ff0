package dev.quoll.core.tarball;

import java.util.List;
import java.util.Optional;

/**
 * The files of a package tarball as npm would extract them, read into memory.
 *
 * @param files one per extracted path, in the order the paths first appear; when an archive holds a
 *     path twice the later entry wins, as on disk
 * @param warnings entries skipped or changed, in archive order
 */
public record TarballContents(List<TarballFile> files, List<TarballWarning> warnings) {
  /** Copies both lists. */
  public TarballContents {
    files = List.copyOf(files);
    warnings = List.copyOf(warnings);
  }

  /** The file extracted to {@code path} (package-relative, e.g. {@code package.json}), if any. */
  public Optional<TarballFile> file(String path) {
    return files.stream().filter(f -> f.path().equals(path)).findFirst();
  }
}
