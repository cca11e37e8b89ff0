package dev.quoll.client.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.ClientException;
import dev.quoll.client.config.NpmConfig;
import dev.quoll.client.lockfile.Lockfile;
import dev.quoll.client.lockfile.LockfileReader;
import dev.quoll.client.reify.PlacedPackage;
import dev.quoll.client.tree.DepFlags;
import dev.quoll.client.tree.Edge;
import dev.quoll.client.tree.EdgeType;
import dev.quoll.client.tree.Node;
import dev.quoll.client.tree.TreeAssembly;
import dev.quoll.core.json.Json;
import dev.quoll.core.manifest.Manifest;
import dev.quoll.core.tarball.NpmCollation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code install -w <ws>} / {@code --workspaces} / {@code ci -w} without package arguments: npm 11
 * builds the whole ideal tree (and writes the whole package-lock.json) but reifies only the part of
 * it the named workspaces need (arborist 9 {@code reify}'s {@code filterNodes} and {@code
 * Diff.calculate}'s {@code filterSet}).
 *
 * <p>Contract: the filter set is every ideal-tree location reachable from each named workspace's
 * link and folder by dependency edges (a link brings its target), plus, with {@code
 * --include-workspace-root}, from every non-workspace dependency of the root; on-disk packages
 * below a named workspace's own {@code node_modules} are in it too (arborist's extraneous
 * children). Inside the set the ideal tree is reified; outside it, node_modules is left as the
 * hidden lockfile {@code node_modules/.package-lock.json} says it is (nothing outside is added,
 * changed or removed), and the hidden lockfile keeps its entries there. The actual tree's edges are
 * followed too, as arborist does, so a package on disk that only the old version of a named
 * workspace needed (as the hidden lockfile records it) is removed.
 *
 * @param folders the named workspaces' folders relative to the project, e.g. {@code packages/a}
 * @param includeRoot {@code --include-workspace-root}: the root's own dependencies are in the set
 */
public record WorkspaceFilter(List<String> folders, boolean includeRoot) {
  /** Copies the list. */
  public WorkspaceFilter {
    folders = List.copyOf(folders);
  }

  /**
   * The filter for {@code -w} values (workspace names or folders, as npm's {@code getWorkspaces}
   * matches them) or {@code --workspaces} (every workspace).
   *
   * @param project the project folder
   * @param names the {@code -w} values
   * @param all {@code --workspaces}
   * @param includeRoot {@code --include-workspace-root}
   * @return the filter
   * @throws ClientException {@code ENOWORKSPACES} (npm's message) when a name matches no workspace
   *     or there are none
   */
  public static WorkspaceFilter of(
      Path project, List<String> names, boolean all, boolean includeRoot) {
    return new WorkspaceFilter(folders(project, names, all), includeRoot);
  }

  /** The folders of the named workspaces; see {@link #of}. */
  static List<String> folders(Path root, List<String> names, boolean all) {
    Manifest rootManifest = Manifest.read(root.resolve("package.json"));
    Map<String, String> found = WorkspaceGlobs.find(root, rootManifest.json().get("workspaces"));
    List<String> targets = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    if (all) {
      targets.addAll(found.values());
    }
    for (String n : names) {
      String norm = root.relativize(root.resolve(n).normalize()).toString().replace('\\', '/');
      if (found.containsKey(n)) {
        targets.add(found.get(n));
      } else if (found.containsValue(norm)) {
        targets.add(norm);
      } else {
        missing.add(n);
      }
    }
    if (!missing.isEmpty() || targets.isEmpty()) {
      StringBuilder b = new StringBuilder("No workspaces found:");
      (missing.isEmpty() ? names : missing).forEach(m -> b.append("\n  --workspace=").append(m));
      throw new ClientException("ENOWORKSPACES", b.toString());
    }
    return List.copyOf(new LinkedHashSet<>(targets));
  }

  /**
   * The named workspaces' package names (folder names when package.json has none), in filter order.
   *
   * @param project the project folder
   * @return the names
   */
  public List<String> names(Path project) {
    List<String> out = new ArrayList<>();
    for (String f : folders) {
      Path pj = project.resolve(f).resolve("package.json");
      String base = f.substring(f.lastIndexOf('/') + 1);
      out.add(Files.isRegularFile(pj) ? Manifest.read(pj).name().orElse(base) : base);
    }
    return out;
  }

  /**
   * The locations this filter lets reify touch, walking the ideal and the actual tree together by
   * location (arborist 9 diff.js {@code calculate} with {@code filterNodes}): from each named
   * workspace's folder and root link, the targets of the edges of the ideal node and of the actual
   * node at each location reached (a link brings its target), the actual nodes' extraneous
   * children, and the packages on disk below a named workspace's own node_modules.
   *
   * @param ideal the ideal tree's root
   * @param actual the actual tree's root (the old hidden lockfile, {@link #actual})
   * @param onDisk locations of packages now on disk (the hidden lockfile's keys)
   * @return the locations
   */
  Set<String> locations(Node ideal, Node actual, Set<String> onDisk) {
    Map<String, Node> idealAt = byLocation(ideal);
    Map<String, Node> actualAt = byLocation(actual);
    Deque<String> queue = new ArrayDeque<>();
    for (Node root : List.of(ideal, actual)) {
      for (Node child : root.children().values()) {
        child
            .linkTarget()
            .filter(t -> folders.contains(t.location()))
            .ifPresent(
                t -> {
                  queue.add(child.location());
                });
      }
      if (includeRoot) {
        for (Edge e : root.edgesOut().values()) {
          if (e.type() != EdgeType.WORKSPACE) {
            e.to().ifPresent(to -> queue.add(to.location()));
          }
        }
      }
    }
    queue.addAll(folders);
    Set<String> out = new LinkedHashSet<>();
    while (!queue.isEmpty()) {
      String loc = queue.poll();
      if (!out.add(loc)) {
        continue;
      }
      for (Node n : new Node[] {idealAt.get(loc), actualAt.get(loc)}) {
        if (n == null) {
          continue;
        }
        n.linkTarget().ifPresent(t -> queue.add(t.location()));
        Node src = n.linkTarget().orElse(n);
        for (Edge e : src.edgesOut().values()) {
          e.to().ifPresent(to -> queue.add(to.location()));
        }
      }
      Node a = actualAt.get(loc);
      if (a != null) {
        for (Node child : a.linkTarget().orElse(a).children().values()) {
          if (child.extraneous()) {
            out.add(child.location());
          }
        }
      }
    }
    out.remove("");
    for (String loc : onDisk) {
      for (String f : folders) {
        if (loc.startsWith(f + "/node_modules/")) {
          out.add(loc);
        }
      }
    }
    return out;
  }

