package dev.quoll.core.tarball;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.core.json.JsValues;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a package folder declares workspaces that exist, as arborist 9 decides before giving the
 * root node a {@code workspaces} map (which changes npm-packlist's rules for sub-folders): {@code
 * workspaces} (or {@code workspaces.packages}) is an array whose patterns, as
 *
 * <p>map-workspaces reads them ({@code !} negations, leading {@code ./} dropped), match at least
 * one folder outside {@code node_modules} that holds a package.json.
 *
 * <p>Approximation: the patterns are matched with {@link IgnorePattern}, which ignores case and
 * lets wildcards match dot folders, where map-workspaces' glob does neither.
 */
final class Workspaces {
  private Workspaces() {}

  /**
   * @param manifest the root manifest
   * @param dir the root folder
   * @return whether at least one declared workspace folder exists
   */
  static boolean declared(PackManifest manifest, Path dir) {
    JsonNode ws = manifest.field("workspaces");
    if (ws.isObject() && ws.path("packages").isArray()) {
      ws = ws.path("packages");
    }
    if (!ws.isArray() || ws.isEmpty()) {
      return false;
    }
    List<IgnorePattern> include = new ArrayList<>();
    List<IgnorePattern> exclude = new ArrayList<>();
    for (JsonNode p : ws) {
      String text = JsValues.toJsString(p);
      int bangs = 0;
      while (bangs < text.length() && text.charAt(bangs) == '!') {
        bangs++;
      }
      String pattern = text.substring(bangs).replaceFirst("^\\.?/+", "").replaceFirst("/+$", "");
      if (pattern.isEmpty()) {
        continue;
      }
      (bangs % 2 == 1 ? exclude : include).add(new IgnorePattern(pattern));
    }
    if (include.isEmpty()) {
      return false;
    }
    boolean[] found = {false};
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
              String name = d.getFileName() == null ? "" : d.getFileName().toString();
              if (!d.equals(dir) && (name.equals("node_modules") || name.equals(".git"))) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              if (!d.equals(dir) && Files.isRegularFile(d.resolve("package.json"))) {
                String rel = dir.relativize(d).toString();
                int depth = rel.split("/").length;
                if (matchesAny(include, rel, depth) && !matchesAny(exclude, rel, depth)) {
                  found[0] = true;
                  return FileVisitResult.TERMINATE;
                }
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      return false;
    }
    return found[0];
  }

  private static boolean matchesAny(List<IgnorePattern> patterns, String rel, int depth) {
    for (IgnorePattern p : patterns) {
      boolean slashless = p.globParts().stream().allMatch(parts -> parts.size() == 1);
      if ((!slashless || depth == 1) && p.matches(rel, false)) {
        return true;
      }
    }
    return false;
  }
}
