package dev.quoll.client.tree;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.Json;
import dev.quoll.core.path.PosixPath;
import dev.quoll.core.spec.FileSpec;
import dev.quoll.core.spec.PackageSpec;
import dev.quoll.core.spec.SpecType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code file:} folder dependencies as arborist 9 places them: a link node named after the
 * dependency, pointing at a target node for the folder. The target sits in the tree as an fs child
 * of the project root at its path relative to the project (e.g. {@code dep} or {@code ../dep}, the
 * lockfile key of its own entry; the link's {@code resolved} is that path). A target inside the
 * project has its dependencies resolved and hoisted like a workspace's; a target outside the
 * project is left alone ("somebody else's problem", arborist's {@code #resolveLinks}).
 *
 * <p>Relative specs are resolved against the declaring folder: the project, or the link target or
 * workspace declaring them.
 */
final class LocalLinks {
  private LocalLinks() {}

  /**
   * The folder relative {@code file:} specs of {@code from}'s edges are resolved against (absolute,
   * {@code /} separators).
   */
  static String baseDir(Node from, String projectDir) {
    Node n = from.sourceReference() != null ? from.sourceReference() : from;
    if (n.isTop() && !n.isProjectRoot() && !n.location().isEmpty()) {
      return PosixPath.resolve(projectDir, n.location());
    }
    return projectDir;
  }

  /**
   * The link node for a {@code file:} folder edge (not yet placed), or null when the edge's spec is
   * not a folder. The target is found among the root's fs children, else read from the folder's
   * package.json and added.
   *
   * @throws ResolveException {@code ENOENT} when the folder has no package.json
   * @throws CoreException {@code EJSONPARSE} for a broken package.json, spec parse errors
   */
  static Node linkFor(String name, Edge edge, String projectDir, boolean legacyPeerDeps) {
    String spec = edge.spec();
    if (spec.isEmpty() || !mayBeFolder(spec)) {
      return null;
    }
    PackageSpec parsed = PackageSpec.parse(name, spec, Path.of(baseDir(edge.from(), projectDir)));
    if (!(parsed instanceof FileSpec file) || file.type() != SpecType.DIRECTORY) {
      return null;
    }
    String abs = file.fetchSpec().orElseThrow();
    String rel = relative(projectDir, abs);
    Node root = realRoot(edge.from());
    Node target = null;
    for (Node fs : root.fsChildren()) {
      if (fs.location().equals(rel)) {
        target = fs;
      }
    }
    if (target == null) {
      target = TreeAssembly.addWorkspace(root, rel, readPackage(abs), legacyPeerDeps);
    }
    return new Node(NodeInit.of(name, target.pkg(), target.location(), null).withLink(target));
  }

  /** Whether a spec could be a folder (cheap test before parsing). */
  private static boolean mayBeFolder(String spec) {
    return spec.startsWith("file:")
        || spec.startsWith(".")
        || spec.startsWith("/")
        || spec.startsWith("~");
  }

  /**
   * Whether a tree node lies outside the project folder (its location climbs out or is absolute).
   */
  static boolean external(Node node) {
    String loc = node.location();
    return loc.equals("..") || loc.startsWith("../") || loc.startsWith("/");
  }

  /** {@code abs} relative to {@code projectDir}, {@code /}-separated ("" for the project). */
  static String relative(String projectDir, String abs) {
    return PosixPath.relative("/", projectDir, abs);
  }

  /**
   * Whether {@code node} meets a file spec (arborist's {@code dep-valid} for {@code file:}): a
   * folder spec wants a link to that folder, a tarball spec a node resolved to {@code file:<path>}.
   */
  static boolean satisfies(FileSpec spec, Node node, Node from) {
    String projectDir = from.root().projectDir();
    PackageSpec rebased =
        PackageSpec.parse(
            spec.name().orElse(node.name()), spec.rawSpec(), Path.of(baseDir(from, projectDir)));
    String rel = relative(projectDir, rebased.fetchSpec().orElse(""));
    if (spec.type() == SpecType.DIRECTORY) {
      return node.linkTarget().map(t -> t.location().equals(rel)).orElse(false);
    }
    return node.resolved().map(r -> r.equals("file:" + rel)).orElse(false);
  }

  private static Node realRoot(Node from) {
    Node root = from.root();
    while (root.sourceReference() != null) {
      root = root.sourceReference().root();
    }
    return root;
  }

  private static ObjectNode readPackage(String dir) {
    Path pj = Path.of(dir, "package.json");
    try {
      return Json.parseObject(Files.readString(pj));
    } catch (NoSuchFileException e) {
      throw new ResolveException(
          "ENOENT", "Could not read package.json: " + pj + " does not exist", "");
    } catch (IOException e) {
      throw new ResolveException("ENOENT", "Could not read package.json: " + e, "");
    }
  }
}
