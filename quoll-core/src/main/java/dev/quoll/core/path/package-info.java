/**
 * Paths and folders: path strings as node's {@code path.posix} handles them ({@link
 * dev.quoll.core.path.PosixPath}, Quoll's one port, shared by npm-package-arg and package.json
 * normalisation), and {@link dev.quoll.core.path.FolderSpread}, which asks ext4 to place a folder's
 * sub-folders in fresh block groups.
 */
package dev.quoll.core.path;
