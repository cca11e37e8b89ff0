package dev.quoll.core.tarball;

/**
 * A file of a package tarball read into memory.
 *
 * @param path the package-relative path npm would extract it to (first segment stripped), e.g.
 *     {@code package.json} or {@code lib/index.js}
 * @param entry the archive entry it came from
 * @param content the file's bytes; the array is not copied, callers must not modify it
 */
public record TarballFile(String path, TarballEntry entry, byte[] content) {}
