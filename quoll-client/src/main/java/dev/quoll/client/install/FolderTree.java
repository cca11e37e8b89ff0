package dev.quoll.client.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.lockfile.Lockfile;
import dev.quoll.client.lockfile.LockfileReader;
import dev.quoll.client.tree.DepFlags;
import dev.quoll.client.tree.Node;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.Json;
import dev.quoll.core.json.JsonFormat;
import dev.quoll.core.manifest.Manifest;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The installed packages read from their folders, as arborist's {@code loadActual} reads them when
 * it does not trust the hidden lockfile: the result is a lockfile-shaped {@code packages} document
 * that {@link LockfileReader} turns into a tree.
 *
 * <p>Contract (arborist 9 load-actual.js {@code loadFSChildren}, shrinkwrap.js {@code add}): below
 * each package folder (and the root) the entries of {@code node_modules} are read, scope folders
 * entered, names starting with a dot skipped; a folder with a readable {@code package.json} is a
 * package whose entry is that package.json (its own name and version, so a version edited by hand
 * or an alias shows as it is on disk); a symbolic link is a link entry whose {@code resolved} is
 * its target relative to the root, and the target's folder is read once; a folder without a
 * readable {@code package.json} object is kept as a package with no name or version of its own
 * (arborist's node with a package error: {@code ls} shows it as {@code name@}, invalid when
 * something depends on it) and its own {@code node_modules} is read too. {@code resolved} and
 * {@code integrity} come from the package.json's {@code _resolved}/{@code _integrity} or else from
 * the metadata lockfile's entry at the same location when that entry's version agrees. Workspace
 * folders package.json names are read even when no link points at them.
 */
public final class FolderTree {
  private final Path root;
  private final JsonNode meta;
  private final ObjectNode packages = Json.object();

  private FolderTree(Path root, JsonNode meta) {
    this.root = root;
    this.meta = meta;
  }

  /**
   * Reads a project's installed packages from its folders.
   *
   * @param project the project
   * @return the root (package.json) with the packages on disk below it, dep flags computed
   * @throws CoreException {@code EIO} when a folder cannot be listed
   */
  public static Node project(Project project) {
    JsonNode meta =
        project.lock().map(l -> l.data().path("packages")).orElse(Json.object()).deepCopy();
    FolderTree t = new FolderTree(project.root(), meta);
    t.children(project.root());
    for (var ws : project.workspaces()) {
      if (!t.packages.has(ws.path())) {
        t.load(project.root().resolve(ws.path()));
      }
    }
    return tree(t.packages, project.manifest());
  }

  /**
   * The global packages of {@code <prefix>/lib}: as arborist's global {@code loadActual}, the root
   * has no package.json and depends on each of its children ({@code *}, a link on {@code file:} and
   * its target), so none is extraneous.
   *
   * @param lib the {@code <prefix>/lib} folder
   * @return the root with the packages below it
   * @throws CoreException {@code EIO} when a folder cannot be listed
   */
  public static Node global(Path lib) {
    FolderTree t = new FolderTree(lib, Json.object());
    t.children(lib);
    ObjectNode pkg = Json.object();
    ObjectNode deps = Json.object();
    for (var e : t.packages.properties()) {
      String loc = e.getKey();
      if (loc.startsWith("node_modules/") && loc.lastIndexOf("node_modules/") == 0) {
        String name = loc.substring("node_modules/".length());
        deps.put(
            name,
            e.getValue().path("link").asBoolean(false)
                // the target relative to lib, which LocalLinks resolves back to the target's
                // location whatever the working folder (arborist: file:<realpath>)
                ? "file:" + e.getValue().path("resolved").asText()
                : "*");
      }
    }
    if (!deps.isEmpty()) {
      pkg.set("dependencies", deps);
    }
    return tree(t.packages, Manifest.of(pkg));
  }

