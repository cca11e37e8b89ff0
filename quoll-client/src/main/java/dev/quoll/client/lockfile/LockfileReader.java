package dev.quoll.client.lockfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.tree.Node;
import dev.quoll.client.tree.TreeAssembly;
import dev.quoll.core.json.Json;
import dev.quoll.core.manifest.Manifest;
import dev.quoll.semver.Options;
import dev.quoll.semver.Semver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads a lockfile into a tree (arborist 9's {@code loadVirtual}): the root is package.json (the
 * lockfile's root entry is not trusted over it); v2/v3 {@code packages} entries become nodes at
 * their locations, workspace folders become fs children with links; a v1 file's nested {@code
 * dependencies} become nodes with {@code requires} as their dependencies and aliases ({@code
 * npm:name@version}) split into name and version; an entry whose version is no semver version (a
 * git, {@code file:} or URL dependency's resolution, as v1 writes them) is kept without version,
 * resolution and integrity, so the builder resolves it again (the locked git commit is not kept).
 * Dep flags are taken from the entries ({@code devOptional} also set by {@code dev} or {@code
 * optional}).
 */
public final class LockfileReader {
  /**
   * The fields of a lockfile {@code packages} entry that are facts about the node (where it came
   * from, its dep flags), not copies of its package.json (arborist 9's {@code Shrinkwrap} metadata
   * keys).
   */
  public static final Set<String> NODE_KEYS =
      Set.of(
          "resolved",
          "integrity",
          "link",
          "dev",
          "optional",
          "devOptional",
          "peer",
          "extraneous",
          "inBundle",
          "hasShrinkwrap");

  private LockfileReader() {}

  /**
   * The tree a lockfile describes.
   *
   * @param lock the parsed lockfile
   * @param rootManifest the project's package.json
   * @param legacyPeerDeps whether peer dependencies are ignored
   * @return the project root node with the locked nodes below it
   */
  public static Node read(Lockfile lock, Manifest rootManifest, boolean legacyPeerDeps) {
    Node root = TreeAssembly.projectRoot(rootManifest, legacyPeerDeps);
    if (lock.hasPackages()) {
      readPackages(root, (ObjectNode) lock.data().get("packages"), legacyPeerDeps);
    } else if (lock.data().path("dependencies").isObject()) {
      readV1(root, (ObjectNode) lock.data().get("dependencies"), legacyPeerDeps);
    }
    return root;
  }

  private static void readPackages(Node root, ObjectNode packages, boolean legacy) {
    Map<String, Node> byLoc = new HashMap<>();
    byLoc.put("", root);
    List<String> nested = new ArrayList<>();
    List<String> links = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : packages.properties()) {
      String loc = e.getKey();
      if (loc.isEmpty()) {
        continue;
      }
      if (e.getValue().path("link").asBoolean(false)) {
        links.add(loc);
      } else if (!loc.startsWith("node_modules/") && !loc.contains("/node_modules/")) {
        byLoc.put(loc, TreeAssembly.addWorkspace(root, loc, pkgOf(loc, e.getValue()), legacy));
      } else {
        nested.add(loc);
      }
    }
    for (String loc : links) {
      JsonNode entry = packages.get(loc);
      Node target = byLoc.get(entry.path("resolved").asText());
      Node parent = byLoc.get(parentLoc(loc));
      if (target != null && parent != null) {
        byLoc.put(loc, TreeAssembly.addLink(parent, nameOf(loc), target));
      }
    }
    nested.sort(
        (a, b) -> {
          int d = Integer.compare(depth(a), depth(b));
          return d != 0 ? d : a.compareTo(b);
        });
    for (String loc : nested) {
      Node parent = byLoc.get(parentLoc(loc));
      if (parent == null) {
        continue;
      }
      JsonNode entry = packages.get(loc);
      Node n =
          TreeAssembly.placeChild(
              parent,
              nameOf(loc),
              pkgOf(loc, entry),
              text(entry, "resolved"),
              text(entry, "integrity"),
              legacy);
      setFlags(n, entry);
      byLoc.put(loc, n);
    }
  }

  private static void setFlags(Node n, JsonNode entry) {
    boolean dev = entry.path("dev").asBoolean(false);
    boolean optional = entry.path("optional").asBoolean(false);
    TreeAssembly.setFlags(
        n,
        dev,
        optional,
        entry.path("devOptional").asBoolean(false) || dev || optional,
        entry.path("peer").asBoolean(false),
        entry.path("extraneous").asBoolean(false));
  }

  private static ObjectNode pkgOf(String loc, JsonNode entry) {
    ObjectNode pkg = Json.object();
    String name = entry.path("name").isTextual() ? entry.get("name").asText() : nameOf(loc);
    pkg.put("name", name);
    for (Map.Entry<String, JsonNode> f : entry.properties()) {
      if (NODE_KEYS.contains(f.getKey()) || f.getKey().equals("name")) {
        continue;
      }
      pkg.set(f.getKey(), f.getValue().deepCopy());
    }
    if (entry.path("hasShrinkwrap").asBoolean(false)) {
      pkg.put("_hasShrinkwrap", true);
    }
    return pkg;
  }

  private static void readV1(Node parent, ObjectNode deps, boolean legacy) {
    for (Map.Entry<String, JsonNode> e : deps.properties()) {
      String name = e.getKey();
      JsonNode entry = e.getValue();
      ObjectNode pkg = Json.object();
      String version = entry.path("version").asText("");
      String realName = name;
      if (version.startsWith("npm:")) {
        String alias = version.substring(4);
        int at = alias.lastIndexOf('@');
        if (at > 0) {
          realName = alias.substring(0, at);
          version = alias.substring(at + 1);
        }
      }
      String resolved = text(entry, "resolved");
      String integrity = text(entry, "integrity");
      if (!version.isEmpty() && Semver.valid(version, Options.LOOSE).isEmpty()) {
        // a git, file or URL dependency (v1 writes its resolution as the version): resolved again
        resolved = null;
        integrity = null;
        version = "";
      }
      pkg.put("name", realName);
      if (!version.isEmpty()) {
        pkg.put("version", version);
      }
      if (entry.path("requires").isObject()) {
        pkg.set("dependencies", entry.get("requires").deepCopy());
      }
      Node n = TreeAssembly.placeChild(parent, name, pkg, resolved, integrity, legacy);
      setFlags(n, entry);
      if (entry.path("dependencies").isObject()) {
        readV1(n, (ObjectNode) entry.get("dependencies"), legacy);
      }
    }
  }

  private static String text(JsonNode entry, String field) {
    JsonNode v = entry.get(field);
    return v != null && v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
  }

  /** How many {@code node_modules} levels deep (as {@code loc.split("/node_modules/").length}). */
  private static int depth(String loc) {
    String sep = "/node_modules/";
    int n = 1;
    for (int i = loc.indexOf(sep); i >= 0; i = loc.indexOf(sep, i + sep.length())) {
      n++;
    }
    return n;
  }

  private static String parentLoc(String loc) {
    int i = loc.lastIndexOf("node_modules/");
    if (i <= 0) {
      return "";
    }
    return loc.substring(0, i - 1);
  }

  private static String nameOf(String loc) {
    int i = loc.lastIndexOf("node_modules/");
    return i >= 0
        ? loc.substring(i + "node_modules/".length())
        : loc.substring(loc.lastIndexOf('/') + 1);
  }
}
