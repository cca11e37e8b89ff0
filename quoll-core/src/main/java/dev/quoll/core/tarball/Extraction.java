package dev.quoll.core.tarball;

import dev.quoll.core.CoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Safe extraction of an npm package tarball into a directory, as pacote 21 with node-tar 7 does.
 *
 * <p>Contract: nothing is ever written outside the target directory. Only regular files are
 * written, at the paths {@link PackagePaths} computes (first segment stripped; links, devices,
 * FIFOs, {@code ..} segments and NUL names refused; absolute roots made relative). Every write is
 * also checked after normalisation to stay strictly inside the target's real path, parent
 * directories are created one by one and an existing symbolic link (or file) on the way refuses the
 * entry, and an existing file or symbolic link at the destination is removed (never followed)
 * before a new file is created with {@code CREATE_NEW}. Refused entries are skipped with a {@link
 * TarballWarning}, as npm does, or fail with {@code EBADTAR} in {@link ExtractOptions#strict()}
 * mode.
 *
 * <p>Modes (pacote's {@code #entryMode} with {@code noChmod}): files get {@code ((mode | 0o666) &
 * ~umask) | 0o600}, plus {@code 0o111} for the manifest's bin files; directories get {@code 0o777 &
 * ~umask}. Unlike npm, setuid, setgid and sticky bits are always dropped. Modification times are
 * not restored (npm's {@code noMtime}). Modes are set only on file systems with POSIX permissions.
 *
 * <p>After the archive's last entry the input is read to its end, so that an {@link
 * dev.quoll.core.integrity.VerifyingInputStream} given as input verifies before this method
 * returns. Its {@code EINTEGRITY} failure propagates unchanged — after files were already written,
 * as in npm, so the caller must discard the target directory on any exception.
 */
public final class Extraction {
  private final Path root;
  private final ExtractOptions options;
  private final Set<String> files = new LinkedHashSet<>();
  // folders under root known to be real folders (created or checked by this extraction)
  private final Set<Path> dirs = new HashSet<>();
  private final List<TarballWarning> warnings = new ArrayList<>();
  private final boolean posix;

  private Extraction(Path root, ExtractOptions options) {
    this.root = root;
    this.options = options;
    this.posix = Files.getFileAttributeView(root, PosixFileAttributeView.class) != null;
  }

  /**
   * Extracts {@code tarball} into {@code target}, creating the target if needed.
   *
   * @param tarball a gzipped (or plain) tar stream; read to its end, not closed
   * @param target the directory to extract into
   * @param options modes, bins, strictness and limits
   * @return the files written and the warnings
   * @throws CoreException {@code EBADTAR} for an unreadable archive, an exceeded limit, or (strict
   *     mode) a refused entry; any {@link CoreException} of the input stream itself
   * @throws UncheckedIOException when the target file system fails
   */
  public static ExtractionResult extract(InputStream tarball, Path target, ExtractOptions options) {
    Path root;
    try {
      Files.createDirectories(target);
      root = target.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Extraction x = new Extraction(root, options);
    PackagePaths paths = new PackagePaths(options.allowGitIgnore());
    TarEntries entries = TarEntries.open(tarball, options.limits());
    for (Optional<TarballEntry> next = entries.next(); next.isPresent(); next = entries.next()) {
      TarballEntry entry = next.get();
      switch (paths.decide(entry)) {
        case PackagePaths.Skip skip -> skip.warning().ifPresent(x::warn);
        case PackagePaths.Accept accept -> {
          accept.warning().ifPresent(x::warn);
          x.write(accept.path(), entry, entries);
        }
      }
    }
    entries.drain();
    return new ExtractionResult(List.copyOf(x.files), x.warnings);
  }

  private void warn(TarballWarning w) {
    if (options.strict() && w.code().equals("TAR_ENTRY_ERROR")) {
      throw new CoreException("EBADTAR", w.archivePath() + ": " + w.message());
    }
    warnings.add(w);
  }

  private void write(String path, TarballEntry entry, TarEntries entries) {
    Path dest;
    try {
      dest = root.resolve(path).normalize();
    } catch (InvalidPathException e) {
      warn(
          new TarballWarning(
              "TAR_ENTRY_ERROR", entry.archivePath(), "invalid path here: " + e.getReason()));
      return;
    }
    if (!dest.startsWith(root) || dest.equals(root)) {
      warn(new TarballWarning("TAR_ENTRY_ERROR", entry.archivePath(), "path escaped target"));
      return;
    }
    try {
      if (!makeParents(dest.getParent(), entry)) {
        return;
      }
      OutputStream created;
      try {
        created = create(dest);
      } catch (FileAlreadyExistsException e) {
        // something is in the way (O_EXCL never follows a link): remove it, then create once more
        if (!clear(dest, entry)) {
          return;
        }
        created = create(dest);
      }
      try (OutputStream out = created) {
        entries.copyContent(out);
      }
      if (posix) {
        Files.setPosixFilePermissions(
            dest, permissions(options.fileMode(entry.mode(), entry.archivePath())));
      }
      files.add(root.relativize(dest).toString().replace(dest.getFileSystem().getSeparator(), "/"));
    } catch (FileAlreadyExistsException e) {
      warn(new TarballWarning("TAR_ENTRY_ERROR", entry.archivePath(), "file appeared meanwhile"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static OutputStream create(Path dest) throws IOException {
    return Files.newOutputStream(
        dest, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * Creates the missing parents of a file one by one, refusing symbolic links and files. A folder
   * this extraction created or found to be a real folder is not checked again ({@link #dirs}; only
   * regular files and folders are ever written here, and {@link #clear} forgets what it removes).
   */
  private boolean makeParents(Path dir, TarballEntry entry) throws IOException {
    if (dir.equals(root) || dirs.contains(dir)) {
      return true;
    }
    Path current = root;
    for (Path segment : root.relativize(dir)) {
      current = current.resolve(segment);
      if (dirs.contains(current)) {
        continue;
      }
      BasicFileAttributes attrs = attributes(current);
      if (attrs == null) {
        Files.createDirectory(current);
        if (posix) {
          Files.setPosixFilePermissions(current, permissions(options.directoryMode()));
        }
        dirs.add(current);
      } else if (attrs.isDirectory()) {
        dirs.add(current);
      } else if (attrs.isSymbolicLink()) {
        warn(
            new TarballWarning(
                "TAR_ENTRY_ERROR",
                entry.archivePath(),
                "Cannot extract through symbolic link " + root.relativize(current)));
        return false;
      } else if (!attrs.isDirectory()) {
        warn(
            new TarballWarning(
                "TAR_ENTRY_ERROR",
                entry.archivePath(),
                "not a directory: " + root.relativize(current)));
        return false;
      }
    }
    return true;
  }

  /** Removes what is at {@code dest} (a file, a link itself, or an empty directory). */
  private boolean clear(Path dest, TarballEntry entry) throws IOException {
    BasicFileAttributes attrs = attributes(dest);
    if (attrs == null) {
      return true;
    }
    try {
      Files.delete(dest);
      dirs.remove(dest);
      return true;
    } catch (DirectoryNotEmptyException e) {
      warn(
          new TarballWarning(
              "TAR_ENTRY_ERROR", entry.archivePath(), "a non-empty directory is in the way"));
      return false;
    }
  }

  private static BasicFileAttributes attributes(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
      PosixFilePermission.OTHERS_EXECUTE,
      PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE,
      PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ
    };
    for (int bit = 0; bit < 9; bit++) {
      if ((mode & (1 << bit)) != 0) {
        set.add(order[bit]);
      }
    }
    return set;
  }
}
