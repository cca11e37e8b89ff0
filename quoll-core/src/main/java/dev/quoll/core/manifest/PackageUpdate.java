package dev.quoll.core.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.JsValues;
import dev.quoll.core.name.EcmaStrings;
import dev.quoll.core.tarball.NpmCollation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The package.json edits npm makes: @npmcli/package-json 7's {@code update()} (with its {@code
 * update-dependencies}, {@code update-scripts} and {@code update-workspaces} steps) and arborist
 * 9's {@code add-rm-pkg-deps} followed by the save in {@code reify.js}.
 *
 * <p>Contract: every method works on a copy and returns the new document; key positions follow
 * JavaScript: a replaced field keeps its place, a new or re-created field goes last.
 */
final class PackageUpdate {
  private static final List<String> DEP_TYPES =
      List.of("dependencies", "optionalDependencies", "devDependencies", "peerDependencies");
  private static final Set<String> KNOWN_KEYS =
      Set.of(
          "dependencies",
          "optionalDependencies",
          "devDependencies",
          "peerDependencies",
          "scripts",
          "workspaces");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PackageUpdate() {}

  /** {@code PackageJson.update(fields)} on a copy of {@code original}. */
  static ObjectNode update(ObjectNode original, ObjectNode fields) {
    ObjectNode result = updateDependencies(original.deepCopy(), fields);
    JsonNode scripts = fields.get("scripts");
    if (JsValues.truthy(scripts)) {
      for (var e : scripts.properties()) {
        if (!e.getValue().isTextual()) {
          throw new CoreException(
              "ESCRIPTSINVALID", "package.json scripts should be a key-value pair of strings.");
        }
      }
      result.set("scripts", scripts.deepCopy());
    }
    JsonNode workspaces = fields.get("workspaces");
    if (JsValues.truthy(workspaces)) {
      boolean valid = workspaces.isArray() && !workspaces.isEmpty();
      for (JsonNode w : workspaces) {
        valid &= w.isTextual();
      }
      if (!valid) {
        throw new CoreException("EWORKSPACESINVALID", "workspaces should be an array of strings.");
      }
      result.set("workspaces", workspaces.deepCopy());
    }
    for (var e : fields.properties()) {
      if (!KNOWN_KEYS.contains(e.getKey())) {
        if (e.getValue().isNull()) {
          result.remove(e.getKey());
        } else {
          result.set(e.getKey(), e.getValue().deepCopy());
        }
      }
    }
    return result;
  }

  private static ObjectNode updateDependencies(ObjectNode result, ObjectNode fields) {
    ObjectNode original = result.deepCopy();
    ObjectNode pkg = NODES.objectNode();
    for (String type : DEP_TYPES) {
      JsonNode given = fields.get(type);
      if (JsValues.truthy(given)) {
        ObjectNode deps = asObject(given);
        List<String> names = new ArrayList<>();
        deps.fieldNames().forEachRemaining(names::add);
        names.sort(NpmCollation::localeCompare);
        ObjectNode sorted = pkg.putObject(type);
        names.forEach(n -> sorted.set(n, deps.get(n).deepCopy()));
      }
    }
    if (pkg.has("dependencies") && pkg.has("optionalDependencies")) {
      ObjectNode deps = (ObjectNode) pkg.get("dependencies");
      pkg.get("optionalDependencies").fieldNames().forEachRemaining(deps::remove);
    }
    for (String type : DEP_TYPES) {
      if (pkg.has(type)) {
        result.set(type, pkg.get(type));
        if (pkg.get(type).isEmpty()) {
          result.remove(type);
        }
      }
    }
    JsonNode origProd = original.get("dependencies");
    JsonNode origPeer = original.get("peerDependencies");
    JsonNode newPeer = result.get("peerDependencies");
    if (JsValues.truthy(origProd)
        && JsValues.truthy(origPeer)
        && JsValues.truthy(newPeer)
        && origPeer.isObject()) {
      for (String name : names(origPeer)) {
        if (origProd.has(name) && newPeer.has(name)) {
          JsonNode deps = result.get("dependencies");
          if (!(deps instanceof ObjectNode)) {
            deps = result.putObject("dependencies");
          }
          ((ObjectNode) deps).set(name, newPeer.get(name).deepCopy());
        }
      }
    }
    return result;
  }

