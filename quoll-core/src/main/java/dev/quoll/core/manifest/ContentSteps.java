package dev.quoll.core.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.JsValues;
import dev.quoll.core.json.Json;
import dev.quoll.core.name.EcmaStrings;
import dev.quoll.semver.Options;
import dev.quoll.semver.Semver;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The steps of @npmcli/package-json 7 that only look at the document ({@code syncSteps} of {@code
 * lib/normalize.js}), in npm's order: name, version, _attributes, _id, bundledDependencies,
 * bundleDependencies, optionalDedupe, scripts/scriptpath, funding, repository, dependencies, then
 * {@link NormalizeData}.
 */
final class ContentSteps {
  private static final Pattern SCRIPT_BIN_PREFIX =
      Pattern.compile("^(\\.[/\\\\])?node_modules[/\\\\].bin[\\\\/]");
  private static final Pattern BAD_NAME_CHAR =
      Pattern.compile("[/@" + EcmaStrings.WHITE_SPACE_CLASS + "+%:]");

  /** node 20's {@code require('node:module').builtinModules} that have no {@code node:} prefix. */
  private static final Set<String> BUILTINS =
      Set.of(
          "_http_agent",
          "_http_client",
          "_http_common",
          "_http_incoming",
          "_http_outgoing",
          "_http_server",
          "_stream_duplex",
          "_stream_passthrough",
          "_stream_readable",
          "_stream_transform",
          "_stream_wrap",
          "_stream_writable",
          "_tls_common",
          "_tls_wrap",
          "assert",
          "assert/strict",
          "async_hooks",
          "buffer",
          "child_process",
          "cluster",
          "console",
          "constants",
          "crypto",
          "dgram",
          "diagnostics_channel",
          "dns",
          "dns/promises",
          "domain",
          "events",
          "fs",
          "fs/promises",
          "http",
          "http2",
          "https",
          "inspector",
          "inspector/promises",
          "module",
          "net",
          "os",
          "path",
          "path/posix",
          "path/win32",
          "perf_hooks",
          "process",
          "punycode",
          "querystring",
          "readline",
          "readline/promises",
          "repl",
          "stream",
          "stream/consumers",
          "stream/promises",
          "stream/web",
          "string_decoder",
          "sys",
          "timers",
          "timers/promises",
          "tls",
          "trace_events",
          "tty",
          "url",
          "util",
          "util/types",
          "v8",
          "vm",
          "wasi",
          "worker_threads",
          "zlib");

  private ContentSteps() {}

  static void run(Normalizer.Draft d) {
    ObjectNode data = d.data;
    String pkgId = d.pkgId();
    if (d.has(NormalizeStep.FIX_NAME)
        || d.has(NormalizeStep.FIX_NAME_FIELD)
        || d.has(NormalizeStep.NORMALIZE_DATA)) {
      fixName(d);
    }
    if (d.has(NormalizeStep.FIX_NAME)
        && data.get("name") != null
        && BUILTINS.contains(JsValues.toJsString(data.get("name")))) {
      d.warnings.add(
          "package-json "
              + pkgId
              + " Package name \""
              + JsValues.toJsString(data.get("name"))
              + "\" conflicts with a Node.js built-in module name");
    }
    if (d.has(NormalizeStep.FIX_VERSION_FIELD) || d.has(NormalizeStep.NORMALIZE_DATA)) {
      fixVersion(d);
    }
    if (d.has(NormalizeStep.ATTRIBUTES)) {
      for (String key : keys(data)) {
        if (key.startsWith("_")) {
          d.changes.add("\"" + key + "\" was removed");
          data.remove(key);
        }
      }
    }
    if (d.has(NormalizeStep.ID)
        && JsValues.truthy(data.get("name"))
        && JsValues.truthy(data.get("version"))) {
      d.changes.add("\"_id\" was set to " + pkgId);
      data.put("_id", pkgId);
    }
    if (d.has(NormalizeStep.BUNDLED_DEPENDENCIES)) {
      if (!data.has("bundleDependencies") && data.has("bundledDependencies")) {
        data.set("bundleDependencies", data.get("bundledDependencies"));
        d.changes.add("Deleted incorrect \"bundledDependencies\"");
      }
      data.remove("bundledDependencies");
    }
    if (d.has(NormalizeStep.BUNDLE_DEPENDENCIES)) {
      bundleDependencies(d);
    }
    if (d.has(NormalizeStep.OPTIONAL_DEDUPE)) {
      optionalDedupe(d);
    }
    if ((d.has(NormalizeStep.SCRIPTS) || d.has(NormalizeStep.SCRIPTPATH)) && data.has("scripts")) {
      scripts(d);
    }
    if (d.has(NormalizeStep.FUNDING)
        && data.get("funding") != null
        && data.get("funding").isTextual()
        && !data.get("funding").textValue().isEmpty()) {
      ObjectNode funding = data.objectNode();
      funding.set("url", data.get("funding"));
      data.set("funding", funding);
      d.changes.add("\"funding\" was changed to an object with a url attribute");
    }
    if (d.has(NormalizeStep.FIX_REPOSITORY_FIELD) || d.has(NormalizeStep.NORMALIZE_DATA)) {
      DependencySteps.repository(d);
    }
    if (d.has(NormalizeStep.FIX_DEPENDENCIES) || d.has(NormalizeStep.NORMALIZE_DATA)) {
      DependencySteps.dependencies(d);
    }
    if (d.has(NormalizeStep.NORMALIZE_DATA)) {
      NormalizeData.run(data, d.changes);
    }
  }

