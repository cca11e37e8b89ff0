package dev.quoll.client.lockfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.tree.Node;
import dev.quoll.core.json.JsValues;
import dev.quoll.core.json.Json;
import dev.quoll.core.json.JsonFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes a tree as npm 11 writes {@code package-lock.json} v3 and the hidden lockfile {@code
 * node_modules/.package-lock.json} (arborist 9's {@code Shrinkwrap.commit} and {@code
 * metaFromNode}, printed by json-stringify-nice).
 *
 * <p>Contract: the document is {@code name}, {@code version} (the root's), {@code lockfileVersion:
 * 3}, {@code requires: true} and {@code packages} keyed by location ({@code ""} for the root; the
 * hidden form has no root entry, name or version). Each entry holds the manifest's truthy {@code
 * version}, dependency fields, {@code funding}, {@code engines}, {@code os}/{@code cpu}/{@code
 * libc}, {@code license} (an object's {@code type}), {@code bin}, {@code deprecated}, {@code
 * workspaces}; {@code name} for the root and aliases; {@code devDependencies} for top nodes; {@code
 * integrity}, {@code inBundle}, {@code hasInstallScript}, {@code resolved}; and {@code extraneous},
 * else {@code peer}/{@code dev}/{@code optional}/{@code devOptional}. Links are {@code {resolved,
 * link}}. Placeholders of failed optional packages are left out. Keys are ordered by {@link
 * NiceOrder}; the text uses the given indent and newline and ends with a newline.
 */
public final class LockfileWriter {
  private static final List<String> PKG_META_KEYS =
      List.of(
          "version",
          "dependencies",
          "peerDependencies",
          "peerDependenciesMeta",
          "optionalDependencies",
          "bundleDependencies",
          "acceptDependencies",
          "funding",
          "engines",
          "os",
          "cpu",
          "libc",
          "_integrity",
          "license",
          "_hasShrinkwrap",
          "hasInstallScript",
          "bin",
          "deprecated",
          "workspaces");

  private LockfileWriter() {}

  /**
   * The text of {@code package-lock.json} v3 for a tree.
   *
   * @param root the project root node
   * @param folderName the project folder's name (used when package.json has no name)
   * @param format the indent and newline to use (npm keeps the existing file's)
   * @return the file's text, with a final newline
   */
  public static String write(Node root, String folderName, JsonFormat format) {
    return print(document(root, folderName, entries(root, true)), format);
  }

  /**
   * The text of the hidden lockfile {@code node_modules/.package-lock.json}: as {@link #write}
   * without the root entry and without inert nodes (not on disk).
   */
  public static String writeHidden(Node root, String folderName, JsonFormat format) {
    return print(document(root, folderName, entries(root, false)), format);
  }

  /**
   * Both lockfile texts of one tree.
   *
   * @param lockfile {@link #write}'s text
   * @param hidden {@link #writeHidden}'s text
   */
  public record Texts(String lockfile, String hidden) {}

  /**
   * {@link #write} and {@link #writeHidden} of one tree, each entry's metadata built and key-sorted
   * once for both (an install writes both files).
   *
   * @param root the project root node
   * @param folderName the project folder's name (used when package.json has no name)
   * @param format the indent and newline to use
   * @return both texts, each with a final newline
   */
  public static Texts writeBoth(Node root, String folderName, JsonFormat format) {
    Map<Node, ObjectNode> metas = new IdentityHashMap<>();
    Function<Node, ObjectNode> meta = n -> metas.computeIfAbsent(n, LockfileWriter::sortedMeta);
    return new Texts(
        print(document(root, folderName, entries(root, true, meta)), format),
        print(document(root, folderName, entries(root, false, meta)), format));
  }

  /** The document with its keys in {@link NiceOrder} (entries' own keys sorted already). */
  private static ObjectNode document(Node root, String folderName, ObjectNode packages) {
    ObjectNode doc = Json.object();
    doc.put("name", root.packageName().orElse(folderName));
    root.version().ifPresent(v -> doc.put("version", v));
    doc.put("lockfileVersion", 3);
    doc.put("requires", true);
    doc.set("packages", NiceOrder.sortKeys(packages));
    return NiceOrder.sortKeys(doc);
  }

