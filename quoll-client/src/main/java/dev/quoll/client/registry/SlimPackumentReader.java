package dev.quoll.client.registry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads a packument (full or abbreviated) from a stream with Jackson's {@link JsonParser} and keeps
 * only what an install reads, without materialising the rest.
 *
 * <p>Contract: the result equals, value for value and key order for key order, what parsing the
 * whole document with {@code dev.quoll.core.json.Json} and then keeping {@code _id}, {@code name},
 * {@code dist-tags}, {@code time} (only when asked for: the {@code --before} rule needs it) and
 * {@code versions} would give, where each version keeps the {@link #VERSION_KEYS} (in that order)
 * and, of {@code scripts}, only {@code preinstall}, {@code install} and {@code postinstall} (what
 * arborist's {@code hasInstallScript} and the lockfile read). Duplicate keys keep the last value at
 * the first position, as {@code JSON.parse} does; a top-level {@code versions} that is not an
 * object gives {@code {}}, a version that is not an object gives {@code {}}. Everything else
 * (readme, description, maintainers, per-version readme and scripts, devDependencies, ...) is
 * skipped token by token, its strings never decoded. Numbers are kept exact as {@code Json} keeps
 * them. The abbreviated document's fields (wire protocol note §2.4, npm's {@code
 * package-metadata.md}) are a subset of the kept ones, plus {@code deprecated}, {@code license} and
 * {@code funding} which npm's lockfile writes.
 */
public final class SlimPackumentReader {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
          .build();

  /** The version manifest fields kept: what arborist's tree and npm's lockfile read. */
  public static final List<String> VERSION_KEYS =
      List.of(
          "name",
          "version",
          "dependencies",
          "optionalDependencies",
          "peerDependencies",
          "peerDependenciesMeta",
          "bundleDependencies",
          "bundledDependencies",
          "acceptDependencies",
          "bin",
          "directories",
          "engines",
          "os",
          "cpu",
          "libc",
          "dist",
          "deprecated",
          "license",
          "licence",
          "funding",
          "gypfile",
          "hasInstallScript",
          "_hasShrinkwrap",
          "workspaces");

  private static final List<String> TOP_KEYS = List.of("_id", "name", "dist-tags", "time");
  private static final List<String> SCRIPT_KEYS = List.of("preinstall", "install", "postinstall");

  private SlimPackumentReader() {}

  /**
   * Reads and slims a packument.
   *
   * @param in UTF-8 JSON (a leading byte-order mark is allowed); read to its end, not closed
   * @param keepTime whether to keep {@code time} (for {@code --before})
   * @return the slim document
   * @throws CoreException {@code EJSONPARSE} when the text is not one JSON object
   * @throws java.io.UncheckedIOException when reading the stream fails
   */
  public static ObjectNode read(InputStream in, boolean keepTime) {
    try (JsonParser p = MAPPER.createParser(in)) {
      return read(p, keepTime);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new CoreException("EJSONPARSE", "Invalid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw RegistryClient.unchecked(e);
    }
  }

  /**
   * Reads and slims a packument held in memory.
   *
   * @param utf8 UTF-8 JSON
   * @param keepTime whether to keep {@code time}
   * @return the slim document
   * @throws CoreException {@code EJSONPARSE} when the bytes are not one JSON object
   */
  public static ObjectNode read(byte[] utf8, boolean keepTime) {
    try (JsonParser p = MAPPER.createParser(utf8)) {
      return read(p, keepTime);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new CoreException("EJSONPARSE", "Invalid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw RegistryClient.unchecked(e);
    }
  }

  /**
   * The slim form of an already parsed document (the same result as {@link #read} on its text).
   *
   * @param doc a packument
   * @param keepTime whether to keep {@code time}
   * @return a new slim document sharing the kept subtrees with {@code doc}
   */
  public static ObjectNode slim(ObjectNode doc, boolean keepTime) {
    ObjectNode out = doc.objectNode();
    for (String k : TOP_KEYS) {
      if (doc.has(k) && (keepTime || !k.equals("time"))) {
        out.set(k, doc.get(k));
      }
    }
    ObjectNode versions = out.putObject("versions");
    for (var v : doc.path("versions").properties()) {
      ObjectNode slimV = versions.putObject(v.getKey());
      for (String k : VERSION_KEYS) {
        JsonNode value = v.getValue().get(k);
        if (value != null) {
          slimV.set(k, value);
        }
      }
      if (v.getValue().get("scripts") instanceof ObjectNode sc) {
        ObjectNode kept = slimV.putObject("scripts");
        for (String k : SCRIPT_KEYS) {
          if (sc.has(k)) {
            kept.set(k, sc.get(k));
          }
        }
      }
    }
    return out;
  }

  /**
   * Compact JSON text of a slim document for the packument cache: Jackson's plain writer (much
   * faster than npm-exact printing, which a cache file does not need); {@link #read} gives the same
   * document back. Falls back to {@code Json.toBytes} for text Jackson refuses to write (lone
   * surrogates).
   *
   * @param slim a document from {@link #read}
   * @return UTF-8 JSON
   */
  public static byte[] toBytes(ObjectNode slim) {
    try {
      return MAPPER.writeValueAsBytes(slim);
    } catch (IOException e) {
      return dev.quoll.core.json.Json.toBytes(slim);
    }
  }

  private static ObjectNode read(JsonParser p, boolean keepTime) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new CoreException("EJSONPARSE", "packument is not a JSON object");
    }
    JsonNode[] top = new JsonNode[TOP_KEYS.size()];
    ObjectNode versions = null;
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      JsonToken t = p.nextToken();
      int i = TOP_KEYS.indexOf(field);
      if (field.equals("versions")) {
        versions = t == JsonToken.START_OBJECT ? versions(p) : skip(p, null);
      } else if (i >= 0 && (keepTime || i != 3)) {
        top[i] = MAPPER.readTree(p);
      } else {
        p.skipChildren();
      }
    }
    if (p.nextToken() != null) {
      throw new CoreException("EJSONPARSE", "Invalid JSON: trailing tokens after the packument");
    }
    ObjectNode out = MAPPER.getNodeFactory().objectNode();
    for (int i = 0; i < top.length; i++) {
      if (top[i] != null) {
        out.set(TOP_KEYS.get(i), top[i]);
      }
    }
    out.set("versions", versions == null ? out.objectNode() : versions);
    return out;
  }

  private static ObjectNode skip(JsonParser p, ObjectNode result) throws IOException {
    p.skipChildren();
    return result;
  }

  private static ObjectNode versions(JsonParser p) throws IOException {
    ObjectNode versions = MAPPER.getNodeFactory().objectNode();
    for (String v = p.nextFieldName(); v != null; v = p.nextFieldName()) {
      JsonToken t = p.nextToken();
      versions.set(v, t == JsonToken.START_OBJECT ? version(p) : skip(p, versions.objectNode()));
    }
    return versions;
  }

  private static ObjectNode version(JsonParser p) throws IOException {
    JsonNode[] kept = new JsonNode[VERSION_KEYS.size()];
    ObjectNode scripts = null;
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      JsonToken t = p.nextToken();
      int i = VERSION_KEYS.indexOf(field);
      if (i >= 0) {
        kept[i] = MAPPER.readTree(p);
      } else if (field.equals("scripts")) {
        scripts = t == JsonToken.START_OBJECT ? scripts(p) : skip(p, null);
      } else {
        p.skipChildren();
      }
    }
    ObjectNode out = MAPPER.getNodeFactory().objectNode();
    for (int i = 0; i < kept.length; i++) {
      if (kept[i] != null) {
        out.set(VERSION_KEYS.get(i), kept[i]);
      }
    }
    if (scripts != null) {
      out.set("scripts", scripts);
    }
    return out;
  }

  private static ObjectNode scripts(JsonParser p) throws IOException {
    JsonNode[] kept = new JsonNode[SCRIPT_KEYS.size()];
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      p.nextToken();
      int i = SCRIPT_KEYS.indexOf(field);
      if (i >= 0) {
        kept[i] = MAPPER.readTree(p);
      } else {
        p.skipChildren();
      }
    }
    ObjectNode out = MAPPER.getNodeFactory().objectNode();
    for (int i = 0; i < kept.length; i++) {
      if (kept[i] != null) {
        out.set(SCRIPT_KEYS.get(i), kept[i]);
      }
    }
    return out;
  }
}