  /**
   * {@code npm pkg set <key>=<json> --json} (value non-null) or {@code npm pkg delete <key>} (value
   * null) for a dotted path of object keys: npm's {@code Queryable} sets the value, then the whole
   * document goes through {@code update()}, which sorts the dependency fields.
   */
  static ObjectNode setPath(ObjectNode original, String key, JsonNode value) {
    ObjectNode data = original.deepCopy();
    String[] keys = EcmaStrings.trim(key).split("\\.", -1);
    ObjectNode cur = data;
    for (int i = 0; i < keys.length; i++) {
      String k = keys[i];
      if (Set.of("__proto__", "constructor", "prototype").contains(k)) {
        throw new CoreException("EFORBIDDENKEY", "Forbidden key: \"" + k + "\"");
      }
      if (!k.isEmpty() && k.chars().allMatch(Character::isDigit) || k.contains("[")) {
        throw new CoreException("EINVALIDKEY", "Array paths are not supported: " + key);
      }
      if (i == keys.length - 1) {
        if (value == null) {
          cur.remove(k);
        } else {
          cur.set(k, value.deepCopy());
        }
        break;
      }
      JsonNode next = cur.get(k);
      if (value != null && next != null && !next.isNull()) {
        if (!JsValues.isObject(next)) {
          throw new CoreException(
              "EOVERRIDEVALUE", "Property " + k + " already exists and is not an Array or Object.");
        }
        if (next.isArray()) {
          throw new CoreException("ENOADDPROP", "Can't add property " + key + " to an Array.");
        }
      }
      if (next != null && next.isArray()) {
        break;
      }
      ObjectNode child = next instanceof ObjectNode o ? o : NODES.objectNode();
      cur.set(k, child);
      cur = child;
    }
    return update(data, data);
  }

  /**
   * {@code npm install name@spec --save-<type> [--save-bundle]}: {@code add()} on the normalised
   * manifest, the spec written by reify, then {@code update()} of the dependency fields.
   */
  static ObjectNode addDependency(
      ObjectNode raw, DependencyType type, String name, String spec, boolean saveBundle) {
    ObjectNode pkg = loadedForInstall(raw);
    switch (type) {
      case PROD -> {
        deleteSubKey(pkg, "devDependencies", name);
        deleteSubKey(pkg, "peerDependencies", name);
      }
      case DEV -> deleteSubKey(pkg, "dependencies", name);
      case OPTIONAL -> deleteSubKey(pkg, "peerDependencies", name);
      case PEER, PEER_OPTIONAL -> {
        deleteSubKey(pkg, "dependencies", name);
        deleteSubKey(pkg, "optionalDependencies", name);
      }
    }
    ObjectNode deps = objectField(pkg, type.field());
    deps.put(name, spec);
    if (type == DependencyType.OPTIONAL) {
      objectField(pkg, "dependencies").set(name, deps.get(name).deepCopy());
    }
    if ((type == DependencyType.PEER || type == DependencyType.PEER_OPTIONAL)
        && pkg.get("devDependencies") instanceof ObjectNode dev
        && dev.has(name)) {
      dev.set(name, deps.get(name).deepCopy());
    }
    if (saveBundle && type != DependencyType.PEER && type != DependencyType.PEER_OPTIONAL) {
      Set<String> bd = new LinkedHashSet<>();
      JsonNode old = pkg.get("bundleDependencies");
      if (JsValues.truthy(old) && old.isArray()) {
        old.forEach(n -> bd.add(JsValues.toJsString(n)));
      }
      bd.add(name);
      List<String> sorted = new ArrayList<>(bd);
      sorted.sort(NpmCollation::localeCompare);
      ArrayNode arr = pkg.putArray("bundleDependencies");
      sorted.forEach(arr::add);
    }
    if (type == DependencyType.PROD && pkg.get("optionalDependencies") instanceof ObjectNode o) {
      o.remove(name);
    }
    return save(raw, pkg);
  }