  /**
   * @npmcli/package-json's own name rule (not validate-npm-package-name): it stays when
   *     dev.quoll.core.name.PackageName lands, because npm applies exactly this check here.
   */
  private static void fixName(Normalizer.Draft d) {
    ObjectNode data = d.data;
    if (!JsValues.truthy(data.get("name")) && !d.strict) {
      d.changes.add("Missing \"name\" field was set to an empty string");
      data.put("name", "");
      return;
    }
    JsonNode n = data.get("name");
    if (n == null || !n.isTextual()) {
      throw new CoreException("EINVALIDPACKAGENAME", "name field must be a string.");
    }
    String name = n.textValue();
    if (!d.strict) {
      String trimmed = EcmaStrings.trim(name);
      if (!trimmed.equals(name)) {
        d.changes.add("Whitespace was trimmed from \"name\"");
        data.put("name", trimmed);
        name = trimmed;
      }
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (name.startsWith(".")
        || !(isValidScopedPackageName(name) || isCorrectlyEncodedName(name))
        || (d.strict && !d.allowLegacyCase && !name.equals(lower))
        || lower.equals("node_modules")
        || lower.equals("favicon.ico")) {
      throw new CoreException(
          "EINVALIDPACKAGENAME", "Invalid name: " + Json.stringify(data.textNode(name)));
    }
  }

  private static boolean isCorrectlyEncodedName(String spec) {
    return !BAD_NAME_CHAR.matcher(spec).find() && spec.equals(EcmaStrings.encodeUriComponent(spec));
  }

  private static boolean isValidScopedPackageName(String spec) {
    if (!spec.startsWith("@")) {
      return false;
    }
    String[] rest = spec.substring(1).split("/", -1);
    return rest.length == 2
        && !rest[0].isEmpty()
        && !rest[1].isEmpty()
        && rest[0].equals(EcmaStrings.encodeUriComponent(rest[0]))
        && rest[1].equals(EcmaStrings.encodeUriComponent(rest[1]));
  }

  private static void fixVersion(Normalizer.Draft d) {
    JsonNode v = d.data.get("version");
    if (!JsValues.truthy(v)) {
      d.data.put("version", "");
      return;
    }
    Options options = d.strict ? Options.STRICT : Options.LOOSE;
    Optional<String> clean =
        v.isTextual() && Semver.valid(v.textValue(), options).isPresent()
            ? Semver.clean(v.textValue(), options)
            : Optional.empty();
    if (clean.isEmpty()) {
      throw new CoreException(
          "EINVALIDVERSION", "Invalid version: \"" + JsValues.toJsString(v) + "\"");
    }
    if (!clean.get().equals(v.textValue())) {
      d.changes.add("\"version\" was cleaned and set to \"" + clean.get() + "\"");
      d.data.put("version", clean.get());
    }
  }

  private static void bundleDependencies(Normalizer.Draft d) {
    ObjectNode data = d.data;
    JsonNode bd = data.get("bundleDependencies");
    boolean isFalse = bd != null && bd.isBoolean() && !bd.booleanValue();
    if (isFalse && !d.has(NormalizeStep.BUNDLE_DEPENDENCIES_DELETE_FALSE)) {
      d.changes.add("\"bundleDependencies\" was changed from \"false\" to \"[]\"");
      data.putArray("bundleDependencies");
    } else if (bd != null && bd.isBoolean() && bd.booleanValue()) {
      d.changes.add("\"bundleDependencies\" was auto-populated from \"dependencies\"");
      ArrayNode names = data.arrayNode();
      JsonNode deps = data.get("dependencies");
      if (JsValues.truthy(deps)) {
        objectKeys(deps).forEach(names::add);
      }
      data.set("bundleDependencies", names);
    } else if (bd != null && JsValues.isObject(bd)) {
      if (bd.isObject()) {
        d.changes.add("\"bundleDependencies\" was changed from an object to an array");
        ArrayNode names = data.arrayNode();
        keys(bd).forEach(names::add);
        data.set("bundleDependencies", names);
      }
    } else if (data.has("bundleDependencies")) {
      d.changes.add("\"bundleDependencies\" was removed");
      data.remove("bundleDependencies");
    }
  }

  private static void optionalDedupe(Normalizer.Draft d) {
    JsonNode deps = d.data.get("dependencies");
    JsonNode optional = d.data.get("optionalDependencies");
    if (!JsValues.truthy(deps) || !JsValues.truthy(optional) || !JsValues.isObject(optional)) {
      return;
    }
    Set<Integer> holes = new java.util.HashSet<>();
    for (String name : objectKeys(optional)) {
      d.changes.add("optionalDependencies.\"" + name + "\" was removed");
      if (deps instanceof ObjectNode o) {
        o.remove(name);
      } else if (deps instanceof ArrayNode a && name.matches("0|[1-9][0-9]{0,8}")) {
        int i = Integer.parseInt(name);
        if (i < a.size()) {
          a.set(i, a.nullNode());
          holes.add(i);
        }
      }
    }
    if (objectKeys(deps).size() == holes.size()) {
      d.changes.add("Empty \"optionalDependencies\" was removed");
      d.data.remove("dependencies");
    }
  }

  private static void scripts(Normalizer.Draft d) {
    JsonNode scripts = d.data.get("scripts");
    boolean fixPaths = d.has(NormalizeStep.SCRIPTPATH);
    if (scripts.isObject()) {
      for (String name : keys(scripts)) {
        JsonNode v = scripts.get(name);
        if (!v.isTextual()) {
          ((ObjectNode) scripts).remove(name);
          d.changes.add("Invalid scripts.\"" + name + "\" was removed");
        } else if (fixPaths && SCRIPT_BIN_PREFIX.matcher(v.textValue()).find()) {
          ((ObjectNode) scripts)
              .put(name, SCRIPT_BIN_PREFIX.matcher(v.textValue()).replaceFirst(""));
          d.changes.add(
              "scripts entry \"" + name + "\" was fixed to remove node_modules/.bin reference");
        }
      }
    } else if (scripts.isArray()) {
      ArrayNode arr = (ArrayNode) scripts;
      for (int i = 0; i < arr.size(); i++) {
        JsonNode v = arr.get(i);
        if (!v.isTextual()) {
          arr.set(i, arr.nullNode());
          d.changes.add("Invalid scripts.\"" + i + "\" was removed");
        } else if (fixPaths && SCRIPT_BIN_PREFIX.matcher(v.textValue()).find()) {
          arr.set(i, arr.textNode(SCRIPT_BIN_PREFIX.matcher(v.textValue()).replaceFirst("")));
          d.changes.add(
              "scripts entry \"" + i + "\" was fixed to remove node_modules/.bin reference");
        }
      }
    } else if (!scripts.isNull()) {
      d.changes.add("Removed invalid \"scripts\"");
      d.data.remove("scripts");
    }
  }

  /** {@code Object.keys(v)} for a JSON value: object keys, array indices, string indices. */
  static List<String> objectKeys(JsonNode v) {
    List<String> out = new ArrayList<>();
    if (v.isObject()) {
      return keys(v);
    }
    int n = v.isArray() ? v.size() : v.isTextual() ? v.textValue().length() : 0;
    for (int i = 0; i < n; i++) {
      out.add(Integer.toString(i));
    }
    return out;
  }

  /** The keys of an object, as a snapshot. */
  static List<String> keys(JsonNode o) {
    List<String> out = new ArrayList<>();
    o.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
