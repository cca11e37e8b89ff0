package dev.quoll.core.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.JsValues;
import dev.quoll.core.name.EcmaStrings;
import dev.quoll.core.path.PosixPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The steps of @npmcli/package-json 7 that look at the package folder ({@code asyncSteps} of {@code
 * lib/normalize.js}), in npm's order: gypfile, serverjs, authors, readme, mans, binDir (or bin),
 * gitHead, fillTypes, binRefs.
 *
 * <p>Directory listings replace npm's glob 13 calls with the same matching rules (no dot files,
 * {@code **} not entering dot folders or following links) and are sorted by name.
 */
final class FolderSteps {
  private static final Pattern MARKDOWN =
      Pattern.compile("\\.m?a?r?k?d?o?w?n?$", Pattern.CASE_INSENSITIVE);
  private static final Pattern MAN_PAGE = Pattern.compile(".*\\.[0-9]");
  private static final Pattern PACKED_REF = Pattern.compile("^([0-9a-f]{40}) (.+)$");

  private FolderSteps() {}

  static void run(Normalizer.Draft d) {
    ObjectNode data = d.data;
    JsonNode rawScripts = data.get("scripts");
    ObjectNode scripts =
        rawScripts instanceof ObjectNode o
            ? o
            : JsValues.truthy(rawScripts) ? null : data.objectNode();
    if (d.has(NormalizeStep.GYPFILE)
        && !JsValues.truthy(field(scripts, "install"))
        && !JsValues.truthy(field(scripts, "preinstall"))
        && !isFalse(data.get("gypfile"))
        && !list(d.folder).stream().filter(n -> n.endsWith(".gyp")).toList().isEmpty()) {
      if (scripts != null) {
        scripts.put("install", "node-gyp rebuild");
        data.set("scripts", scripts);
      }
      data.put("gypfile", true);
      d.changes.add("\"scripts.install\" was set to \"node-gyp rebuild\"");
      d.changes.add("\"gypfile\" was set to \"true\"");
    }
    if (d.has(NormalizeStep.SERVERJS)
        && !JsValues.truthy(field(scripts, "start"))
        && exists(d.folder, "server.js")) {
      if (scripts != null) {
        scripts.put("start", "node server.js");
        data.set("scripts", scripts);
      }
      d.changes.add("\"scripts.start\" was set to \"node server.js\"");
    }
    if (d.has(NormalizeStep.AUTHORS) && !JsValues.truthy(data.get("contributors"))) {
      authors(d);
    }
    if (d.has(NormalizeStep.README) && !JsValues.truthy(data.get("readme"))) {
      readme(d);
    }
    if (d.has(NormalizeStep.MANS)) {
      JsonNode dirs = data.get("directories");
      if (dirs != null
          && dirs.isObject()
          && JsValues.truthy(dirs.get("man"))
          && !JsValues.truthy(data.get("man"))) {
        String manDir = ManifestPaths.secure(JsValues.toJsString(dirs.get("man")));
        ArrayNode man = data.arrayNode();
        for (String f : walk(resolve(d.folder, manDir))) {
          if (MAN_PAGE.matcher(PosixPath.basename(f)).matches()) {
            man.add(PosixPath.join(manDir, f));
          }
        }
        data.set("man", man);
      }
      PackageBin.normalizeMan(data, d.changes);
    }
    JsonNode dirs = data.get("directories");
    if (d.has(NormalizeStep.BIN_DIR)
        && dirs != null
        && dirs.isObject()
        && JsValues.truthy(dirs.get("bin"))
        && !JsValues.truthy(data.get("bin"))
        && d.folder != null) {
      String binPath = ManifestPaths.secure(JsValues.toJsString(dirs.get("bin")));
      ObjectNode bin = data.objectNode();
      for (String f : walk(resolve(d.folder, binPath))) {
        bin.put(PosixPath.basename(f), binPath + "/" + ManifestPaths.secure(f));
      }
      data.set("bin", bin);
    } else if (d.has(NormalizeStep.BIN)
        || d.has(NormalizeStep.BIN_DIR)
        || d.has(NormalizeStep.BIN_REFS)) {
      PackageBin.normalizeBin(data, d.changes);
    }
    if (d.has(NormalizeStep.GIT_HEAD) && !JsValues.truthy(data.get("gitHead"))) {
      GitHead.find(d.folder, d.gitRoot).ifPresent(h -> data.put("gitHead", h));
    }
    if (d.has(NormalizeStep.FILL_TYPES)) {
      fillTypes(d);
    }
    if (d.has(NormalizeStep.BIN_REFS) && data.get("bin") instanceof ObjectNode bin) {
      for (var e : bin.properties()) {
        String target = JsValues.toJsString(e.getValue());
        if (d.folder == null || !Files.exists(d.folder.resolve(target))) {
          d.warnings.add("package-json " + d.pkgId() + " No bin file found at " + target);
        }
      }
    }
  }