  private static Map<String, Node> byLocation(Node root) {
    Map<String, Node> out = new java.util.HashMap<>();
    for (Node n : root.inventory()) {
      out.put(n.location(), n);
    }
    return out;
  }

  /**
   * The actual tree as the hidden lockfile records it, with each workspace folder's current
   * package.json (arborist's {@code loadVirtual} reads link targets outside node_modules from
   * disk), dep flags computed from the current package.json; the root alone without one.
   */
  static Node actual(Optional<Lockfile> hidden, Project project, boolean legacy) {
    Manifest manifest = project.manifest();
    Node root = TreeAssembly.projectRoot(manifest, legacy);
    if (hidden.isPresent() && hidden.get().hasPackages()) {
      Lockfile h = hidden.get();
      ObjectNode doc = h.data().deepCopy();
      ObjectNode packages = (ObjectNode) doc.get("packages");
      for (var ws : project.workspaces()) {
        if (packages.has(ws.path())) {
          packages.set(ws.path(), ws.manifest().json());
        }
      }
      root = LockfileReader.read(new Lockfile(doc, h.format(), h.version()), manifest, legacy);
    }
    DepFlags.reset(root);
    DepFlags.calc(root);
    return root;
  }

  /**
   * The plan reify gets: the ideal plan inside {@code touched}, and the packages on disk outside it
   * (not below a touched location) as they are.
   */
  static List<PlacedPackage> plan(
      List<PlacedPackage> ideal, List<PlacedPackage> onDisk, Set<String> touched) {
    List<PlacedPackage> out = new ArrayList<>();
    Set<String> locs = new HashSet<>();
    for (PlacedPackage p : ideal) {
      if (touched.contains(p.location())) {
        out.add(p);
        locs.add(p.location());
      }
    }
    for (PlacedPackage p : onDisk) {
      if (!touched.contains(p.location())
          && !locs.contains(p.location())
          && !LocationNesting.insideAny(p.location(), touched)) {
        out.add(p);
      }
    }
    return out;
  }

  /** The old hidden lockfile's locations outside (and not below) {@code touched}. */
  static Set<String> untouched(Optional<Lockfile> old, Set<String> touched) {
    Set<String> out = new HashSet<>();
    old.ifPresent(
        o ->
            o.data()
                .path("packages")
                .fieldNames()
                .forEachRemaining(
                    loc -> {
                      if (!loc.isEmpty()
                          && !touched.contains(loc)
                          && !LocationNesting.insideAny(loc, touched)) {
                        out.add(loc);
                      }
                    }));
    return out;
  }

  /** The hidden lockfile now on disk, if readable. */
  static Optional<Lockfile> hidden(Path project) {
    Path p = project.resolve("node_modules/.package-lock.json");
    try {
      return Files.isRegularFile(p)
          ? Optional.of(Lockfile.parse(Files.readString(p)))
          : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The packages the hidden lockfile records, as a plan (nothing omitted). */
  static List<PlacedPackage> onDisk(
      Optional<Lockfile> hidden, Manifest manifest, boolean legacy, NpmConfig config) {
    if (hidden.isEmpty() || !hidden.get().hasPackages()) {
      return List.of();
    }
    Node tree = LockfileReader.read(hidden.get(), manifest, legacy);
    return TreePlan.of(tree, Set.of(), config);
  }

  /**
   * The hidden lockfile text after a filtered reify: {@code written} (the ideal tree's, already
   * without the locations reify did not place) with the old entries of the locations kept as they
   * were, keys in the lockfile's order.
   */
  static String mergeHidden(
      String written, Optional<Lockfile> old, Set<String> kept, dev.quoll.core.json.JsonFormat f) {
    ObjectNode doc = (ObjectNode) Json.parse(written);
    if (old.isEmpty() || !(doc.get("packages") instanceof ObjectNode packages)) {
      return written;
    }
    JsonNode oldPackages = old.get().data().path("packages");
    Map<String, JsonNode> merged = new java.util.TreeMap<>(NpmCollation::localeCompare);
    packages.properties().forEach(e -> merged.put(e.getKey(), e.getValue()));
    for (String loc : kept) {
      if (oldPackages.has(loc)) {
        merged.put(loc, oldPackages.get(loc));
      }
    }
    ObjectNode out = Json.object();
    merged.forEach(out::set);
    doc.set("packages", out);
    String text = Json.stringify(doc, f.indent()) + "\n";
    return f.newline().equals("\n") ? text : text.replace("\n", f.newline());
  }
}