  /** {@code npm uninstall names}: {@code rm()} on the normalised manifest, then the save. */
  static ObjectNode removeDependencies(ObjectNode raw, List<String> names) {
    ObjectNode pkg = loadedForInstall(raw);
    for (String type : new LinkedHashSet<>(DEP_TYPES)) {
      for (String name : names) {
        deleteSubKey(pkg, type, name);
      }
    }
    if (pkg.get("bundleDependencies") instanceof ArrayNode bd) {
      ArrayNode kept = NODES.arrayNode();
      bd.forEach(
          n -> {
            if (!names.contains(JsValues.toJsString(n))) {
              kept.add(n);
            }
          });
      if (kept.isEmpty()) {
        pkg.remove("bundleDependencies");
      } else {
        pkg.set("bundleDependencies", kept);
      }
    }
    return save(raw, pkg);
  }

  /** The manifest as arborist holds it: {@code PackageJson.normalize} without a folder. */
  private static ObjectNode loadedForInstall(ObjectNode raw) {
    return Normalizer.of(NormalizeStep.NORMALIZE).run(Manifest.of(raw)).manifest().json();
  }

  /** reify's save: {@code update({dependencies, ..., bundleDependencies})} on the raw file. */
  private static ObjectNode save(ObjectNode raw, ObjectNode pkg) {
    ObjectNode fields = NODES.objectNode();
    for (String type :
        List.of("dependencies", "devDependencies", "optionalDependencies", "peerDependencies")) {
      JsonNode v = pkg.get(type);
      fields.set(type, v == null ? NODES.objectNode() : v);
    }
    JsonNode bd = pkg.get("bundleDependencies");
    fields.set("bundleDependencies", bd == null ? NODES.nullNode() : bd);
    return update(raw, fields);
  }

  /**
   * {@code pkg[field] = pkg[field] || {}} and the object JavaScript then writes into: an array
   * gains named properties (so it becomes an index-keyed object), a truthy scalar silently ignores
   * them (a detached object is returned).
   */
  private static ObjectNode objectField(ObjectNode pkg, String field) {
    JsonNode v = pkg.get(field);
    if (v instanceof ObjectNode o) {
      return o;
    }
    if (v != null && v.isArray()) {
      ObjectNode o = asObject(v);
      pkg.set(field, o);
      return o;
    }
    if (JsValues.truthy(v)) {
      return NODES.objectNode();
    }
    return pkg.putObject(field);
  }

  /**
   * A value as JavaScript's {@code Object.keys}/property reads see it: objects as they are, arrays
   * and strings as objects keyed by index, other values as empty objects.
   */
  private static ObjectNode asObject(JsonNode v) {
    if (v instanceof ObjectNode o) {
      return o;
    }
    ObjectNode out = NODES.objectNode();
    if (v.isArray()) {
      for (int i = 0; i < v.size(); i++) {
        out.set(Integer.toString(i), v.get(i));
      }
    } else if (v.isTextual()) {
      String s = v.textValue();
      for (int i = 0; i < s.length(); i++) {
        out.put(Integer.toString(i), String.valueOf(s.charAt(i)));
      }
    }
    return out;
  }

  private static void deleteSubKey(ObjectNode pkg, String type, String name) {
    if (!(pkg.get(type) instanceof ObjectNode deps) || !deps.has(name)) {
      return;
    }
    deps.remove(name);
    if (type.equals("peerDependencies")
        && pkg.get("peerDependenciesMeta") instanceof ObjectNode m) {
      m.remove(name);
      if (m.isEmpty()) {
        pkg.remove("peerDependenciesMeta");
      }
    }
    if (deps.isEmpty()) {
      pkg.remove(type);
    }
  }

  private static List<String> names(JsonNode o) {
    List<String> out = new ArrayList<>();
    o.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
