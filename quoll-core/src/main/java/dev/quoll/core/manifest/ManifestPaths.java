package dev.quoll.core.manifest;

import dev.quoll.core.path.PosixPath;

/**
 * @npmcli/package-json 7's own path rules for paths written in a manifest ({@code bin}, {@code
 *     man}, {@code directories}): {@code unixifyPath} and {@code secureAndUnixifyPath}, on top of
 *     node's {@code path.posix} ({@link PosixPath}); npm-packlist applies the same rule to the
 *     manifest paths it always packs. Strings in, strings out; never throws.
 */
public final class ManifestPaths {
  private ManifestPaths() {}

  /**
   * @npmcli/package-json's {@code unixifyPath}: backslashes and colons become slashes.
   */
  public static String unixify(String ref) {
    return ref.replace('\\', '/').replace(':', '/');
  }

  /**
   * @npmcli/package-json's {@code secureAndUnixifyPath}: the path made relative to the package root
   *     with no way out of it ({@code ..} cannot climb above the root), or empty when it names the
   *     root itself.
   */
  public static String secure(String ref) {
    String secured = unixify(PosixPath.join(".", PosixPath.join("/", unixify(ref))));
    return secured.startsWith("./") ? "" : secured;
  }
}
