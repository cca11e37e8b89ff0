package dev.quoll.client.reify;

import java.util.Map;

/**
 * One package placed in the tree: one entry of a lockfile's {@code packages} map (npm package-lock
 * v2/v3), reduced to what reify needs.
 *
 * @param location the folder relative to the project root, e.g. {@code node_modules/a}, {@code
 *     node_modules/a/node_modules/@s/b} or, below a folder of the project, {@code
 *     dep/node_modules/b}
 * @param name the package name (may differ from the folder name for aliases)
 * @param version the version
 * @param source where the files come from
 * @param bin command name to package-relative file, as the lockfile records it (npm's normalised
 *     {@code bin}); when empty, the installed package.json's {@code bin} and {@code
 *     directories.bin} are read
 * @param hasInstallScript the lockfile's {@code hasInstallScript}
 * @param optional the lockfile's {@code optional}: a failure of this package skips it
 * @param dev the lockfile's {@code dev} (exported as {@code npm_package_dev})
 * @param peer the lockfile's {@code peer} (exported as {@code npm_package_peer})
 * @param inBundle the lockfile's {@code inBundle}: the package arrives inside the tarball of the
 *     package that bundles it, so it is never fetched on its own
 */
public record PlacedPackage(
    String location,
    String name,
    String version,
    PackageSource source,
    Map<String, String> bin,
    boolean hasInstallScript,
    boolean optional,
    boolean dev,
    boolean peer,
    boolean inBundle) {
  /** Copies {@code bin} and checks the location's shape. */
  public PlacedPackage {
    bin = Map.copyOf(bin);
    if (!Locations.isValid(location)) {
      throw new IllegalArgumentException("not a node_modules location: " + location);
    }
  }

  /** {@code name@version}, for messages. */
  public String id() {
    return name + "@" + version;
  }
}