  private static Node tree(ObjectNode packages, Manifest manifest) {
    ObjectNode doc = Json.object();
    doc.put("lockfileVersion", 3);
    doc.set("packages", packages);
    Node root = LockfileReader.read(new Lockfile(doc, JsonFormat.DEFAULT, 3), manifest, false);
    DepFlags.reset(root);
    DepFlags.calc(root);
    return root;
  }

  /** Reads {@code dir/node_modules}. */
  private void children(Path dir) {
    Path nm = dir.resolve("node_modules");
    if (!Files.isDirectory(nm)) {
      return;
    }
    for (Path child : list(nm)) {
      String name = child.getFileName().toString();
      if (name.startsWith(".")) {
        continue;
      }
      if (name.startsWith("@") && !Files.isSymbolicLink(child)) {
        list(child).forEach(this::child);
      } else {
        child(child);
      }
    }
  }

  private void child(Path path) {
    String loc = rel(path);
    if (Files.isSymbolicLink(path)) {
      Path target;
      try {
        target = path.getParent().resolve(Files.readSymbolicLink(path)).normalize();
      } catch (IOException e) {
        return;
      }
      if (!Files.isDirectory(target)) {
        return;
      }
      ObjectNode link = packages.putObject(loc);
      link.put("resolved", rel(target));
      link.put("link", true);
      if (!packages.has(rel(target))) {
        load(target);
      }
    } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      load(path);
    }
  }

  /** One package folder and its children. */
  private void load(Path dir) {
    String loc = rel(dir);
    // arborist keeps a folder with no (readable) package.json as a node with a package error: no
    // name or version of its own, resolved and integrity from the metadata lockfile
    ObjectNode manifest =
        readManifest(dir.resolve("package.json")) instanceof ObjectNode m ? m : Json.object();
    ObjectNode entry = Json.object();
    for (var f : manifest.properties()) {
      if (!LockfileReader.NODE_KEYS.contains(f.getKey())) {
        entry.set(f.getKey(), f.getValue());
      }
    }
    String resolved = text(manifest, "_resolved");
    String integrity = text(manifest, "_integrity");
    JsonNode lock = meta.path(loc);
    String version = text(manifest, "version");
    String lockVersion = text(lock, "version");
    if ((resolved == null || integrity == null)
        && (text(lock, "resolved") != null || text(lock, "integrity") != null)
        && (lockVersion == null || version == null || lockVersion.equals(version))) {
      resolved = resolved != null ? resolved : text(lock, "resolved");
      integrity = integrity != null ? integrity : text(lock, "integrity");
    }
    if (resolved != null) {
      entry.put("resolved", resolved);
    }
    if (integrity != null) {
      entry.put("integrity", integrity);
    }
    packages.set(loc, entry);
    children(dir);
  }

  /** The parsed package.json, or null when it is absent or no JSON. */
  private static JsonNode readManifest(Path pj) {
    try {
      return Files.isRegularFile(pj) ? Json.parse(Files.readAllBytes(pj)) : null;
    } catch (IOException | CoreException e) {
      return null;
    }
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v != null && v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
  }

  private String rel(Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }

  private static List<Path> list(Path dir) {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      ds.forEach(out::add);
    } catch (IOException e) {
      throw new CoreException("EIO", "Could not read " + dir + ": " + e.getMessage(), e);
    }
    out.sort(null);
    return out;
  }

  /** The hidden lockfile is trusted: see {@link HiddenLockfileCheck}. */
  static Optional<Lockfile> trustedHidden(Path project) {
    Path hidden = project.resolve("node_modules").resolve(".package-lock.json");
    if (!Files.isRegularFile(hidden)) {
      return Optional.empty();
    }
    Lockfile l;
    try {
      l = Lockfile.parse(Files.readString(hidden));
    } catch (IOException | CoreException e) {
      return Optional.empty();
    }
    return l.hasPackages() && HiddenLockfileCheck.valid(project, hidden, l.data().get("packages"))
        ? Optional.of(l)
        : Optional.empty();
  }
}