  private static void authors(Normalizer.Draft d) {
    Path file = resolve(d.folder, "AUTHORS");
    if (file == null || !Files.isRegularFile(file)) {
      return;
    }
    ArrayNode contributors = d.data.arrayNode();
    for (String line : read(file).split("\r?\n", -1)) {
      String l = EcmaStrings.trim(line.replaceAll("^[\\s\\u00a0\\ufeff]*#.*$", ""));
      if (!l.isEmpty()) {
        contributors.add(l);
      }
    }
    d.data.set("contributors", contributors);
    d.changes.add("\"contributors\" was auto-populated with the contents of the \"AUTHORS\" file");
  }

  private static void readme(Normalizer.Draft d) {
    String readmeFile = null;
    for (String name : list(d.folder)) {
      String upper = name.toUpperCase(java.util.Locale.ROOT);
      if (!upper.equals("README") && !upper.startsWith("README.")) {
        continue;
      }
      if (Files.isDirectory(d.folder.resolve(name))) {
        continue;
      }
      if (MARKDOWN.matcher(name).find()) {
        readmeFile = name;
        break;
      }
      if (name.endsWith("README")) {
        readmeFile = name;
      }
    }
    if (readmeFile != null) {
      d.data.put("readme", read(d.folder.resolve(readmeFile)));
      d.data.put("readmeFilename", readmeFile);
      d.changes.add("\"readme\" was set to the contents of " + readmeFile);
      d.changes.add("\"readmeFilename\" was set to " + readmeFile);
    }
    if (!JsValues.truthy(d.data.get("readme"))) {
      d.data.put("readme", "ERROR: No README data found!");
    }
  }

  private static void fillTypes(Normalizer.Draft d) {
    JsonNode main = d.data.get("main");
    JsonNode index = JsValues.truthy(main) ? main : d.data.textNode("index.js");
    if (!index.isTextual()) {
      throw new CoreException("EBADMAIN", "The \"main\" attribute must be of type string.");
    }
    String i = index.textValue();
    String extless =
        PosixPath.join(PosixPath.dirname(i), PosixPath.basename(i, PosixPath.extname(i)));
    String dts = "./" + extless + ".d.ts";
    if (!d.data.has("types") && !d.data.has("typings")) {
      Path file = resolve(d.folder, dts);
      if (file != null && Files.exists(file)) {
        d.data.put("types", dts);
      }
    }
  }

  private static JsonNode field(ObjectNode scripts, String name) {
    return scripts == null ? null : scripts.get(name);
  }

  private static boolean isFalse(JsonNode v) {
    return v != null && v.isBoolean() && !v.booleanValue();
  }

  private static boolean exists(Path folder, String name) {
    return folder != null && Files.exists(folder.resolve(name));
  }

  /** {@code path.resolve(folder, rel)}, or null without a folder. */
  static Path resolve(Path folder, String rel) {
    if (folder == null) {
      return null;
    }
    String joined = PosixPath.join(folder.toString(), rel);
    return Path.of(joined.startsWith("/") ? joined : folder.resolve(joined).toString());
  }

  /** The names in a folder that do not start with a dot, sorted; empty when unreadable. */
  private static List<String> list(Path folder) {
    if (folder == null || !Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * glob {@code **}: every file and folder below a folder (not the folder itself), relative with
   * {@code /}, skipping dot names and not entering linked folders; sorted per folder.
   */
  private static List<String> walk(Path root) {
    List<String> out = new ArrayList<>();
    if (root != null) {
      walk(root, "", out);
    }
    return out;
  }

  private static void walk(Path dir, String prefix, List<String> out) {
    for (String name : list(dir)) {
      Path p = dir.resolve(name);
      String rel = prefix + name;
      out.add(rel);
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        walk(p, rel + "/", out);
      }
    }
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  static Matcher packedRef(String line) {
    return PACKED_REF.matcher(line);
  }
}
