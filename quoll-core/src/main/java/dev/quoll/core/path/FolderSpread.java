package dev.quoll.core.path;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Asks the file system to spread the sub-folders of a folder over its block groups: the
 * top-directory attribute of ext2/3/4 ({@code FS_TOPDIR_FL}), set with e2fsprogs' {@code chattr
 * +T}, which makes the kernel's Orlov allocator place each new child folder in a group with many
 * free inodes instead of in its parent's group.
 *
 * <p>Why: on ext4 without a journal, the kernel will not reuse an inode freed in the last minute (5
 * minutes while its inode-table block is unwritten): every {@code mkdir} scans the free inodes of
 * its parent's group from the start and skips those ({@code recently_deleted} in fs/ext4/ialloc.c).
 * Right after a {@code rm -rf node_modules}, that group holds thousands of such inodes, and the
 * thousands of folders an install creates there cost quadratic time: measured here, mkdir was
 * 30-43% of a whole reinstall's CPU (bench/RESULTS.md). Package folders created in a staging folder
 * marked with this attribute land in fresh groups, and their own sub-folders follow them. The
 * attribute is not inherited and changes nothing else; renaming a folder later keeps its inodes
 * where they are.
 *
 * <p>Why a {@code chattr} process and not the {@code ioctl} through the FFM API: in a cold JVM the
 * FFM downcalls cost about 0.15 s of CPU (their stubs are generated classes, compiled by C1), the
 * process about 5 ms; measured side by side, bench/RESULTS.md.
 *
 * <p>Contract: {@link #mark} is best effort and never throws: it returns false on any system other
 * than Linux, without {@code chattr} in {@code /usr/bin}, {@code /bin}, {@code /usr/sbin} or {@code
 * /sbin}, on file systems without the attribute ({@code chattr} fails), and with the system
 * property {@code quoll.noFolderSpread=true}. {@link #markAsync} runs it on a new daemon thread,
 * for callers that create the sub-folders later.
 */
public final class FolderSpread {
  private static final Optional<Path> CHATTR = chattr();

  private FolderSpread() {}

  private static Optional<Path> chattr() {
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
      return Optional.empty();
    }
    for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
      Path p = Path.of(dir, "chattr");
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * Sets the top-directory attribute on {@code dir}.
   *
   * @param dir an existing folder
   * @return whether the attribute is now set
   */
  public static boolean mark(Path dir) {
    if (CHATTR.isEmpty() || Boolean.getBoolean("quoll.noFolderSpread")) {
      return false;
    }
    try {
      // an absolute path never starts with '-', so chattr cannot read it as an option
      Process p =
          new ProcessBuilder(CHATTR.get().toString(), "+T", dir.toAbsolutePath().toString())
              .redirectErrorStream(true)
              .start();
      p.getOutputStream().close();
      p.getInputStream().transferTo(OutputStream.nullOutputStream());
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Creates {@code dir} and its missing parents, and {@link #mark}s {@code dir} when this call
   * created it (an existing folder is left as it is).
   *
   * @param dir the folder
   * @throws IOException as {@link Files#createDirectories}
   */
  public static void createMarked(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(dir);
    mark(dir);
  }

  /**
   * {@link #mark} on a new daemon thread.
   *
   * @param dir an existing folder
   * @return completes with {@link #mark}'s answer (never exceptionally)
   */
  public static CompletableFuture<Boolean> markAsync(Path dir) {
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    Thread.ofPlatform().daemon().name("quoll-folder-spread").start(() -> done.complete(mark(dir)));
    return done;
  }
}
