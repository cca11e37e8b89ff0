package dev.quoll.core.packument;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.quoll.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code dist} object of a published version, losslessly: typed views of the fields npm knows
 * and every other field kept as published.
 *
 * <p>Fields (npm registry docs "package-metadata.md" dist section; pacote 21 {@code
 * lib/registry.js} for {@code signatures} and {@code attestations}): {@code tarball} (absolute URL
 * the client downloads), {@code shasum} (hex SHA-1 of the tgz), {@code integrity} (SRI string,
 * {@code sha512-<base64>} since 2017), {@code fileCount} and {@code unpackedSize} (bytes; since
 * 2018), {@code signatures} ({@code [{keyid, sig}]}, ECDSA over {@code
 * <name>@<version>:<integrity>}), {@code attestations} ({@code {url, provenance: {predicateType}}})
 * and the legacy PGP {@code npm-signature}.
 *
 * <p>Immutable: the wrapped tree is never changed or handed out; {@link #json()} returns a copy and
 * {@code with...} methods return new values sharing unchanged nodes.
 */
public final class Dist {
  private final ObjectNode node;

  private Dist(ObjectNode node) {
    this.node = node;
  }

  /** Wraps a tree this package owns (no copy). */
  static Dist wrap(ObjectNode node) {
    return new Dist(node);
  }

  /** The wrapped tree, for package-internal rendering and edits; never mutate it. */
  ObjectNode node() {
    return node;
  }

  /**
   * A dist object as a registry writes one at publish time: {@code {integrity, shasum, tarball}}.
   *
   * @param tarball the absolute tarball URL
   * @param shasum hex SHA-1 of the tarball bytes
   * @param integrity the SRI string, e.g. {@code sha512-<base64>}
   * @return the dist object
   */
  public static Dist of(String tarball, String shasum, String integrity) {
    ObjectNode o = Json.object();
    o.put("integrity", integrity);
    o.put("shasum", shasum);
    o.put("tarball", tarball);
    return new Dist(o);
  }

  /**
   * Copies a JSON object into a dist value.
   *
   * @param json any object; unknown fields are kept
   * @return the dist
   */
  public static Dist from(ObjectNode json) {
    return new Dist(json.deepCopy());
  }

  /** The tarball URL, when present as a string. */
  public Optional<String> tarball() {
    return Trees.text(node, "tarball");
  }

  /** The hex SHA-1 of the tarball, when present. */
  public Optional<String> shasum() {
    return Trees.text(node, "shasum");
  }

  /** The SRI integrity string (possibly several space-separated hashes), when present. */
  public Optional<String> integrity() {
    return Trees.text(node, "integrity");
  }

  /** The number of files in the tarball (directories excluded), when present as a number. */
  public OptionalLong fileCount() {
    return number("fileCount");
  }

  /** The total size of the unpacked files in bytes, when present as a number. */
  public OptionalLong unpackedSize() {
    return number("unpackedSize");
  }

  /** The legacy PGP signature text ({@code npm-signature}), when present. */
  public Optional<String> npmSignature() {
    return Trees.text(node, "npm-signature");
  }

  /** The registry's ECDSA signatures, in order; empty when absent. */
  public List<Signature> signatures() {
    JsonNode s = node.get("signatures");
    if (s == null || !s.isArray()) {
      return List.of();
    }
    List<Signature> out = new ArrayList<>();
    for (JsonNode e : s) {
      out.add(new Signature(Trees.text(e, "keyid").orElse(""), Trees.text(e, "sig").orElse("")));
    }
    return List.copyOf(out);
  }

  /** The attestations reference, when {@code attestations} is an object. */
  public Optional<Attestations> attestations() {
    JsonNode a = node.get("attestations");
    if (a == null || !a.isObject()) {
      return Optional.empty();
    }
    JsonNode provenance = a.get("provenance");
    return Optional.of(
        new Attestations(
            Trees.text(a, "url").orElse(""),
            provenance == null ? "" : Trees.text(provenance, "predicateType").orElse("")));
  }

  /**
   * A field as published, copied.
   *
   * @param name the field name
   * @return a deep copy of its value, when present
   */
  public Optional<JsonNode> field(String name) {
    JsonNode v = node.get(name);
    return v == null ? Optional.empty() : Optional.of(v.deepCopy());
  }

  /**
   * This dist with another tarball URL, in place.
   *
   * @param url the absolute tarball URL
   * @return the new dist
   */
  public Dist withTarball(String url) {
    return new Dist(Trees.with(node, "tarball", TextNode.valueOf(url)));
  }

  /**
   * This dist with a field set (in place, or appended), the value copied.
   *
   * @param name the field name
   * @param value any JSON value
   * @return the new dist
   */
  public Dist withField(String name, JsonNode value) {
    return new Dist(Trees.with(node, name, value.deepCopy()));
  }

  /**
   * This dist without a field.
   *
   * @param name the field name
   * @return the new dist
   */
  public Dist withoutField(String name) {
    return new Dist(Trees.without(node, name));
  }

  /** A deep copy of the JSON object. */
  public ObjectNode json() {
    return node.deepCopy();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Dist d && d.node.equals(node);
  }

  @Override
  public int hashCode() {
    return node.hashCode();
  }

  @Override
  public String toString() {
    return Json.stringify(node);
  }

  private OptionalLong number(String key) {
    JsonNode v = node.get(key);
    return v != null && v.isNumber() && v.canConvertToLong()
        ? OptionalLong.of(v.longValue())
        : OptionalLong.empty();
  }

  /**
   * One registry signature of a version (pacote 21 {@code lib/registry.js}).
   *
   * @param keyid {@code SHA256:<base64 fingerprint>} of the registry key; empty when absent
   * @param sig base64 DER ECDSA P-256 signature; empty when absent
   */
  public record Signature(String keyid, String sig) {}

  /**
   * Where a version's attestations live.
   *
   * @param url the attestations endpoint, {@code
   *     <registry>/-/npm/v1/attestations/<name>@<version>}; empty when absent
   * @param provenancePredicateType the SLSA provenance predicate type; empty when absent
   */
  public record Attestations(String url, String provenancePredicateType) {}
}
