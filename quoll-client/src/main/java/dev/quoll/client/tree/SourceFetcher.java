package dev.quoll.client.tree;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.spec.PackageSpec;
import java.util.Optional;

/**
 * Where the tree builder gets the manifests of packages that do not come from a registry (pacote
 * 21's {@code FileFetcher}, {@code RemoteFetcher} and {@code GitFetcher} {@code manifest()}): a
 * {@code file:} tarball, a remote tarball URL, or a git repository. {@code file:} directories are
 * not fetched: the builder links them.
 *
 * <p>Implementations may cache; the builder calls them from one thread.
 */
public interface SourceFetcher {

  /**
   * The manifest of a package with where it resolved to, as pacote records it.
   *
   * @param resolved the lockfile's {@code resolved}: {@code file:<path relative to the project>}
   *     for a local tarball, the URL for a remote tarball, {@code git+<url>#<sha>} (or pacote's
   *     {@code git+ssh://git@host/...} for hosted repositories) for git
   * @param integrity the tarball's SRI (sha512) for tarballs; absent for git, whose lockfile
   *     entries npm writes without integrity
   * @param pkg the package.json read from the package (not yet normalized)
   */
  record Fetched(String resolved, Optional<String> integrity, ObjectNode pkg) {}

  /**
   * Fetches a spec's manifest.
   *
   * @param spec a {@link dev.quoll.core.spec.FileSpec} of type file, a {@link
   *     dev.quoll.core.spec.RemoteSpec} or a {@link dev.quoll.core.spec.GitSpec}, with paths
   *     resolved against {@link #projectDir()}
   * @return the manifest and resolution
   * @throws dev.quoll.core.CoreException {@code EUNSUPPORTEDPROTOCOL} for a kind this fetcher does
   *     not handle, {@code ENOENT} for a missing file, {@code E<status>} for a failed download,
   *     {@code EGIT} when git fails, {@code ETARGET} when no git ref matches, {@code EBADTAR} for a
   *     tarball without a package.json
   */
  Fetched fetch(PackageSpec spec);

  /** The absolute project folder {@code file:} specs are relative to. */
  String projectDir();

  /** A fetcher that refuses every spec ({@code EUNSUPPORTEDPROTOCOL}), for registry-only builds. */
  static SourceFetcher none() {
    return new SourceFetcher() {
      @Override
      public Fetched fetch(PackageSpec spec) {
        throw new ResolveException(
            "EUNSUPPORTEDPROTOCOL",
            "Unsupported URL Type \"" + spec.type().npmName() + "\": " + spec.rawSpec(),
            "");
      }

      @Override
      public String projectDir() {
        return System.getProperty("user.dir");
      }
    };
  }
}
