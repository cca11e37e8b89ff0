package dev.quoll.core.tarball;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.JsValues;
import dev.quoll.core.json.Json;
import dev.quoll.core.manifest.ManifestPaths;
import dev.quoll.core.path.PosixPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The package.json facts that packing depends on, normalised as @npmcli/package-json 7's {@code
 * normalize} steps normalise them (the reading pacote 21 and arborist 9 do before npm-packlist sees
 * the package): {@code bin} as a name→path map ({@code bin}/{@code binDir} steps), {@code
 * bundleDependencies} as a name list ({@code bundledDependencies}/{@code bundleDependencies}
 * steps).
 *
 * @param raw the package.json document as read ({@link MissingNode} when there is none)
 * @param bin normalised bin map, in document order
 * @param bundleDependencies normalised bundle list
 */
record PackManifest(JsonNode raw, Map<String, String> bin, List<String> bundleDependencies) {

  /**
   * Reads {@code dir/package.json}.
   *
   * @param dir a package folder
   * @return the manifest; an empty one when the folder has no package.json
   * @throws CoreException {@code EJSONPARSE} when package.json is not valid JSON
   */
  static PackManifest read(Path dir) {
    JsonNode raw;
    try {
      raw = Json.parse(Files.readAllBytes(dir.resolve("package.json")));
    } catch (NoSuchFileException e) {
      raw = MissingNode.getInstance();
    } catch (IOException e) {
      throw new CoreException("EJSONPARSE", "cannot read " + dir.resolve("package.json"), e);
    }
    return new PackManifest(raw, bins(raw, dir), bundles(raw));
  }

  /** {@code name} as a string, when it is one. */
  Optional<String> name() {
    return text("name");
  }

  /** {@code version} as a string, when it is one. */
  Optional<String> version() {
    return text("version");
  }

  /** A top-level field, or {@link MissingNode}. */
  JsonNode field(String key) {
    return raw.path(key);
  }

  /** The keys of a dependency map such as {@code dependencies}; empty when absent. */
  List<String> dependencyNames(String key) {
    List<String> names = new ArrayList<>();
    JsonNode deps = raw.path(key);
    if (deps.isObject()) {
      deps.fieldNames().forEachRemaining(names::add);
    }
    return names;
  }

  private Optional<String> text(String key) {
    JsonNode n = raw.path(key);
    return n.isTextual() ? Optional.of(n.textValue()) : Optional.empty();
  }

  private static List<String> bundles(JsonNode raw) {
    JsonNode bd = raw.path("bundleDependencies");
    if (bd.isMissingNode() && raw.has("bundledDependencies")) {
      bd = raw.path("bundledDependencies");
    }
    List<String> out = new ArrayList<>();
    if (bd.isBoolean() && bd.booleanValue()) {
      JsonNode deps = raw.path("dependencies");
      if (deps.isObject()) {
        deps.fieldNames().forEachRemaining(out::add);
      }
    } else if (bd.isArray()) {
      for (JsonNode n : bd) {
        out.add(JsValues.toJsString(n));
      }
    } else if (bd.isObject()) {
      bd.fieldNames().forEachRemaining(out::add);
    }
    return List.copyOf(out);
  }

  private static Map<String, String> bins(JsonNode raw, Path dir) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode bin = raw.path("bin");
    JsonNode binDir = raw.path("directories").path("bin");
    if (JsValues.truthy(binDir) && !JsValues.truthy(bin)) {
      String binPath = ManifestPaths.secure(JsValues.toJsString(binDir));
      Path base = dir.resolve(binPath);
      if (Files.isDirectory(base)) {
        try (Stream<Path> walk = Files.walk(base)) {
          walk.filter(p -> !p.equals(base))
              .map(p -> base.relativize(p).toString())
              .filter(rel -> !isDotted(rel))
              .sorted()
              .forEach(
                  rel ->
                      out.put(
                          rel.substring(rel.lastIndexOf('/') + 1),
                          binPath + "/" + ManifestPaths.secure(rel)));
        } catch (IOException e) {
          throw new CoreException("EJSONPARSE", "cannot list directories.bin " + base, e);
        }
      }
      return out;
    }
    if (!JsValues.truthy(bin)) {
      return out;
    }
    Map<String, JsonNode> entries = new LinkedHashMap<>();
    if (bin.isTextual()) {
      JsonNode name = raw.path("name");
      if (!JsValues.truthy(name)) {
        return out;
      }
      entries.put(JsValues.toJsString(name), bin);
    } else if (bin.isArray()) {
      for (JsonNode k : bin) {
        String key = JsValues.toJsString(k);
        entries.put(PosixPath.basename(key), k);
      }
    } else if (bin.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = bin.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        entries.put(e.getKey(), e.getValue());
      }
    } else {
      return out;
    }
    for (Map.Entry<String, JsonNode> e : entries.entrySet()) {
      if (!e.getValue().isTextual()) {
        continue;
      }
      String base = PosixPath.basename(ManifestPaths.secure(e.getKey()));
      String target = ManifestPaths.secure(e.getValue().textValue());
      if (base.isEmpty() || target.isEmpty()) {
        continue;
      }
      out.remove(e.getKey());
      out.put(base, target);
    }
    return out;
  }

  private static boolean isDotted(String rel) {
    // glob('**') without dot:true skips any path with a segment starting with '.'
    for (String seg : rel.split("/")) {
      if (seg.startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
