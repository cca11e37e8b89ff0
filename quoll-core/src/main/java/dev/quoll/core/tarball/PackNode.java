package dev.quoll.core.tarball;

import dev.quoll.core.CoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A package on disk as arborist 9's {@code loadActual} sees it for npm-packlist: where it sits (a
 * symlink under {@code node_modules} is a link node), where its files really are, its manifest, and
 * how its dependency names resolve to bundled packages.
 *
 * @param location the folder as reached from the project (a link's own path for link nodes)
 * @param real the resolved folder holding the files
 * @param link whether {@code location} is a symbolic link
 * @param projectRoot the folder being packed
 * @param manifest the package's normalised manifest
 * @param hasWorkspaces whether arborist gives this node a workspaces map (see {@link
 *     Workspaces#declared})
 */
record PackNode(
    Path location,
    Path real,
    boolean link,
    Path projectRoot,
    PackManifest manifest,
    boolean hasWorkspaces) {

  /**
   * The project root node.
   *
   * @throws CoreException {@code ENOENT} when the folder does not exist
   */
  static PackNode root(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    try {
      Path real = abs.toRealPath();
      PackManifest manifest = PackManifest.read(real);
      return new PackNode(abs, real, false, abs, manifest, Workspaces.declared(manifest, real));
    } catch (IOException e) {
      throw new CoreException("ENOENT", "no such directory: " + abs, e);
    }
  }

  /** Whether this is the project being packed (its bundleDependencies decide what is bundled). */
  boolean isProjectRoot() {
    return location.equals(projectRoot);
  }

  /**
   * The names this package bundles, after arborist's edge rules: the root's bundleDependencies that
   * are prod or optional dependencies (not dev or peer ones); a bundled package's dependencies and
   * optionalDependencies.
   */
  List<String> bundleNames() {
    if (!isProjectRoot()) {
      List<String> names = new java.util.ArrayList<>(manifest.dependencyNames("dependencies"));
      names.addAll(manifest.dependencyNames("optionalDependencies"));
      return names;
    }
    List<String> dev = manifest.dependencyNames("devDependencies");
    List<String> prod = manifest.dependencyNames("dependencies");
    List<String> optional = manifest.dependencyNames("optionalDependencies");
    return manifest.bundleDependencies().stream()
        .filter(n -> !dev.contains(n) && (prod.contains(n) || optional.contains(n)))
        .toList();
  }

  /**
   * Resolves a dependency name as node's module resolution does from this package: its own {@code
   * node_modules}, then those of the enclosing packages up to the project root.
   */
  Optional<PackNode> resolve(String name) {
    Path start = real.startsWith(projectRoot.toAbsolutePath()) ? location : real;
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (dir.getFileName() != null && dir.getFileName().toString().equals("node_modules")) {
        continue;
      }
      Path candidate = dir.resolve("node_modules").resolve(name);
      if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS) && Files.isDirectory(candidate)) {
        try {
          Path candidateReal = candidate.toRealPath();
          boolean isLink = Files.isSymbolicLink(candidate);
          return Optional.of(
              new PackNode(
                  candidate,
                  candidateReal,
                  isLink,
                  projectRoot,
                  PackManifest.read(candidateReal),
                  false));
        } catch (IOException e) {
          return Optional.empty();
        }
      }
      if (dir.equals(projectRoot) || !dir.startsWith(projectRoot)) {
        break;
      }
    }
    return Optional.empty();
  }
}
