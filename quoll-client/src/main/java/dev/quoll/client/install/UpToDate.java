package dev.quoll.client.install;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.client.lockfile.Lockfile;
import dev.quoll.core.json.Json;
import dev.quoll.core.manifest.Manifest;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The no-op fast path of {@code install}: decides, without building a tree, that node_modules
 * already holds exactly what package.json and the lockfile ask for.
 *
 * <p>Contract: true only when all of these hold, else false (the full install then runs, which is
 * always correct): the lockfile has a {@code packages} section whose root entry lists the same
 * {@code dependencies}, {@code devDependencies}, {@code optionalDependencies} and {@code
 * peerDependencies} as package.json; npm's hidden lockfile {@code node_modules/.package-lock.json}
 * exists and every one of its entries is in the lockfile with the same version, integrity and link
 * target; every lockfile entry under {@code node_modules} is in the hidden lockfile, except
 * optional packages this {@link Platform} rejects and what lies inside them; every folder the
 * hidden lockfile names exists and was not modified after the hidden lockfile was written
 * (arborist's rule for trusting the hidden lockfile); and node_modules has no other top-level
 * package folder.
 */
public final class UpToDate {
  private static final String[] FIELDS = {
    "dependencies", "devDependencies", "optionalDependencies", "peerDependencies"
  };

  private UpToDate() {}

  /**
   * @param root the project folder
   * @param manifest its package.json
   * @param lock its lockfile
   * @return whether nothing needs to change
   */
  public static boolean check(Path root, Manifest manifest, Lockfile lock) {
    return verify(root, manifest, lock).isPresent();
  }

  /**
   * As {@link #check}, giving the hidden lockfile's package locations when nothing needs to change.
   *
   * @param root the project folder
   * @param manifest its package.json
   * @param lock its lockfile
   * @return the keys of the hidden lockfile's {@code packages}, in file order; empty when the full
   *     install must run
   */
  static Optional<Set<String>> verify(Path root, Manifest manifest, Lockfile lock) {
    if (!lock.hasPackages()) {
      return Optional.empty();
    }
    JsonNode packages = lock.data().get("packages");
    JsonNode rootEntry = packages.path("");
    for (String f : FIELDS) {
      if (!sameStrings(manifest.json().path(f), rootEntry.path(f))) {
        return Optional.empty();
      }
    }
    Path nm = root.resolve("node_modules");
    Path hiddenFile = nm.resolve(".package-lock.json");
    JsonNode hidden;
    FileTime hiddenTime;
    try {
      hiddenTime = Files.getLastModifiedTime(hiddenFile);
      hidden = Json.parse(Files.readAllBytes(hiddenFile)).path("packages");
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    if (!hidden.isObject()) {
      return Optional.empty();
    }
    for (Map.Entry<String, JsonNode> e : hidden.properties()) {
      JsonNode locked = packages.get(e.getKey());
      if (locked == null || !sameEntry(e.getValue(), locked)) {
        return Optional.empty();
      }
      try {
        Path dir = root.resolve(e.getKey());
        if (Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).compareTo(hiddenTime) > 0) {
          return Optional.empty();
        }
      } catch (IOException ex) {
        return Optional.empty();
      }
    }
    Set<String> skipped = new HashSet<>();
    for (Map.Entry<String, JsonNode> e : packages.properties()) {
      String loc = e.getKey();
      if (!loc.startsWith("node_modules/") || hidden.has(loc)) {
        continue;
      }
      boolean insideSkipped = skipped.stream().anyMatch(s -> loc.startsWith(s + "/"));
      JsonNode entry = e.getValue();
      boolean optional = entry.path("optional").asBoolean(false);
      if (!insideSkipped && !optional && !entry.path("inBundle").asBoolean(false)) {
        return Optional.empty();
      }
      skipped.add(loc);
    }
    if (!topLevelKnown(nm, hidden::has)) {
      return Optional.empty();
    }
    Set<String> locs = new LinkedHashSet<>();
    for (Map.Entry<String, JsonNode> e : hidden.properties()) {
      locs.add(e.getKey());
    }
    return Optional.of(locs);
  }

  /**
   * Whether every top-level package folder of node_modules (scoped ones one level down; dot entries
   * skipped) is a location {@code known} accepts, e.g. {@code node_modules/@s/a}.
   *
   * @return false also when node_modules cannot be read
   */
  static boolean topLevelKnown(Path nm, Predicate<String> known) {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(nm)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (n.startsWith(".")) {
          continue;
        }
        if (n.startsWith("@") && !Files.isSymbolicLink(p)) {
          try (DirectoryStream<Path> scoped = Files.newDirectoryStream(p)) {
            for (Path s : scoped) {
              if (!known.test("node_modules/" + n + "/" + s.getFileName())) {
                return false;
              }
            }
          }
        } else if (!known.test("node_modules/" + n)) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean sameEntry(JsonNode hidden, JsonNode locked) {
    return Objects.equals(text(hidden, "version"), text(locked, "version"))
        && Objects.equals(text(hidden, "integrity"), text(locked, "integrity"))
        && hidden.path("link").asBoolean(false) == locked.path("link").asBoolean(false)
        && (!hidden.path("link").asBoolean(false)
            || Objects.equals(text(hidden, "resolved"), text(locked, "resolved")));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null ? null : v.asText();
  }

  private static boolean sameStrings(JsonNode a, JsonNode b) {
    boolean aEmpty = !a.isObject() || a.isEmpty();
    boolean bEmpty = !b.isObject() || b.isEmpty();
    if (aEmpty || bEmpty) {
      return aEmpty == bEmpty;
    }
    return a.equals(b);
  }
}
