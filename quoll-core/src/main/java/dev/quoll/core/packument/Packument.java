package dev.quoll.core.packument;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The full registry document of a package (the "packument", {@code GET /<name>} with {@code Accept:
 * application/json}), losslessly.
 *
 * <p>Contract: {@code Packument.parse(b).toBytes()} equals node's {@code
 * Buffer.from(JSON.stringify(JSON.parse(b)))} for every JSON object {@code b}: unknown fields,
 * field order and odd values survive. Typed accessors are read-only views; edits go through the
 * {@code with...} methods, which return new documents and leave this one unchanged (unchanged
 * subtrees are shared, so an edit of a 10 MB document copies only the objects on the edited path).
 *
 * <p>Fields (npm registry docs "package-metadata.md", full metadata format; npm-registry-couchapp
 * {@code updates.js}; libnpmpublish 11 {@code publish.js}): {@code _id}, {@code _rev}, {@code
 * name}, {@code description}, {@code dist-tags}, {@code versions}, {@code time} ({@code created},
 * {@code modified}, per version, {@code unpublished}), {@code maintainers}, {@code users} (stars),
 * {@code readme}, {@code readmeFilename}, fields hoisted from the latest version ({@code author},
 * {@code repository}, {@code homepage}, {@code keywords}, {@code bugs}, {@code license}, {@code
 * contributors}), and on publish bodies {@code access} and {@code _attachments}.
 */
public final class Packument {
  private final ObjectNode node;

  private Packument(ObjectNode node) {
    this.node = node;
  }

  /**
   * Parses a packument (or a publish body) from UTF-8 JSON.
   *
   * @param utf8 the document bytes, as served by a registry
   * @return the packument
   * @throws CoreException {@code EJSONPARSE} when not valid JSON or not an object
   */
  public static Packument parse(byte[] utf8) {
    return parse(new String(utf8, StandardCharsets.UTF_8));
  }

  /**
   * Parses a packument (or a publish body) from JSON text.
   *
   * @param json the document text
   * @return the packument
   * @throws CoreException {@code EJSONPARSE} when not valid JSON or not an object
   */
  public static Packument parse(String json) {
    return new Packument(Json.parseObject(json));
  }

  /**
   * Copies a JSON object into a packument.
   *
   * @param json the document; later changes to it do not affect the packument
   * @return the packument
   */
  public static Packument from(ObjectNode json) {
    return new Packument(json.deepCopy());
  }

  /**
   * A new document for a package with no versions yet: {@code {_id, name, dist-tags: {}, versions:
   * {}, time: {}}}.
   *
   * @param name the package name (not validated here)
   * @return the packument
   */
  public static Packument empty(String name) {
    ObjectNode o = Json.object();
    o.put("_id", name);
    o.put("name", name);
    o.set("dist-tags", Json.object());
    o.set("versions", Json.object());
    o.set("time", Json.object());
    return new Packument(o);
  }

  /** The wrapped tree; never mutate it. */
  ObjectNode node() {
    return node;
  }

  /** {@code name}, else {@code _id}, else empty. */
  public String name() {
    return Trees.text(node, "name").or(() -> Trees.text(node, "_id")).orElse("");
  }

  /** {@code _id}, when a string. */
  public Optional<String> id() {
    return Trees.text(node, "_id");
  }

  /** {@code _rev}, the opaque CouchDB-style revision, when a string. */
  public Optional<String> rev() {
    return Trees.text(node, "_rev");
  }

  /** {@code description}, when a string. */
  public Optional<String> description() {
    return Trees.text(node, "description");
  }

  /** {@code readme}, when a string. */
  public Optional<String> readme() {
    return Trees.text(node, "readme");
  }

