package dev.quoll.client.cache;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recreates a {@link StoredPackage} at a new folder by hard-linking its files (pnpm's and bun's
 * {@code hardlink} import), copying instead where a link is impossible.
 *
 * <p>Contract of {@link #place}: the target folder must not exist and its parent must; the target
 * and the entry's folders are created with one {@code mkdir} each, parents first, with no existence
 * checks (the index lists them); then every file of the index is checked and linked. The check
 * ({@code lstat} of the store file): it must still be a regular file with the size and modification
 * time recorded when it was unpacked, else {@link StaleEntryException} is thrown and the caller
 * discards the entry and unpacks the verified tarball again (pnpm's rule: a store file is trusted
 * while its size and time are unchanged; an edit that keeps both is not detected). Links share the
 * store file's inode, hence its mode, which core's {@code Extraction} set as npm does. When {@code
 * link(2)} fails (the store on another file system than node_modules, {@code EXDEV}; a file at the
 * link-count limit, {@code EMLINK}; a file system without hard links) the file is copied instead
 * (same mode), and after the first cross-device failure every later file of this linker is copied
 * without trying a link. Nothing is written outside the target folder (the index's paths are
 * validated by {@link StoreIndex}). Thread-safe: one linker serves a whole install.
 */
public final class StoreLinker {
  private final AtomicBoolean copyOnly = new AtomicBoolean();
  private final AtomicLong linked = new AtomicLong();
  private final AtomicLong copied = new AtomicLong();

  /** A linker that tries hard links first. */
  public StoreLinker() {}

  /** Thrown when a store file no longer matches its index; the entry must be discarded. */
  public static final class StaleEntryException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file the store file that changed
     */
    public StaleEntryException(Path file) {
      super("store file changed since it was unpacked: " + file);
    }
  }

  /**
   * Places the files of {@code pkg} at {@code target}.
   *
   * @param pkg a complete store entry
   * @param target a folder that does not exist yet (its parent exists)
   * @throws StaleEntryException when a store file changed since it was unpacked (the target may
   *     then hold part of the files; the caller deletes it)
   * @throws IOException when the file system fails
   */
  public void place(StoredPackage pkg, Path target) throws IOException {
    Files.createDirectory(target);
    for (String d : pkg.dirs()) {
      Files.createDirectory(target.resolve(d));
    }
    Path from = pkg.dir();
    for (StoredPackage.StoredFile f : pkg.files()) {
      Path src = from.resolve(f.path());
      BasicFileAttributes a;
      try {
        a = Files.readAttributes(src, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (IOException e) {
        throw stale(src, e);
      }
      if (!a.isRegularFile()
          || a.size() != f.size()
          || a.lastModifiedTime().to(TimeUnit.NANOSECONDS) != f.mtimeNanos()) {
        throw new StaleEntryException(src);
      }
      linkOrCopy(src, target.resolve(f.path()));
    }
  }

  /** How many files were hard-linked so far. */
  public long linked() {
    return linked.get();
  }

  /** How many files were copied so far (no hard link possible). */
  public long copied() {
    return copied.get();
  }

  private void linkOrCopy(Path src, Path dest) throws IOException {
    if (!copyOnly.get()) {
      try {
        Files.createLink(dest, src);
        linked.incrementAndGet();
        return;
      } catch (FileSystemException e) {
        if (isCrossDevice(e, src, dest)) {
          copyOnly.set(true);
        }
      } catch (UnsupportedOperationException e) {
        copyOnly.set(true);
      }
    }
    Files.copy(src, dest, StandardCopyOption.COPY_ATTRIBUTES); // the store file's mode
    copied.incrementAndGet();
  }

  private static boolean isCrossDevice(FileSystemException e, Path src, Path dest) {
    String reason = e.getReason();
    if (reason != null && reason.contains("cross-device")) {
      return true;
    }
    try {
      return !Files.getFileStore(src).equals(Files.getFileStore(dest.getParent()));
    } catch (IOException io) {
      return false;
    }
  }

  private static StaleEntryException stale(Path src, IOException cause) {
    StaleEntryException e = new StaleEntryException(src);
    e.initCause(cause);
    return e;
  }
}
