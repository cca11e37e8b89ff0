package dev.quoll.core.packument;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The abbreviated ("corgi") package document, {@code GET /<name>} with {@code Accept:
 * application/vnd.npm.install-v1+json}, derived from the full {@link Packument} exactly as the
 * public registry derives it.
 *
 * <p>Source of the rule: npm's own minifier, {@code minify-registry-metadata} 6.0.0 ({@code
 * lib/index.js}, ISC, github npm/minify-registry-metadata), which npm's registry docs point to as
 * the source of truth (npm/registry PR #24, where an npm maintainer confirmed {@code
 * acceptDependencies} and {@code funding} against live corgi responses). It agrees with npm's docs
 * ("package-metadata.md", abbreviated metadata format) and adds what the docs lag behind on. The
 * rule, as implemented here:
 *
 * <ul>
 *   <li>Top level, in this order: {@code name} and {@code dist-tags} copied when present (any
 *       value); {@code versions}, {@code policyRestrictions} and {@code stagedVersions} minified
 *       when truthy (an object holding a truthy {@code versions} keeps its other fields and gets
 *       its {@code versions} minified; any other object is minified as a version map); then {@code
 *       modified} = {@code time.modified} when truthy. Nothing else: no {@code _id}, {@code _rev},
 *       {@code time}, {@code maintainers}, {@code readme}, {@code users}.
 *   <li>Per version, in this order, each only when not "empty" (JavaScript-falsy, or an object or
 *       array with no entries): {@code name}, {@code version}, {@code dependencies}, {@code
 *       optionalDependencies}, {@code devDependencies}, {@code bundleDependencies} (taken from
 *       {@code bundledDependencies} when {@code bundleDependencies} is falsy), {@code
 *       peerDependencies}, {@code acceptDependencies}, {@code bin}, {@code _hasShrinkwrap} (so
 *       {@code false} is dropped, as npm/registry PR #20 observed on the live registry), {@code
 *       directories} (so {@code {}} is dropped), {@code dist} (whole, with signatures and
 *       attestations), {@code engines}, {@code deprecated} (so an empty string, npm's undeprecate
 *       marker, is dropped), {@code peerDependenciesMeta}, {@code funding}, {@code os}, {@code
 *       cpu}.
 *   <li>Then {@code hasInstallScript: true} when {@code scripts} is truthy and one of {@code
 *       scripts.preinstall}, {@code scripts.install}, {@code scripts.postinstall} is truthy; the
 *       field is absent otherwise (never {@code false}). Only the manifest counts: a binding.gyp
 *       reaches it through the {@code install: "node-gyp rebuild"} npm's publish writes into the
 *       manifest (@npmcli/package-json 7 normalize step {@code gypfile}). The field exists only in
 *       the abbreviated form; the full document never carries it, clients derive it from {@code
 *       scripts} there (npm/registry PR #20; @npmcli/arborist 9 {@code Node#hasInstallScript}). An
 *       existing {@code hasInstallScript} in the full version object is not copied.
 *   <li>A version value that is not an object becomes {@code {}} (the JavaScript minifier would
 *       throw on {@code null}).
 * </ul>
 *
 * <p>Deliberately not included, though other registries add them: {@code libc} (cnpmcore does;
 * npm's maintainers state the public registry does not, npm/registry PR #26, 2024), {@code
 * workspaces}, {@code _npmUser}, {@code publish_time} (cnpmcore extensions), {@code time}
 * (verdaccio on request, for pnpm), {@code license}. The repository head of the minifier also lists
 * {@code time} among the minified sets; the published 6.0.0 does not, and that is followed.
 *
 * <p>Immutable; rendering ({@link #toBytes()}) is compact JSON exactly as {@code JSON.stringify}
 * prints it. Version objects share their field values with the full document's tree.
 */
public final class AbbreviatedPackument {
  /** The media type a client asks for and the registry answers with. */
  public static final String MEDIA_TYPE = "application/vnd.npm.install-v1+json";

  /**
   * Per-version fields kept, in output order (minify-registry-metadata 6.0.0 {@code manifestKeep}).
   */
  public static final List<String> VERSION_FIELDS =
      List.of(
          "name",
          "version",
          "dependencies",
          "optionalDependencies",
          "devDependencies",
          "bundleDependencies",
          "peerDependencies",
          "acceptDependencies",
          "bin",
          "_hasShrinkwrap",
          "directories",
          "dist",
          "engines",
          "deprecated",
          "peerDependenciesMeta",
          "funding",
          "os",
          "cpu");

  /**
   * Top-level fields holding version maps (minify-registry-metadata 6.0.0 {@code manifestSets}).
   */
  public static final List<String> VERSION_SETS =
      List.of("versions", "policyRestrictions", "stagedVersions");

  private final ObjectNode node;

  private AbbreviatedPackument(ObjectNode node) {
    this.node = node;
  }

  /**
   * Derives the abbreviated document from a full one (see the class rule).
   *
   * @param full the full packument
   * @return the abbreviated document
   */
  public static AbbreviatedPackument of(Packument full) {
    ObjectNode doc = full.node();
    ObjectNode out = Json.object();
    for (String key : List.of("name", "dist-tags")) {
      JsonNode v = doc.get(key);
      if (v != null) {
        out.set(key, v);
      }
    }
    for (String set : VERSION_SETS) {
      minifySet(doc, out, set);
    }
    JsonNode time = doc.get("time");
    JsonNode modified = time == null ? null : time.get("modified");
    if (VersionManifest.truthy(modified)) {
      out.set("modified", modified);
    }
    return new AbbreviatedPackument(out);
  }

  /**
   * Parses an abbreviated document as served by a registry (no filtering: what was served is kept).
   *
   * @param utf8 the document bytes
   * @return the document
   * @throws dev.quoll.core.CoreException {@code EJSONPARSE} when not valid JSON or not an object
   */
  public static AbbreviatedPackument parse(byte[] utf8) {
    return new AbbreviatedPackument(Json.parseObject(new String(utf8, StandardCharsets.UTF_8)));
  }

  /** {@code name}; empty when absent. */
  public String name() {
    return Trees.text(node, "name").orElse("");
  }

  /** {@code modified}, ISO-8601, when a string. */
  public Optional<String> modified() {
    return Trees.text(node, "modified");
  }

  /** {@code dist-tags} (string values only). */
  public DistTags distTags() {
    return DistTags.from(node.get("dist-tags"));
  }

  /** The keys of {@code versions}, in document order. */
  public List<String> versions() {
    return Trees.keys(node, "versions");
  }

  /**
   * One abbreviated version object, viewed as a manifest.
   *
   * @param version the exact key in {@code versions}
   * @return the manifest, when present and an object
   */
  public Optional<VersionManifest> version(String version) {
    return Trees.member(node, "versions", version).map(VersionManifest::wrap);
  }

  /** Compact JSON as UTF-8, exactly as {@code JSON.stringify} prints it. */
  public byte[] toBytes() {
    return Json.toBytes(node);
  }

  /** A deep copy of the document tree. */
  public ObjectNode json() {
    return node.deepCopy();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AbbreviatedPackument a && a.node.equals(node);
  }

  @Override
  public int hashCode() {
    return node.hashCode();
  }

  @Override
  public String toString() {
    return "AbbreviatedPackument[" + name() + ", " + versions().size() + " versions]";
  }

  private static void minifySet(JsonNode doc, ObjectNode out, String key) {
    JsonNode set = doc.get(key);
    if (!VersionManifest.truthy(set)) {
      return;
    }
    if (VersionManifest.truthy(set.get("versions"))) {
      ObjectNode wrapper = Json.object();
      for (Map.Entry<String, JsonNode> e : set.properties()) {
        if (!e.getKey().equals("versions")) {
          wrapper.set(e.getKey(), e.getValue());
        }
      }
      out.set(key, wrapper);
      minifySet(set, wrapper, "versions");
      return;
    }
    ObjectNode small = Json.object();
    if (set.isObject()) {
      for (Map.Entry<String, JsonNode> e : set.properties()) {
        small.set(e.getKey(), minifyVersion(e.getValue()));
      }
    } else if (set.isArray()) {
      for (int i = 0; i < set.size(); i++) {
        small.set(Integer.toString(i), minifyVersion(set.get(i)));
      }
    } else if (set.isTextual()) {
      for (int i = 0; i < set.textValue().length(); i++) {
        small.set(Integer.toString(i), Json.object());
      }
    }
    out.set(key, small);
  }

  private static ObjectNode minifyVersion(JsonNode manifest) {
    ObjectNode small = Json.object();
    if (!manifest.isObject()) {
      return small;
    }
    for (String field : VERSION_FIELDS) {
      JsonNode v = manifest.get(field);
      if (field.equals("bundleDependencies") && !VersionManifest.truthy(v)) {
        JsonNode bundled = manifest.get("bundledDependencies");
        v = VersionManifest.truthy(bundled) ? bundled : v;
      }
      if (!isEmpty(v)) {
        small.set(field, v);
      }
    }
    JsonNode scripts = manifest.get("scripts");
    if (VersionManifest.truthy(scripts) && scripts.isObject()) {
      for (String s : VersionManifest.INSTALL_SCRIPTS) {
        if (VersionManifest.truthy(scripts.get(s))) {
          small.set("hasInstallScript", BooleanNode.TRUE);
          break;
        }
      }
    }
    return small;
  }

  /** minify-registry-metadata's {@code isEmpty}: falsy, or an object/array without entries. */
  private static boolean isEmpty(JsonNode v) {
    return !VersionManifest.truthy(v) || (v.isContainerNode() && v.isEmpty());
  }
}
