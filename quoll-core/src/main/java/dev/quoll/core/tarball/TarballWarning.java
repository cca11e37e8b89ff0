package dev.quoll.core.tarball;

/**
 * Why an entry was skipped or changed while reading a package tarball, with node-tar 7's warning
 * codes: {@code TAR_ENTRY_ERROR} (entry refused: {@code ..} segments, NUL, too deep, escaping the
 * target, a symbolic link or a file in the way), {@code TAR_ENTRY_INFO} (an absolute path was made
 * relative) and, where npm skips silently, {@code TAR_ENTRY_UNSUPPORTED} (links, devices, FIFOs and
 * unknown types, which pacote filters out without a word).
 *
 * @param code the warning code
 * @param archivePath the entry name as written in the archive
 * @param message a one-line explanation
 */
public record TarballWarning(String code, String archivePath, String message) {}
