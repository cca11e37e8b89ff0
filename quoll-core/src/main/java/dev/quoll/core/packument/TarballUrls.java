package dev.quoll.core.packument;

import java.util.Locale;

/** Moving tarball URLs between registries (see {@link Packument#withTarballBase}). */
final class TarballUrls {
  private TarballUrls() {}

  /**
   * Puts the package-relative part of a tarball URL after another registry base.
   *
   * @param tarball the URL as stored
   * @param base the new base, without a trailing slash
   * @param name the package name
   * @return {@code base + "/" + name + "/-/" + rest}
   */
  static String rebase(String tarball, String base, String name) {
    String lower = tarball.toLowerCase(Locale.ROOT);
    int pathStart = lower.indexOf("://");
    pathStart = pathStart < 0 ? 0 : lower.indexOf('/', pathStart + 3);
    if (pathStart >= 0) {
      for (String marker :
          new String[] {"/" + name + "/-/", "/" + name.replace("/", "%2f") + "/-/"}) {
        int at = lower.indexOf(marker.toLowerCase(Locale.ROOT), pathStart);
        if (at >= 0) {
          return base
              + "/"
              + name
              + "/-/"
              + withoutScope(tarball.substring(at + marker.length()), name);
        }
      }
    }
    String file = tarball.substring(tarball.lastIndexOf('/') + 1);
    return base + "/" + name + "/-/" + file;
  }

  /**
   * The file name without the scope libnpmpublish 11 puts into it ({@code @s/p-1.0.0.tgz} becomes
   * {@code p-1.0.0.tgz}, the npmjs layout).
   */
  private static String withoutScope(String rest, String name) {
    int slash = name.indexOf('/');
    if (name.startsWith("@") && slash > 0 && rest.startsWith(name.substring(0, slash + 1))) {
      return rest.substring(slash + 1);
    }
    return rest;
  }
}
