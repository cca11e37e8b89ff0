/**
 * Path strings as node's {@code path.posix} handles them: {@link dev.quoll.core.path.PosixPath},
 * Quoll's one port, shared by npm-package-arg and package.json normalisation.
 */
package dev.quoll.core.path;
