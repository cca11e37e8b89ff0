package dev.quoll.client.reify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The packages present in a project's node_modules, found by walking the folders (as arborist's
 * {@code loadActual} does, without its tree of edges).
 *
 * <p>Contract: every folder {@code node_modules/<name>} and {@code node_modules/@scope/<name>},
 * recursively inside packages, is one entry; dot-folders ({@code .bin}, {@code .package-lock.json},
 * staging folders) are skipped; a symbolic link is an entry with its link target and is not
 * descended into. The name and version come from the folder's package.json (an unreadable one gives
 * empty strings, which never equal a planned package, so the folder is replaced). The integrity is
 * taken from npm's hidden lockfile {@code node_modules/.package-lock.json} when its entry has the
 * same version; it is empty otherwise.
 */
final class ActualTree {
  /** A package found on disk. */
  record Installed(
      String location, String name, String version, String integrity, String linkTarget) {}

  private ActualTree() {}

  static Map<String, Installed> scan(Path root) {
    return scan(root, java.util.Set.of());
  }

  /**
   * As {@link #scan(Path)}, also walking the {@code node_modules} of these project folders (the
   * targets of workspace and {@code file:} links, e.g. {@code packages/a}).
   */
  static Map<String, Installed> scan(Path root, java.util.Set<String> folders) {
    Map<String, Installed> out = new LinkedHashMap<>();
    JsonNode hidden = readHidden(root);
    walk(root, root.resolve("node_modules"), "node_modules", hidden, out);
    for (String f : new java.util.TreeSet<>(folders)) {
      walk(root, root.resolve(f).resolve("node_modules"), f + "/node_modules", hidden, out);
    }
    return out;
  }

  private static void walk(
      Path root, Path nm, String nmLoc, JsonNode hidden, Map<String, Installed> out) {
    if (!Files.isDirectory(nm, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    for (Path child : list(nm)) {
      String n = child.getFileName().toString();
      if (n.startsWith(".")) {
        continue;
      }
      if (n.startsWith("@") && !Files.isSymbolicLink(child)) {
        for (Path scoped : list(child)) {
          String sn = scoped.getFileName().toString();
          if (!sn.startsWith(".")) {
            add(root, scoped, nmLoc + "/" + n + "/" + sn, hidden, out);
          }
        }
      } else {
        add(root, child, nmLoc + "/" + n, hidden, out);
      }
    }
  }

  private static void add(
      Path root, Path dir, String loc, JsonNode hidden, Map<String, Installed> out) {
    if (Files.isSymbolicLink(dir)) {
      try {
        Path target = dir.getParent().resolve(Files.readSymbolicLink(dir)).normalize();
        String rel = root.relativize(target).toString().replace('\\', '/');
        out.put(loc, new Installed(loc, "", "", "", rel));
      } catch (IOException e) {
        out.put(loc, new Installed(loc, "", "", "", "?"));
      }
      return;
    }
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    String name = "";
    String version = "";
    try {
      JsonNode pj = Json.parse(Files.readAllBytes(dir.resolve("package.json")));
      name = pj.path("name").asText("");
      version = pj.path("version").asText("");
    } catch (IOException | RuntimeException e) {
      // unreadable package.json: empty name and version, so it is replaced
    }
    JsonNode h = hidden.path("packages").path(loc);
    String integrity =
        h.path("version").asText("").equals(version) ? h.path("integrity").asText("") : "";
    out.put(loc, new Installed(loc, name, version, integrity, ""));
    walk(root, dir.resolve("node_modules"), loc + "/node_modules", hidden, out);
  }

  private static JsonNode readHidden(Path root) {
    Path p = root.resolve("node_modules").resolve(".package-lock.json");
    try {
      return Json.parse(Files.readAllBytes(p));
    } catch (IOException | RuntimeException e) {
      return Json.object();
    }
  }

  static Optional<JsonNode> packageJson(Path dir) {
    try {
      return Optional.of(Json.parse(Files.readAllBytes(dir.resolve("package.json"))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static java.util.List<Path> list(Path dir) {
    java.util.List<Path> out = new java.util.ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      ds.forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort(null);
    return out;
  }
}
