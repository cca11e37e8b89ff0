package dev.quoll.core.tarball;

import dev.quoll.core.CoreException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads package tarballs without touching the file system: the raw entry list, all files as npm
 * would extract them ({@link PackagePaths}: pacote 21 and node-tar 7 rules), or one file such as
 * {@code package.json} under a size cap. Inputs are gzipped tar (plain tar is accepted too, as
 * node-tar does); streams are read to their end and not closed.
 */
public final class TarballReader {
  private TarballReader() {}

  /**
   * Lists every entry as written in the archive (no npm path rules applied).
   *
   * @throws CoreException {@code EBADTAR} for an unreadable archive or an exceeded limit
   */
  public static List<TarballEntry> list(InputStream tarball, TarballLimits limits) {
    List<TarballEntry> out = new ArrayList<>();
    TarEntries entries = TarEntries.open(tarball, limits);
    for (Optional<TarballEntry> e = entries.next(); e.isPresent(); e = entries.next()) {
      out.add(e.get());
    }
    entries.drain();
    return out;
  }

  /**
   * Reads every file npm would extract, with its content, including the outcome of file/directory
   * conflicts between entries (skipped with a warning, as on disk).
   *
   * @param tarball the tarball stream
   * @param limits size caps; every file's content is held in memory, so choose them accordingly
   * @throws CoreException {@code EBADTAR} for an unreadable archive or an exceeded limit
   */
  public static TarballContents readAll(InputStream tarball, TarballLimits limits) {
    Map<String, TarballFile> files = new LinkedHashMap<>();
    DiskLayout layout = new DiskLayout();
    List<TarballWarning> warnings = new ArrayList<>();
    PackagePaths paths = new PackagePaths(false);
    TarEntries entries = TarEntries.open(tarball, limits);
    for (Optional<TarballEntry> next = entries.next(); next.isPresent(); next = entries.next()) {
      TarballEntry entry = next.get();
      switch (paths.decide(entry)) {
        case PackagePaths.Skip skip -> skip.warning().ifPresent(warnings::add);
        case PackagePaths.Accept accept -> {
          accept.warning().ifPresent(warnings::add);
          Optional<TarballWarning> conflict = layout.place(accept.path(), entry);
          if (conflict.isPresent()) {
            warnings.add(conflict.get());
          } else {
            files.put(
                accept.path(), new TarballFile(accept.path(), entry, entries.readAllContent()));
          }
        }
      }
    }
    entries.drain();
    return new TarballContents(new ArrayList<>(files.values()), warnings);
  }

  /**
   * Reads one file npm would extract to {@code path} (package-relative, e.g. {@code package.json},
   * whatever the archive's first folder is called). When the archive holds the path twice the last
   * one wins, as on disk, so the whole archive is read.
   *
   * @param tarball the tarball stream
   * @param path the package-relative path
   * @param maxBytes the largest accepted size of that file
   * @param limits size caps for the archive as a whole
   * @return the file's bytes, or empty when the tarball has no such file
   * @throws CoreException {@code EBADTAR} when the file is larger than {@code maxBytes}, for an
   *     unreadable archive or an exceeded limit
   */
  public static Optional<byte[]> readFile(
      InputStream tarball, String path, long maxBytes, TarballLimits limits) {
    byte[] found = null;
    PackagePaths paths = new PackagePaths(false);
    DiskLayout layout = new DiskLayout();
    TarEntries entries = TarEntries.open(tarball, limits);
    for (Optional<TarballEntry> next = entries.next(); next.isPresent(); next = entries.next()) {
      TarballEntry entry = next.get();
      if (paths.decide(entry) instanceof PackagePaths.Accept accept
          && layout.place(accept.path(), entry).isEmpty()
          && accept.path().equals(path)) {
        if (entry.size() > maxBytes) {
          throw new CoreException(
              "EBADTAR",
              path + " in tarball is " + entry.size() + " bytes, over the limit of " + maxBytes);
        }
        found = entries.readAllContent();
      }
    }
    entries.drain();
    return Optional.ofNullable(found);
  }

  /** {@link #readFile(InputStream, String, long, TarballLimits)} with default limits. */
  public static Optional<byte[]> readFile(InputStream tarball, String path, long maxBytes) {
    return readFile(tarball, path, maxBytes, TarballLimits.DEFAULT);
  }
}
