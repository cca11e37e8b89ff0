package dev.quoll.client.install;

import dev.quoll.client.lockfile.Lockfile;
import dev.quoll.client.lockfile.LockfileReader;
import dev.quoll.client.tree.DepFlags;
import dev.quoll.client.tree.Node;
import dev.quoll.client.tree.TreeAssembly;
import dev.quoll.core.CoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The tree installed in a project, as {@code ls} and {@code outdated} read it.
 *
 * <p>Contract (arborist 9 {@code loadActual}): when node_modules exists, the tree is npm's hidden
 * lockfile {@code node_modules/.package-lock.json} when npm would trust it ({@link
 * HiddenLockfileCheck}: no folder newer, every entry present), else the package folders themselves
 * ({@link FolderTree}, with the project lockfile only as the source of {@code resolved} and {@code
 * integrity}); without node_modules it is the root alone, so every dependency shows as missing. The
 * root is always the current package.json, and the dep flags (extraneous, dev, ...) are computed
 * from it.
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
    Optional<Lockfile> hidden = FolderTree.trustedHidden(project.root());
    if (hidden.isEmpty()) {
      return FolderTree.project(project);
    }
    Node root = LockfileReader.read(hidden.get(), project.manifest(), false);
    // flags from the current package.json, not the lockfile's: a dependency removed by hand is
    // extraneous (arborist recomputes them when the root's edges changed)
    DepFlags.reset(root);
    DepFlags.calc(root);
    return root;
  }
}
