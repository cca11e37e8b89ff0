package dev.quoll.registry.packages;

import dev.quoll.core.name.PackageName;
import dev.quoll.core.packument.VersionManifest;
import java.util.List;
import java.util.Optional;

/**
 * A publish body that passed every check of {@link PublicationReader}: one version of one package
 * with its tarball.
 *
 * @param name the package name (same in the URL, the body and the tarball's package.json)
 * @param version the exact, clean semver version
 * @param manifest the version object as sent (its dist not yet rewritten)
 * @param tags the dist-tags the body sets, all pointing at {@code version}
 * @param tarball the decoded tarball bytes
 * @param integrity the SRI string of the tarball (sent, or computed sha512 when absent)
 * @param shasum the hex SHA-1 of the tarball
 * @param access the body's {@code access}: {@code public}, {@code restricted}, or empty when not
 *     given (libnpmpublish 11 sends {@code null} without {@code --access})
 */
public record Publication(
    PackageName name,
    String version,
    VersionManifest manifest,
    List<String> tags,
    byte[] tarball,
    String integrity,
    String shasum,
    Optional<String> access) {
  /** Copies the tag list. */
  public Publication {
    tags = List.copyOf(tags);
  }
}
