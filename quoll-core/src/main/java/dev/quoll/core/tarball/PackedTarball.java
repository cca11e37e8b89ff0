package dev.quoll.core.tarball;

/**
 * A tarball packed in memory.
 *
 * @param result what {@code npm pack --json} reports for it
 * @param bytes the gzipped tarball (a defensive copy is returned)
 */
public record PackedTarball(PackResult result, byte[] bytes) {
  /** Copies the bytes in. */
  public PackedTarball {
    bytes = bytes.clone();
  }

  /** A copy of the gzipped tarball bytes. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }
}
