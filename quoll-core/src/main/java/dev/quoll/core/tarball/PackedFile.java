package dev.quoll.core.tarball;

/**
 * One entry of a packed tarball as {@code npm pack --json} reports it in {@code files}.
 *
 * @param path the path inside the package, without the {@code package/} prefix
 * @param size the entry's content size in bytes (0 for a hard link)
 * @param mode the entry's permission bits, e.g. {@code 0644} (420)
 */
public record PackedFile(String path, long size, int mode) {}
