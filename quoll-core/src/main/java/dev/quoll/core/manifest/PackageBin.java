package dev.quoll.core.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.JsValues;
import dev.quoll.core.path.PosixPath;
import java.util.ArrayList;
import java.util.List;

/**
 * @npmcli/package-json 7's {@code normalizePackageBin} and {@code normalizePackageMan} (formerly
 *     npm-normalize-package-bin): {@code bin} becomes an object of safe command names to safe
 *     relative paths, {@code man} an array of safe relative paths; invalid entries are dropped,
 *     empty fields removed.
 */
final class PackageBin {
  private PackageBin() {}

  /** Normalises {@code bin} in place, recording npm's change messages. */
  static void normalizeBin(ObjectNode pkg, List<String> changes) {
    JsonNode bin = pkg.get("bin");
    if (!JsValues.truthy(bin)) {
      pkg.remove("bin");
      return;
    }
    JsonNode name = pkg.get("name");
    if (bin.isTextual() && JsValues.truthy(name)) {
      changes.add("\"bin\" was converted to an object");
      ObjectNode o = pkg.objectNode();
      o.set(JsValues.toJsString(name), bin);
      pkg.set("bin", o);
    } else if (bin.isArray()) {
      changes.add("\"bin\" was converted to an object");
      ObjectNode o = pkg.objectNode();
      for (JsonNode k : bin) {
        if (!k.isTextual()) {
          throw new CoreException(
              "ERR_INVALID_ARG_TYPE",
              "The \"path\" argument must be of type string. Received " + received(k));
        }
        String path = k.textValue();
        o.put(PosixPath.basename(path), path);
      }
      pkg.set("bin", o);
    }
    if (!(pkg.get("bin") instanceof ObjectNode b)) {
      pkg.remove("bin");
      return;
    }
    List<String> keys = new ArrayList<>();
    b.fieldNames().forEachRemaining(keys::add);
    for (String binKey : keys) {
      if (!b.has(binKey)) {
        continue;
      }
      JsonNode target = b.get(binKey);
      if (!target.isTextual()) {
        b.remove(binKey);
        changes.add("removed invalid \"bin[" + binKey + "]\"");
        continue;
      }
      String base = PosixPath.basename(ManifestPaths.secure(binKey));
      if (base.isEmpty()) {
        b.remove(binKey);
        changes.add("removed invalid \"bin[" + binKey + "]\"");
        continue;
      }
      String binTarget = ManifestPaths.secure(target.textValue());
      if (binTarget.isEmpty()) {
        b.remove(binKey);
        changes.add("removed invalid \"bin[" + binKey + "]\"");
        continue;
      }
      if (!base.equals(binKey)) {
        b.remove(binKey);
        changes.add("\"bin[" + binKey + "]\" was renamed to \"bin[" + base + "]\"");
      }
      JsonNode current = b.get(binKey);
      if (current == null || !binTarget.equals(current.textValue())) {
        changes.add("\"bin[" + base + "]\" script name " + binTarget + " was invalid and removed");
      }
      b.put(base, binTarget);
    }
    if (b.isEmpty()) {
      changes.add("empty \"bin\" was removed");
      pkg.remove("bin");
    }
  }

  /** How node's {@code ERR_INVALID_ARG_TYPE} message describes a value it did not expect. */
  private static String received(JsonNode v) {
    if (v.isNull()) {
      return "null";
    }
    if (v.isObject()) {
      return "an instance of Object";
    }
    if (v.isArray()) {
      return "an instance of Array";
    }
    String type = v.isNumber() ? "number" : "boolean";
    return "type " + type + " (" + JsValues.toJsString(v) + ")";
  }

  /** Normalises {@code man} in place, recording npm's change messages. */
  static void normalizeMan(ObjectNode pkg, List<String> changes) {
    JsonNode man = pkg.get("man");
    if (JsValues.truthy(man)) {
      List<JsonNode> items = new ArrayList<>();
      if (man.isArray()) {
        man.forEach(items::add);
      } else {
        items.add(man);
      }
      ArrayNode mans = pkg.arrayNode();
      for (JsonNode m : items) {
        if (!m.isTextual()) {
          changes.add("removed invalid \"man [" + JsValues.toJsString(m) + "]\"");
        } else {
          mans.add(ManifestPaths.secure(m.textValue()));
        }
      }
      if (mans.isEmpty()) {
        changes.add("empty \"man\" was removed");
      } else {
        pkg.set("man", mans);
        return;
      }
    }
    pkg.remove("man");
  }
}
