package dev.quoll.client.tree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Bundled dependencies read back from disk into the ideal tree, as arborist 9's reify does in
 * {@code loadBundlesAndUpdateTrees} (the tree builder never resolves a dependency's bundled deps:
 * the bundler's tarball brings them).
 *
 * <p>Contract: after the packages are on disk, every node with a non-empty {@code
 * bundleDependencies} (not the project root, not a link, not inert, shallowest first, skipping
 * bundlers a shallower bundle has replaced) whose folder exists gets the packages found in its
 * {@code node_modules} (recursively; scoped folders; a folder without a package.json naming a name
 * and version is skipped) as children, replacing the tree builder's child of the same name. Such a
 * node's {@code resolved} and {@code integrity} are the package.json's legacy {@code _resolved}
 * (unless a {@code file:} one with {@code _where}) and {@code _integrity}, else none. Then
 * arborist's {@code #pruneBundledMetadeps}: the nodes a bundled child shadows (what the bundler's
 * parent resolves that name to), and their dependencies, are removed from the tree unless something
 * outside that set depends on them. Dep flags are recomputed for the whole tree.
 */
public final class BundleContents {
  private BundleContents() {}

  /**
   * Loads the bundles of {@code root}'s tree from {@code project}'s node_modules.
   *
   * @param root the ideal tree's project root (modified in place)
   * @param project the project folder the tree was reified into
   * @param legacyPeerDeps whether peer dependencies are ignored (as the tree was built)
   * @return the locations of the nodes pruned as shadowed by a bundle (their folders are stale)
   * @throws UncheckedIOException when a node_modules folder cannot be listed
   */
  public static List<String> load(Node root, Path project, boolean legacyPeerDeps) {
    List<Node> bundlers = bundlers(root);
    if (bundlers.isEmpty()) {
      return List.of();
    }
    bundlers.sort(Comparator.comparingInt(Node::depth));
    List<Node> loaded = new ArrayList<>();
    for (Node b : bundlers) {
      Path dir = project.resolve(b.location());
      if (b.root() != root || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      loadChildren(b, dir.resolve("node_modules"), legacyPeerDeps);
      loaded.add(b);
    }
    List<String> pruned = pruneShadowed(loaded);
    DepFlags.reset(root);
    DepFlags.calc(root);
    return pruned;
  }

  /**
   * Whether {@link #load} can change {@code root}'s tree: whether any node bundles dependencies.
   *
   * @param root the ideal tree's project root
   * @return false when {@link #load} leaves the tree as it is
   */
  public static boolean hasBundlers(Node root) {
    return !bundlers(root).isEmpty();
  }

  /** The nodes whose bundled packages {@link #load} reads, in inventory order. */
  private static List<Node> bundlers(Node root) {
    List<Node> bundlers = new ArrayList<>();
    for (Node n : root.inventory()) {
      if (n != root
          && !n.isProjectRoot()
          && !n.isLink()
          && !n.inert()
          && !NodeRules.bundled(n).isEmpty()) {
        bundlers.add(n);
      }
    }
    return bundlers;
  }

  private static void loadChildren(Node parent, Path nodeModules, boolean legacyPeerDeps) {
    if (!Files.isDirectory(nodeModules, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    for (Path entry : list(nodeModules)) {
      String name = entry.getFileName().toString();
      if (name.startsWith(".")) {
        continue;
      }
      if (name.startsWith("@")) {
        for (Path scoped : list(entry)) {
          load(parent, name + "/" + scoped.getFileName(), scoped, legacyPeerDeps);
        }
      } else {
        load(parent, name, entry, legacyPeerDeps);
      }
    }
  }

  private static void load(Node parent, String name, Path dir, boolean legacyPeerDeps) {
    Optional<ObjectNode> pkg = readPackage(dir.resolve("package.json"));
    if (pkg.isEmpty()) {
      return;
    }
    ObjectNode p = pkg.get();
    String resolved = text(p, "_resolved");
    if (resolved != null && resolved.startsWith("file:") && p.hasNonNull("_where")) {
      resolved = null;
    }
    Node child =
        TreeAssembly.placeChild(parent, name, p, resolved, text(p, "_integrity"), legacyPeerDeps);
    loadChildren(child, dir.resolve("node_modules"), legacyPeerDeps);
  }

  private static Optional<ObjectNode> readPackage(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode doc = Json.parse(Files.readAllBytes(file));
      if (doc instanceof ObjectNode o
          && text(o, "name") != null
          && !text(o, "name").isEmpty()
          && text(o, "version") != null
          && !text(o, "version").isEmpty()) {
        return Optional.of(o);
      }
    } catch (IOException | RuntimeException e) {
      // not a package: arborist transplants only folders whose package.json has an _id
    }
    return Optional.empty();
  }

  private static String text(ObjectNode o, String field) {
    JsonNode v = o.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  /** arborist's {@code #pruneBundledMetadeps}; returns the removed nodes' locations. */
  private static List<String> pruneShadowed(List<Node> bundlers) {
    Set<Node> shadowed = new LinkedHashSet<>();
    for (Node b : bundlers) {
      Node parent = b.parentOrNull();
      if (parent == null) {
        continue;
      }
      for (String name : b.children().keySet()) {
        Node shadow = parent.resolve(name);
        if (shadow != null) {
          shadowed.add(shadow);
        }
      }
    }
    List<Node> queue = new ArrayList<>(shadowed);
    for (int i = 0; i < queue.size(); i++) {
      for (Edge e : queue.get(i).edgesOut().values()) {
        Node to = e.target();
        if (to != null && shadowed.add(to)) {
          queue.add(to);
        }
      }
    }
    boolean changed;
    do {
      changed = false;
      for (Node shadow : List.copyOf(shadowed)) {
        for (Edge e : shadow.edgesIn()) {
          if (!shadowed.contains(e.from())) {
            shadowed.remove(shadow);
            changed = true;
            break;
          }
        }
      }
    } while (changed);
    List<String> out = new ArrayList<>();
    for (Node shadow : shadowed) {
      if (shadow.parentOrNull() != null) {
        out.add(shadow.location());
        shadow.setParent(null);
      }
    }
    return out;
  }

  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      ds.forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort(Comparator.comparing(p -> p.getFileName().toString()));
    return out;
  }
}
