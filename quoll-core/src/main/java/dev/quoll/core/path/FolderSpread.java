package dev.quoll.core.path;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Asks the file system to spread the sub-folders of a folder over its block groups: the
 * top-directory attribute of ext2/3/4 ({@code FS_TOPDIR_FL}, what {@code chattr +T} sets), which
 * makes the kernel's Orlov allocator place each new child folder in a group with many free inodes
 * instead of in its parent's group.
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
 * <p>Contract: {@link #mark} is best effort and never throws: it returns false on any system other
 * than Linux, on file systems without the attribute ({@code ioctl} fails), and when native access
 * is unavailable. {@link #markAsync} runs it on a new daemon thread (a first native call in a cold
 * JVM costs tens of milliseconds), for callers that create the sub-folders later.
 */
public final class FolderSpread {
  // <linux/fs.h>: _IOR('f', 1, long) and _IOW('f', 2, long) on 64-bit ABIs; the kernel reads and
  // writes an int through them
  private static final long FS_IOC_GETFLAGS = 0x80086601L;
  private static final long FS_IOC_SETFLAGS = 0x40086602L;
  private static final int FS_TOPDIR_FL = 0x00020000;
  private static final int O_RDONLY_DIRECTORY = 0x10000; // O_RDONLY | O_DIRECTORY (x86-64, arm64)
  private static final boolean LINUX =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
          && switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64", "aarch64" -> true;
            default -> false;
          };

  private FolderSpread() {}

  /** The native calls, made once on first use. */
  private static final class Calls {
    static final MethodHandle OPEN;
    static final MethodHandle IOCTL;
    static final MethodHandle CLOSE;

    static {
      Linker linker = Linker.nativeLinker();
      SymbolLookup libc = linker.defaultLookup();
      OPEN =
          linker.downcallHandle(
              libc.find("open").orElseThrow(),
              FunctionDescriptor.of(
                  ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
      IOCTL =
          linker.downcallHandle(
              libc.find("ioctl").orElseThrow(),
              FunctionDescriptor.of(
                  ValueLayout.JAVA_INT,
                  ValueLayout.JAVA_INT,
                  ValueLayout.JAVA_LONG,
                  ValueLayout.ADDRESS),
              Linker.Option.firstVariadicArg(2));
      CLOSE =
          linker.downcallHandle(
              libc.find("close").orElseThrow(),
              FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    }
  }

  /**
   * Sets the top-directory attribute on {@code dir}.
   *
   * @param dir an existing folder
   * @return whether the attribute is now set
   */
  public static boolean mark(Path dir) {
    if (!LINUX || Boolean.getBoolean("quoll.noFolderSpread")) {
      return false;
    }
    try (Arena arena = Arena.ofConfined()) {
      int fd = (int) Calls.OPEN.invokeExact(arena.allocateFrom(dir.toString()), O_RDONLY_DIRECTORY);
      if (fd < 0) {
        return false;
      }
      try {
        MemorySegment flags = arena.allocate(ValueLayout.JAVA_LONG); // room for a long, read as int
        if ((int) Calls.IOCTL.invokeExact(fd, FS_IOC_GETFLAGS, flags) != 0) {
          return false;
        }
        int now = flags.get(ValueLayout.JAVA_INT, 0);
        if ((now & FS_TOPDIR_FL) != 0) {
          return true;
        }
        flags.set(ValueLayout.JAVA_INT, 0, now | FS_TOPDIR_FL);
        return (int) Calls.IOCTL.invokeExact(fd, FS_IOC_SETFLAGS, flags) == 0;
      } finally {
        int ignored = (int) Calls.CLOSE.invokeExact(fd);
      }
    } catch (Throwable e) { // no native access, no symbol: nothing is spread
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