  private static String print(ObjectNode doc, JsonFormat format) {
    String text = Json.stringify(doc, format.indent()) + "\n";
    return format.newline().equals("\n") ? text : text.replace("\n", format.newline());
  }

  private static ObjectNode entries(Node root, boolean withRoot) {
    return entries(root, withRoot, LockfileWriter::sortedMeta);
  }

  /** The {@code packages} entries, each from {@code meta} (unsorted at this level). */
  private static ObjectNode entries(Node root, boolean withRoot, Function<Node, ObjectNode> meta) {
    ObjectNode packages = Json.object();
    if (withRoot) {
      ObjectNode rootMeta = meta.apply(root);
      if (!rootMeta.isEmpty()) {
        packages.set("", rootMeta);
      }
    }
    for (Node node : root.inventory()) {
      if (node == root) {
        continue;
      }
      String loc = node.location();
      if (node.extraneous() && !loc.contains("node_modules")) {
        continue;
      }
      if (node.inert() && node.version().isEmpty()) {
        continue;
      }
      if (!withRoot && node.inert()) {
        continue;
      }
      packages.set(loc, meta.apply(node));
    }
    return packages;
  }

  private static ObjectNode sortedMeta(Node node) {
    return (ObjectNode) NiceOrder.sort(meta(node));
  }

  /** arborist's {@code Shrinkwrap.metaFromNode} for one node. */
  static ObjectNode meta(Node node) {
    ObjectNode meta = Json.object();
    if (node.isLink()) {
      meta.put("resolved", node.resolved().orElse(""));
      meta.put("link", true);
      return meta;
    }
    ObjectNode pkg = node.pkg();
    for (String key : PKG_META_KEYS) {
      JsonNode val = field(pkg, key);
      if (val != null) {
        meta.set(key.startsWith("_") ? key.substring(1) : key, val);
      }
    }
    String pname = node.packageName().orElse(null);
    if (pname != null
        && (node.isProjectRoot()
            || !pname.equals(node.name())
            || !folderName(node).equals(pname))) {
      meta.put("name", pname);
    }
    if (node.isTop()) {
      JsonNode dev = pkg.get("devDependencies");
      if (dev != null && JsValues.truthy(dev)) {
        meta.set("devDependencies", dev);
      }
    }
    node.integrity().ifPresent(i -> meta.put("integrity", i));
    if (node.inBundle()) {
      meta.put("inBundle", true);
    }
    if (pkg.path("_hasShrinkwrap").asBoolean(false)) {
      meta.put("hasShrinkwrap", true);
    }
    if (node.hasInstallScript()) {
      meta.put("hasInstallScript", true);
    }
    node.resolved().ifPresent(r -> meta.put("resolved", r));
    if (node.extraneous()) {
      meta.put("extraneous", true);
    } else {
      if (node.peer()) {
        meta.put("peer", true);
      }
      if (node.dev()) {
        meta.put("dev", true);
      }
      if (node.optional()) {
        meta.put("optional", true);
      }
      if (node.devOptional() && !node.dev() && !node.optional()) {
        meta.put("devOptional", true);
      }
    }
    return meta;
  }

  private static String folderName(Node node) {
    String loc = node.location();
    int nm = loc.lastIndexOf("node_modules/");
    return nm >= 0 ? loc.substring(nm + "node_modules/".length()) : node.name();
  }

  private static JsonNode field(ObjectNode pkg, String key) {
    JsonNode val = pkg.get(key);
    if (val == null || !JsValues.truthy(val)) {
      return null;
    }
    if (key.equals("license")
        && val.isObject()
        && val.has("type")
        && JsValues.truthy(val.get("type"))) {
      return val.get("type");
    }
    if (val.isContainerNode() && val.isEmpty()) {
      return null;
    }
    return val.deepCopy();
  }
}
