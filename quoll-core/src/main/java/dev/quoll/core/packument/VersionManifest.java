package dev.quoll.core.packument;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.quoll.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of a packument's {@code versions}: the package.json as published plus what the client
 * and registry add, losslessly.
 *
 * <p>Added fields (npm registry docs "package-metadata.md"; libnpmpublish 11 {@code publish.js};
 * npm-registry-couchapp {@code updates.js}): {@code _id} ({@code name@version}), {@code
 * _nodeVersion}, {@code _npmVersion} (client), {@code _npmUser} {@code {name, email}} (registry,
 * the authenticated publisher), {@code maintainers} (registry copy of the package's list), {@code
 * dist} ({@link Dist}), {@code deprecated} (message string; removed on undeprecate), {@code
 * _hasShrinkwrap} (whether the tarball has npm-shrinkwrap.json). Every other field is kept as
 * published and re-serialised unchanged.
 *
 * <p>Immutable: the wrapped tree is never changed or handed out ({@link #json()} copies); edits
 * return new values sharing unchanged nodes. Missing {@code name}/{@code version} read as empty
 * strings, because registry data in the wild is not always well formed and must still round-trip.
 */
public final class VersionManifest {
  /** The script names whose presence makes a version run code at install time. */
  static final List<String> INSTALL_SCRIPTS = List.of("preinstall", "install", "postinstall");

  private final ObjectNode node;

  private VersionManifest(ObjectNode node) {
    this.node = node;
  }

  /** Wraps a tree this package owns (no copy). */
  static VersionManifest wrap(ObjectNode node) {
    return new VersionManifest(node);
  }

  /** The wrapped tree; never mutate it. */
  ObjectNode node() {
    return node;
  }

  /**
   * Copies a JSON object (a package.json as published, or a registry version object).
   *
   * @param json the manifest; unknown fields are kept
   * @return the manifest
   */
  public static VersionManifest from(ObjectNode json) {
    return new VersionManifest(json.deepCopy());
  }

  /**
   * Parses a version object from UTF-8 JSON.
   *
   * @param utf8 JSON text of one object
   * @return the manifest
   * @throws dev.quoll.core.CoreException {@code EJSONPARSE} when not valid JSON or not an object
   */
  public static VersionManifest parse(byte[] utf8) {
    return new VersionManifest(Json.parseObject(new String(utf8, StandardCharsets.UTF_8)));
  }

  /** The package name; empty when absent. */
  public String name() {
    return Trees.text(node, "name").orElse("");
  }

  /** The version string as published; empty when absent. */
  public String version() {
    return Trees.text(node, "version").orElse("");
  }

  /** {@code _id}, normally {@code name@version}. */
  public Optional<String> id() {
    return Trees.text(node, "_id");
  }

  /** The description, when a string. */
  public Optional<String> description() {
    return Trees.text(node, "description");
  }

  /**
   * The deprecation message. A version is deprecated when {@code deprecated} is a non-empty string
   * (npm-pick-manifest 11 tests its truthiness; npm's undeprecate sends the empty string).
   *
   * @return the message, when deprecated
   */
  public Optional<String> deprecated() {
    return Trees.text(node, "deprecated").filter(s -> !s.isEmpty());
  }

  /** The dist object, when {@code dist} is an object. */
  public Optional<Dist> dist() {
    return node.get("dist") instanceof ObjectNode d ? Optional.of(Dist.wrap(d)) : Optional.empty();
  }

  /** {@code _hasShrinkwrap}, when a boolean. */
  public Optional<Boolean> hasShrinkwrap() {
    JsonNode v = node.get("_hasShrinkwrap");
    return v != null && v.isBoolean() ? Optional.of(v.booleanValue()) : Optional.empty();
  }

  /**
   * Whether installing this version runs a script: a truthy {@code hasInstallScript}, or a truthy
   * {@code scripts.preinstall}, {@code scripts.install} or {@code scripts.postinstall}
   * (@npmcli/arborist 9 {@code Node#hasInstallScript}; npm registry docs, abbreviated version
   * object). A binding.gyp counts only through the {@code install: "node-gyp rebuild"} that npm's
   * publish writes into the manifest (@npmcli/package-json 7 normalize step {@code gypfile}).
   *
   * @return true when an install script runs
   */
  public boolean hasInstallScript() {
    if (truthy(node.get("hasInstallScript"))) {
      return true;
    }
    JsonNode scripts = node.get("scripts");
    if (scripts == null || !scripts.isObject()) {
      return false;
    }
    for (String s : INSTALL_SCRIPTS) {
      if (truthy(scripts.get(s))) {
        return true;
      }
    }
    return false;
  }

  /** {@code _npmUser}, the publishing account, when an object or string. */
  public Optional<Person> npmUser() {
    JsonNode v = node.get("_npmUser");
    return v == null || !(v.isObject() || v.isTextual())
        ? Optional.empty()
        : Optional.of(Person.from(v));
  }

  /** {@code _nodeVersion}, when a string. */
  public Optional<String> nodeVersion() {
    return Trees.text(node, "_nodeVersion");
  }

  /** {@code _npmVersion}, when a string. */
  public Optional<String> npmVersion() {
    return Trees.text(node, "_npmVersion");
  }

  /** {@code maintainers}; empty when absent. */
  public List<Person> maintainers() {
    return Person.listFrom(node.get("maintainers"));
  }

  /** {@code scripts}, string values only, in order; empty when absent. */
  public Map<String, String> scripts() {
    return Trees.stringMap(node.get("scripts"));
  }

  /**
   * A dependency map, string values only, in order.
   *
   * @param field {@code dependencies}, {@code devDependencies}, {@code optionalDependencies},
   *     {@code peerDependencies} or any other name-to-range object field
   * @return name to range; empty when absent
   */
  public Map<String, String> dependencies(String field) {
    return Trees.stringMap(node.get(field));
  }

  /**
   * A field as published, copied.
   *
   * @param name the field name
   * @return a deep copy of the value, when present
   */
  public Optional<JsonNode> field(String name) {
    JsonNode v = node.get(name);
    return v == null ? Optional.empty() : Optional.of(v.deepCopy());
  }

  /** The field names in document order. */
  public List<String> fieldNames() {
    List<String> out = new ArrayList<>(node.size());
    node.fieldNames().forEachRemaining(out::add);
    return List.copyOf(out);
  }

  /**
   * This version deprecated with a message, or undeprecated when the message is empty (npm
   * deprecate/undeprecate send the empty string; npm-registry-couchapp {@code updates.js} deletes
   * the field then).
   *
   * @param message the deprecation message; empty to undeprecate
   * @return the new manifest
   */
  public VersionManifest withDeprecated(String message) {
    return message.isEmpty()
        ? new VersionManifest(Trees.without(node, "deprecated"))
        : new VersionManifest(Trees.with(node, "deprecated", TextNode.valueOf(message)));
  }

  /**
   * This version with another dist object.
   *
   * @param dist the dist
   * @return the new manifest
   */
  public VersionManifest withDist(Dist dist) {
    return new VersionManifest(Trees.with(node, "dist", dist.node()));
  }

  /**
   * This version with a field set (in place, or appended), the value copied.
   *
   * @param name the field name
   * @param value any JSON value
   * @return the new manifest
   */
  public VersionManifest withField(String name, JsonNode value) {
    return new VersionManifest(Trees.with(node, name, value.deepCopy()));
  }

  /**
   * This version without a field.
   *
   * @param name the field name
   * @return the new manifest (this one when the field is absent)
   */
  public VersionManifest withoutField(String name) {
    ObjectNode n = Trees.without(node, name);
    return n == node ? this : new VersionManifest(n);
  }

  /** A deep copy of the JSON object. */
  public ObjectNode json() {
    return node.deepCopy();
  }

  /** Compact JSON as UTF-8, as {@code JSON.stringify} prints it. */
  public byte[] toBytes() {
    return Json.toBytes(node);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VersionManifest m && m.node.equals(node);
  }

  @Override
  public int hashCode() {
    return node.hashCode();
  }

  @Override
  public String toString() {
    return name() + "@" + version();
  }

  /** JavaScript truthiness of a JSON value (absent is falsy). */
  static boolean truthy(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return false;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isTextual()) {
      return !v.textValue().isEmpty();
    }
    if (v.isNumber()) {
      return v.doubleValue() != 0 && !Double.isNaN(v.doubleValue());
    }
    return true;
  }
}