  /** {@code readmeFilename}, when a string. */
  public Optional<String> readmeFilename() {
    return Trees.text(node, "readmeFilename");
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
   * One version object.
   *
   * @param version the exact key in {@code versions}
   * @return the manifest, when present and an object
   */
  public Optional<VersionManifest> version(String version) {
    return Trees.member(node, "versions", version).map(VersionManifest::wrap);
  }

  /** Every version object (object values only), keyed by version, in document order. */
  public Map<String, VersionManifest> versionManifests() {
    JsonNode versions = node.get("versions");
    if (versions == null || !versions.isObject()) {
      return Map.of();
    }
    Map<String, VersionManifest> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : versions.properties()) {
      if (e.getValue() instanceof ObjectNode m) {
        out.put(e.getKey(), VersionManifest.wrap(m));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** {@code time}; empty view when absent. */
  public PackumentTime time() {
    return new PackumentTime(Trees.objectOrEmpty(node, "time"));
  }

  /**
   * Whether this is the tombstone of a whole-package unpublish ({@code time.unpublished} is an
   * object; npm 11 {@code view.js} reports such a package as not found).
   */
  public boolean isUnpublished() {
    return time().unpublished().isPresent();
  }

  /**
   * {@code access} of a publish body: {@code "public"}, {@code "restricted"}, when a string
   * (libnpmpublish 11 sends {@code null} when unspecified).
   */
  public Optional<String> access() {
    return Trees.text(node, "access");
  }

  /**
   * {@code _attachments} of a publish body, by file name, in document order (libnpmpublish 11
   * {@code publish.js}: the tarball as base64 under {@code <name>-<version>.tgz}, with {@code
   * --provenance} also a sigstore bundle as raw JSON text). Entries that are not objects are
   * skipped.
   */
  public Map<String, Attachment> attachments() {
    JsonNode a = node.get("_attachments");
    if (a == null || !a.isObject()) {
      return Map.of();
    }
    Map<String, Attachment> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : a.properties()) {
      if (e.getValue().isObject()) {
        out.put(e.getKey(), Attachment.from(e.getValue()));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** {@code maintainers}; empty when absent. */
  public List<Person> maintainers() {
    return Person.listFrom(node.get("maintainers"));
  }

  /** {@code users}: the accounts that starred the package (keys with value {@code true}). */
  public List<String> users() {
    JsonNode u = node.get("users");
    if (u == null || !u.isObject()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : u.properties()) {
      if (e.getValue().isBoolean() && e.getValue().booleanValue()) {
        out.add(e.getKey());
      }
    }
    return List.copyOf(out);
  }

  /**
   * A top-level field as stored, copied.
   *
   * @param name the field name, e.g. {@code repository}
   * @return a deep copy of the value, when present
   */
  public Optional<JsonNode> field(String name) {
    JsonNode v = node.get(name);
    return v == null ? Optional.empty() : Optional.of(v.deepCopy());
  }

  /** The top-level field names in document order. */
  public List<String> fieldNames() {
    List<String> out = new ArrayList<>(node.size());
    node.fieldNames().forEachRemaining(out::add);
    return List.copyOf(out);
  }

  /**
   * This document with a version object added or replaced under its own {@code version}. Only the
   * edit: dist-tags, {@code time} and the publish rules (no overwriting published versions,
   * name/version agreement) are the caller's.
   *
   * @param manifest the version object
   * @return the new document
   * @throws CoreException {@code EBADVERSION} when the manifest has no version string
   */
  public Packument withVersion(VersionManifest manifest) {
    if (manifest.version().isEmpty()) {
      throw new CoreException("EBADVERSION", "version object without a version: " + manifest);
    }
    return withVersionNode(manifest.version(), manifest.node());
  }

  /**
   * This document without a version; dist-tags pointing at it are removed too, {@code
   * time[version]} is kept (npm-registry-couchapp {@code updates.js}; the npm client itself moves
   * {@code latest} before it sends the document, libnpmpublish 11 {@code unpublish.js}).
   *
   * @param version the exact version
   * @return the new document (this one when the version is absent)
   */
  public Packument withoutVersion(String version) {
    JsonNode versions = node.get("versions");
    if (!(versions instanceof ObjectNode v) || !v.has(version)) {
      return this;
    }
    ObjectNode n = Trees.with(node, "versions", Trees.without(v, version));
    if (n.get("dist-tags") instanceof ObjectNode tags) {
      ObjectNode kept = tags;
      for (Map.Entry<String, JsonNode> e : tags.properties()) {
        if (e.getValue().isTextual() && e.getValue().textValue().equals(version)) {
          kept = Trees.without(kept, e.getKey());
        }
      }
      n = Trees.with(n, "dist-tags", kept);
    }
    return new Packument(n);
  }

  /**
   * This document with a dist-tag set (in place, or appended). Tag-name validity and the existence
   * of the version are the caller's to check.
   *
   * @param tag the tag name
   * @param version the version it points at
   * @return the new document
   */
  public Packument withDistTag(String tag, String version) {
    ObjectNode tags = Trees.objectOrEmpty(node, "dist-tags");
    return new Packument(
        Trees.with(node, "dist-tags", Trees.with(tags, tag, TextNode.valueOf(version))));
  }

  /**
   * This document without a dist-tag.
   *
   * @param tag the tag name
   * @return the new document
   */
  public Packument withoutDistTag(String tag) {
    if (!(node.get("dist-tags") instanceof ObjectNode tags) || !tags.has(tag)) {
      return this;
    }
    return new Packument(Trees.with(node, "dist-tags", Trees.without(tags, tag)));
  }

  /**
   * This document with one version deprecated, or undeprecated when the message is empty (see
   * {@link VersionManifest#withDeprecated}).
   *
   * @param version the exact version
   * @param message the deprecation message; empty to undeprecate
   * @return the new document
   * @throws CoreException {@code ETARGET} when the version does not exist
   */
  public Packument withDeprecated(String version, String message) {
    VersionManifest m =
        version(version)
            .orElseThrow(
                () -> new CoreException("ETARGET", "No version " + version + " of " + name()));
    return withVersionNode(version, m.withDeprecated(message).node());
  }

  /**
   * This document with every {@code dist.tarball} moved to another registry, as a proxy serves an
   * upstream document: the URL part from {@code /<name>/-/} on (npmjs layout {@code
   * /<name>/-/<file>.tgz}, also matched with the scope slash escaped as {@code %2f}) is kept and
   * put after {@code baseUrl}, dropping a scope inside the file name (libnpmpublish 11 writes
   * {@code /@s/p/-/@s/p-1.0.0.tgz}); a URL without that part becomes {@code
   * <baseUrl>/<name>/-/<last path segment>}. Other URLs ({@code dist.attestations.url}) are left
   * alone: pacote 21 always fetches attestations from its configured registry.
   *
   * @param baseUrl the registry's public base URL, e.g. {@code http://localhost:4873/npm/}; a
   *     trailing slash is ignored
   * @return the new document
   */
  public Packument withTarballBase(String baseUrl) {
    JsonNode versions = node.get("versions");
    if (!(versions instanceof ObjectNode v)) {
      return this;
    }
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    String name = name();
    ObjectNode out = Json.object();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      JsonNode m = e.getValue();
      if (m instanceof ObjectNode manifest
          && manifest.get("dist") instanceof ObjectNode dist
          && dist.get("tarball") instanceof TextNode tarball) {
        String moved = TarballUrls.rebase(tarball.textValue(), base, name);
        m = Trees.with(manifest, "dist", Trees.with(dist, "tarball", TextNode.valueOf(moved)));
      }
      out.set(e.getKey(), m);
    }
    return new Packument(Trees.with(node, "versions", out));
  }

  /**
   * This document with a {@code time} entry set (in place, or appended).
   *
   * @param key {@code created}, {@code modified} or a version
   * @param at the instant, written as JavaScript's {@code toISOString} does
   * @return the new document
   */
  public Packument withTime(String key, Instant at) {
    ObjectNode time = Trees.objectOrEmpty(node, "time");
    return new Packument(
        Trees.with(node, "time", Trees.with(time, key, TextNode.valueOf(Trees.iso(at)))));
  }

  /**
   * This document with {@code _rev} set.
   *
   * @param rev the new revision, e.g. {@code 3-<32 hex>}
   * @return the new document
   */
  public Packument withRev(String rev) {
    return new Packument(Trees.with(node, "_rev", TextNode.valueOf(rev)));
  }

  /**
   * This document with {@code maintainers} replaced.
   *
   * @param maintainers the new list, written as {@code [{name, email}]}
   * @return the new document
   */
  public Packument withMaintainers(List<Person> maintainers) {
    ArrayNode a = Json.object().arrayNode();
    maintainers.forEach(p -> a.add(p.toJson()));
    return new Packument(Trees.with(node, "maintainers", a));
  }

  /**
   * This document with a top-level field set (in place, or appended), the value copied.
   *
   * @param name the field name
   * @param value any JSON value
   * @return the new document
   */
  public Packument withField(String name, JsonNode value) {
    return new Packument(Trees.with(node, name, value.deepCopy()));
  }

  /**
   * This document without a top-level field, e.g. {@code _attachments} or {@code access} of a
   * publish body.
   *
   * @param name the field name
   * @return the new document
   */
  public Packument withoutField(String name) {
    ObjectNode n = Trees.without(node, name);
    return n == node ? this : new Packument(n);
  }

  /**
   * The tombstone a whole-package unpublish leaves (npm-registry-couchapp {@code updates.js}):
   * {@code {_id, _rev, name, time}} where {@code time} keeps its entries, {@code modified} becomes
   * {@code at}, and {@code unpublished} records {@code {name: byUser, time: at, tags, maintainers,
   * description, versions}} of this document.
   *
   * @param byUser the account that unpublished
   * @param at when
   * @return the tombstone document
   */
  public Packument toTombstone(String byUser, Instant at) {
    String now = Trees.iso(at);
    ObjectNode unpublished = Json.object();
    unpublished.put("name", byUser);
    unpublished.put("time", now);
    unpublished.set("tags", Trees.objectOrEmpty(node, "dist-tags"));
    if (node.has("maintainers")) {
      unpublished.set("maintainers", node.get("maintainers"));
    }
    if (node.has("description")) {
      unpublished.set("description", node.get("description"));
    }
    ArrayNode versions = unpublished.putArray("versions");
    versions().forEach(versions::add);
    ObjectNode time = Trees.objectOrEmpty(node, "time");
    time = Trees.with(time, "modified", TextNode.valueOf(now));
    time = Trees.with(time, "unpublished", unpublished);
    ObjectNode t = Json.object();
    for (String key : List.of("_id", "_rev", "name")) {
      if (node.has(key)) {
        t.set(key, node.get(key));
      }
    }
    t.set("time", time);
    return new Packument(t.deepCopy());
  }

  /** The abbreviated ("corgi") document derived from this one; see {@link AbbreviatedPackument}. */
  public AbbreviatedPackument abbreviate() {
    return AbbreviatedPackument.of(this);
  }

  /** Compact JSON as UTF-8, exactly as {@code JSON.stringify} prints the document. */
  public byte[] toBytes() {
    return Json.toBytes(node);
  }

  /** A deep copy of the document tree. */
  public ObjectNode json() {
    return node.deepCopy();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Packument p && p.node.equals(node);
  }

  @Override
  public int hashCode() {
    return node.hashCode();
  }

  @Override
  public String toString() {
    return "Packument[" + name() + ", " + versions().size() + " versions]";
  }

  private Packument withVersionNode(String version, ObjectNode manifest) {
    ObjectNode versions = Trees.objectOrEmpty(node, "versions");
    return new Packument(Trees.with(node, "versions", Trees.with(versions, version, manifest)));
  }
}
