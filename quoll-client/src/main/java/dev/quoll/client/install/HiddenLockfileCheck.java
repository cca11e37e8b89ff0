package dev.quoll.client.install;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether npm would trust a project's hidden lockfile {@code node_modules/.package-lock.json}.
 *
 * <p>Contract (arborist 9 shrinkwrap.js {@code assertNoNewer}): the file is valid when no folder
 * arborist walks is newer than the file's modification time plus 10 ms (milliseconds, as node's
 * {@code stat} gives them), every package folder walked has an entry, and every entry was seen. The
 * walk starts at {@code node_modules}, enters scope folders, each package folder and its own {@code
 * node_modules} (names starting with a dot are skipped), follows links to folders not seen yet, and
 * then walks the lockfile's folders outside node_modules that no link points at.
 */
final class HiddenLockfileCheck {
  private final Path root;
  private final JsonNode packages;
  private final long lockTime;
  private final Set<String> seen = new HashSet<>();

  private HiddenLockfileCheck(Path root, JsonNode packages, long lockTime) {
    this.root = root;
    this.packages = packages;
    this.lockTime = lockTime;
  }

  /**
   * @param root the project folder
   * @param hidden the hidden lockfile
   * @param packages its {@code packages} object
   * @return whether npm loads the tree from it
   */
  static boolean valid(Path root, Path hidden, JsonNode packages) {
    try {
      long lockTime = Files.getLastModifiedTime(hidden).toMillis() + 10;
      return new HiddenLockfileCheck(root, packages, lockTime).check();
    } catch (IOException e) {
      return false;
    }
  }

  private boolean check() throws IOException {
    if (!walk(root.resolve("node_modules"))) {
      return false;
    }
    Set<String> linkTargets = new HashSet<>();
    packages
        .properties()
        .forEach(
            e -> {
              if (e.getValue().path("link").asBoolean(false)) {
                linkTargets.add(e.getValue().path("resolved").asText(""));
              }
            });
    Set<String> extra = new LinkedHashSet<>();
    for (var e : packages.properties()) {
      String loc = e.getKey();
      int i = loc.indexOf("/node_modules/");
      String top = i < 0 ? loc : loc.substring(0, i);
      if (!top.isEmpty()
          && !List.of(top.split("/")).contains("node_modules")
          && !linkTargets.contains(top)) {
        extra.add(top);
      }
    }
    for (String rel : extra) {
      if (!walk(root.resolve(rel))) {
        return false;
      }
    }
    for (var e : packages.properties()) {
      if (!e.getKey().isEmpty() && !seen.contains(e.getKey())) {
        return false;
      }
    }
    return true;
  }

  /** One folder of {@code assertNoNewer} below the root; false when the lockfile is stale. */
  private boolean walk(Path dir) throws IOException {
    String base = dir.getFileName().toString();
    boolean isNm = base.equals("node_modules");
    boolean isScope = base.startsWith("@");
    String rel = rel(dir);
    seen.add(rel);
    if (Files.getLastModifiedTime(dir).toMillis() > lockTime) {
      return false;
    }
    if (!isScope && !isNm && !packages.has(rel)) {
      return false;
    }
    Path parent = isNm || isScope ? dir : dir.resolve("node_modules");
    if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
      return true;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
      for (Path child : ds) {
        String name = child.getFileName().toString();
        if (Files.isSymbolicLink(child)) {
          Path target = parent.resolve(Files.readSymbolicLink(child)).normalize();
          seen.add(rel(child));
          if (Files.isDirectory(target) && !seen.contains(rel(target)) && !walk(target)) {
            return false;
          }
        } else if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)
            && !name.startsWith(".")
            && !walk(child)) {
          return false;
        }
      }
    }
    return true;
  }

  private String rel(Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }
}
