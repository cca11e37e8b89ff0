package dev.quoll.client.install;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import java.nio.file.Path;
import java.util.List;

/**
 * The packages an install added, removed and changed, as npm 11's {@code reify-output} lists them
 * for {@code --json} (its {@code summary} object) and {@code --dry-run}/{@code --long}.
 *
 * @param add packages placed where nothing was, shallow first
 * @param remove packages removed and not replaced
 * @param change packages replaced by another version
 */
public record InstallChanges(List<Ref> add, List<Ref> remove, List<Change> change) {
  /** No changes. */
  public static final InstallChanges NONE = new InstallChanges(List.of(), List.of(), List.of());

  /** Copies the lists. */
  public InstallChanges {
    add = List.copyOf(add);
    remove = List.copyOf(remove);
    change = List.copyOf(change);
  }

  /**
   * One package folder.
   *
   * @param name the folder name under node_modules (npm's {@code node.name}: the alias for an
   *     alias), e.g. {@code @s/b}
   * @param version its package.json version ({@code ?} when unknown)
   * @param path the absolute folder
   */
  public record Ref(String name, String version, Path path) {
    ObjectNode json() {
      ObjectNode o = Json.object();
      o.put("name", name);
      o.put("version", version);
      o.put("path", path.toString());
      return o;
    }
  }

  /**
   * A package replaced by another version at the same place.
   *
   * @param from what was there
   * @param to what is there now
   */
  public record Change(Ref from, Ref to) {}

  /**
   * npm's {@code --json} summary: {@code add}, {@code added}, {@code audited}, {@code change},
   * {@code changed}, {@code funding}, {@code remove}, {@code removed}, in that key order.
   *
   * @param audited npm's audited count (0 when no audit ran)
   * @param funding packages looking for funding (npm's {@code libnpmfund} count)
   * @return the object
   */
  public ObjectNode json(int audited, int funding) {
    ObjectNode o = Json.object();
    ArrayNode a = o.putArray("add");
    add.forEach(r -> a.add(r.json()));
    o.put("added", add.size());
    o.put("audited", audited);
    ArrayNode c = o.putArray("change");
    for (Change ch : change) {
      ObjectNode x = c.addObject();
      x.set("from", ch.from().json());
      x.set("to", ch.to().json());
    }
    o.put("changed", change.size());
    o.put("funding", funding);
    ArrayNode r = o.putArray("remove");
    remove.forEach(x -> r.add(x.json()));
    o.put("removed", remove.size());
    return o;
  }

  /**
   * npm's {@code --dry-run} lines: {@code add name version}, {@code remove name version}, {@code
   * change name a => b}, in the order of reify-output's walk of the diff (treeverse's {@code depth}
   * with a stack: a folder before the folders inside it, siblings in descending order).
   *
   * @return the lines
   */
  public List<String> lines() {
    java.util.TreeMap<Path, String> out = new java.util.TreeMap<>(WALK);
    remove.forEach(r -> out.put(r.path(), "remove " + r.name() + " " + r.version()));
    add.forEach(r -> out.put(r.path(), "add " + r.name() + " " + r.version()));
    change.forEach(
        c ->
            out.put(
                c.to().path(),
                "change " + c.to().name() + " " + c.from().version() + " => " + c.to().version()));
    return List.copyOf(out.values());
  }

  /** The diff walk's order of folders: parents first, siblings by name, descending. */
  static final java.util.Comparator<Path> WALK =
      (a, b) -> {
        int n = Math.min(a.getNameCount(), b.getNameCount());
        for (int i = 0; i < n; i++) {
          int c = b.getName(i).toString().compareTo(a.getName(i).toString());
          if (c != 0) {
            return c;
          }
        }
        return Integer.compare(a.getNameCount(), b.getNameCount());
      };

  /** These changes with each list in the diff walk's order. */
  InstallChanges inWalkOrder() {
    java.util.Comparator<Ref> byPath = java.util.Comparator.comparing(Ref::path, WALK);
    return new InstallChanges(
        add.stream().sorted(byPath).toList(),
        remove.stream().sorted(byPath).toList(),
        change.stream().sorted(java.util.Comparator.comparing(c -> c.to().path(), WALK)).toList());
  }
}
