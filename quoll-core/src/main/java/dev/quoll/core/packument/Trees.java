package dev.quoll.core.packument;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Persistent edits of Jackson object trees by path copying: an edit copies the objects on the path
 * to the change (shallowly) and shares every other node with the original. This is safe because the
 * documents of this package never mutate a tree once it is built and never hand out their own
 * nodes, only deep copies.
 */
final class Trees {
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Trees() {}

  /**
   * A shallow copy of {@code src} with {@code key} set to {@code value} (in place, or appended).
   */
  static ObjectNode with(ObjectNode src, String key, JsonNode value) {
    ObjectNode copy = Json.object();
    boolean replaced = false;
    for (Map.Entry<String, JsonNode> e : src.properties()) {
      if (e.getKey().equals(key)) {
        copy.set(key, value);
        replaced = true;
      } else {
        copy.set(e.getKey(), e.getValue());
      }
    }
    if (!replaced) {
      copy.set(key, value);
    }
    return copy;
  }

  /**
   * A shallow copy of {@code src} without {@code key}; {@code src} itself when it has no such key.
   */
  static ObjectNode without(ObjectNode src, String key) {
    if (!src.has(key)) {
      return src;
    }
    ObjectNode copy = Json.object();
    for (Map.Entry<String, JsonNode> e : src.properties()) {
      if (!e.getKey().equals(key)) {
        copy.set(e.getKey(), e.getValue());
      }
    }
    return copy;
  }

  /** The object under {@code key}, or a new empty object when absent or not an object. */
  static ObjectNode objectOrEmpty(ObjectNode src, String key) {
    return src.get(key) instanceof ObjectNode o ? o : Json.object();
  }

  /** The string under {@code key}, when it is a string. */
  /** The keys of the object at {@code src[key]}, in document order; empty when not an object. */
  static List<String> keys(JsonNode src, String key) {
    JsonNode v = src.get(key);
    if (v == null || !v.isObject()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(v.size());
    v.fieldNames().forEachRemaining(out::add);
    return List.copyOf(out);
  }

  /** {@code src[key][member]} when both are objects. */
  static Optional<ObjectNode> member(JsonNode src, String key, String member) {
    JsonNode v = src.get(key);
    return v != null && v.get(member) instanceof ObjectNode m ? Optional.of(m) : Optional.empty();
  }

  static Optional<String> text(JsonNode src, String key) {
    JsonNode v = src.get(key);
    return v != null && v.isTextual() ? Optional.of(v.textValue()) : Optional.empty();
  }

  /** The string-valued properties of an object, in document order, unmodifiable. */
  static Map<String, String> stringMap(JsonNode node) {
    if (node == null || !node.isObject()) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (e.getValue().isTextual()) {
        out.put(e.getKey(), e.getValue().textValue());
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** The string elements of an array, unmodifiable; empty when not an array. */
  static List<String> stringList(JsonNode node) {
    if (node == null || !node.isArray()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(node.size());
    for (JsonNode e : node) {
      if (e.isTextual()) {
        out.add(e.textValue());
      }
    }
    return List.copyOf(out);
  }

  /** An instant as JavaScript's {@code Date.prototype.toISOString} prints it (milliseconds, Z). */
  static String iso(Instant instant) {
    return ISO.format(instant);
  }
}
