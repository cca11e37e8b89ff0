package dev.quoll.client.cache;

import java.nio.file.Path;
import java.util.List;

/**
 * One complete entry of the {@link UnpackedStore}: the folder holding a package's files and the
 * index written when it was unpacked.
 *
 * @param dir the package folder inside the store (its files, nothing else)
 * @param dirs the sub-folders to create, relative and {@code /}-separated, every parent before its
 *     children (the package folder itself not included)
 * @param files the regular files, relative and {@code /}-separated, with the size and modification
 *     time they had when unpacked
 * @param mayHaveBins false only when the package's package.json has neither {@code bin} nor {@code
 *     directories} (so it has no bins to link, npm's normalisation of both)
 */
public record StoredPackage(
    Path dir, List<String> dirs, List<StoredFile> files, boolean mayHaveBins) {
  /** Copies both lists. */
  public StoredPackage {
    dirs = List.copyOf(dirs);
    files = List.copyOf(files);
  }

  /**
   * A file of a stored package as it was when unpacked.
   *
   * @param path relative, {@code /}-separated, no {@code .}/{@code ..} or empty segments
   * @param size bytes
   * @param mtimeNanos modification time, nanoseconds since the epoch
   */
  public record StoredFile(String path, long size, long mtimeNanos) {}
}
