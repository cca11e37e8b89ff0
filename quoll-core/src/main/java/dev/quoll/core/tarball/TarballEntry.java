package dev.quoll.core.tarball;

/**
 * One entry of a tarball as written in the archive, before npm's path rules.
 *
 * @param archivePath the full entry name (pax {@code path} and GNU long names applied), e.g. {@code
 *     package/lib/index.js}
 * @param kind the entry kind
 * @param mode the permission bits from the header ({@code 0..07777})
 * @param size the content size in bytes (0 for everything but files)
 * @param linkTarget the link target of a hard or symbolic link, else empty
 */
public record TarballEntry(
    String archivePath, EntryKind kind, int mode, long size, String linkTarget) {}
