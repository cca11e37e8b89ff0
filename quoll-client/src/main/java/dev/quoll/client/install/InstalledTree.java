package dev.quoll.client.install;

import dev.quoll.client.lockfile.Lockfile;
import dev.quoll.client.lockfile.LockfileReader;
import dev.quoll.client.tree.DepFlags;
import dev.quoll.client.tree.Node;
import dev.quoll.client.tree.TreeAssembly;
import dev.quoll.core.CoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tree installed in a project, as {@code ls} and {@code outdated} read it.
 *
 * <p>Contract: when node_modules exists, the tree is npm's hidden lockfile {@code
 * node_modules/.package-lock.json} (written by every Quoll and npm install) or, without it, the
 * project lockfile; without node_modules it is the root alone, so every dependency shows as
 * missing. The root is always the current package.json, and the dep flags (extraneous, dev, ...)
 * are computed from it. (npm's {@code loadActual} reads every package folder when the hidden
 * lockfile is stale; Quoll trusts it.)
 */
public final class InstalledTree {
  private InstalledTree() {}

  /**
   * @param project the project's files
   * @return the root node with the installed packages below it
   * @throws CoreException {@code EJSONPARSE} for a broken lockfile
   */
  public static Node load(Project project) {
    Path nm = project.root().resolve("node_modules");
    if (!Files.isDirectory(nm)) {
      return TreeAssembly.projectRoot(project.manifest(), false);
    }
    Path hidden = nm.resolve(".package-lock.json");
    Node root;
    if (Files.isRegularFile(hidden)) {
      try {
        root =
            LockfileReader.read(
                Lockfile.parse(Files.readString(hidden, StandardCharsets.UTF_8)),
                project.manifest(),
                false);
      } catch (IOException e) {
        throw new CoreException("EIO", "Could not read " + hidden + ": " + e.getMessage(), e);
      }
    } else {
      root =
          project
              .lock()
              .map(l -> LockfileReader.read(l, project.manifest(), false))
              .orElseGet(() -> TreeAssembly.projectRoot(project.manifest(), false));
    }
    // flags from the current package.json, not the lockfile's: a dependency removed by hand is
    // extraneous (arborist recomputes them when the root's edges changed)
    DepFlags.reset(root);
    DepFlags.calc(root);
    return root;
  }
}
