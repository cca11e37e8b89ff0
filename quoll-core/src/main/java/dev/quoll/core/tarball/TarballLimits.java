package dev.quoll.core.tarball;

/**
 * Size caps applied while reading a tarball; exceeding one fails with {@code CoreException} code
 * {@code EBADTAR}. Sizes are in uncompressed bytes, so the caps also bound gzip bombs.
 *
 * @param maxEntryBytes the largest accepted file entry
 * @param maxTotalBytes the largest accepted sum of all entry sizes (skipped entries included)
 * @param maxEntries the largest accepted number of entries
 */
public record TarballLimits(long maxEntryBytes, long maxTotalBytes, int maxEntries) {
  /** Generous defaults for installing packages: 1 GiB per file, 4 GiB in all, 1,000,000 entries. */
  public static final TarballLimits DEFAULT = new TarballLimits(1L << 30, 4L << 30, 1_000_000);

  /** Validates that every cap is positive. */
  public TarballLimits {
    if (maxEntryBytes <= 0 || maxTotalBytes <= 0 || maxEntries <= 0) {
      throw new IllegalArgumentException("tarball limits must be positive");
    }
  }
}
