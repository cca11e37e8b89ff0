package dev.quoll.core.tarball;

/**
 * The kind of a tar entry, from its header type flag as node-tar 7 names them.
 *
 * <p>{@code '0'}, NUL (OldFile) and {@code '7'} (ContiguousFile) are {@link #FILE}; {@code '5'} and
 * {@code 'D'} (GNUDumpDir) are {@link #DIRECTORY}; {@code '1'} Link, {@code '2'} SymbolicLink,
 * {@code '3'} CharacterDevice, {@code '4'} BlockDevice and {@code '6'} FIFO have their own kinds;
 * every other type (GNU sparse, volume labels, unknown letters) is {@link #OTHER}. As in node-tar,
 * the reader also treats a {@code '0'}/NUL entry whose name ends in {@code /} as a directory.
 * Extended and long-name headers (pax {@code x}/{@code g}, GNU {@code L}/{@code K}) are applied by
 * the reader and never surface as entries.
 */
public enum EntryKind {
  /** A regular file: the only kind npm extracts. */
  FILE,
  /** A directory (npm creates directories only as parents of files). */
  DIRECTORY,
  /** A hard link. */
  HARDLINK,
  /** A symbolic link. */
  SYMLINK,
  /** A character device. */
  CHARACTER_DEVICE,
  /** A block device. */
  BLOCK_DEVICE,
  /** A named pipe. */
  FIFO,
  /** Any other type flag. */
  OTHER;

  /** The kind of a tar header type flag. */
  public static EntryKind of(byte typeFlag) {
    return switch (typeFlag) {
      case '0', 0, '7' -> FILE;
      case '5', 'D' -> DIRECTORY;
      case '1' -> HARDLINK;
      case '2' -> SYMLINK;
      case '3' -> CHARACTER_DEVICE;
      case '4' -> BLOCK_DEVICE;
      case '6' -> FIFO;
      default -> OTHER;
    };
  }
}
