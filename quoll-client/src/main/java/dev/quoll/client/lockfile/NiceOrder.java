package dev.quoll.client.lockfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.tarball.NpmCollation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The key order json-stringify-nice 1.1 gives every object of a lockfile: non-object values
 * (strings, numbers, booleans, arrays) before objects; within each group the preferred keys first
 * in their given order, then the rest by {@code localeCompare(…, 'en')}. Applied recursively,
 * including to objects inside arrays. (JavaScript then still prints integer-like keys first, which
 * {@link dev.quoll.core.json.Json#stringify} reproduces.)
 */
final class NiceOrder {
  /** arborist 9's {@code swKeyOrder}. */
  static final List<String> LOCK_KEYS =
      List.of(
          "name",
          "version",
          "lockfileVersion",
          "resolved",
          "integrity",
          "requires",
          "packages",
          "dependencies");

  private NiceOrder() {}

  static JsonNode sort(JsonNode value) {
    if (value instanceof ObjectNode obj) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> e : sortedEntries(obj)) {
        out.set(e.getKey(), sort(e.getValue()));
      }
      return out;
    }
    if (value instanceof ArrayNode arr) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      arr.forEach(v -> out.add(sort(v)));
      return out;
    }
    return value;
  }

  /**
   * A copy of {@code obj} with its own keys in this order and its values as they are (the same
   * objects): {@link #sort} for an object whose values are sorted already.
   */
  static ObjectNode sortKeys(ObjectNode obj) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> e : sortedEntries(obj)) {
      out.set(e.getKey(), e.getValue());
    }
    return out;
  }

  private static List<Map.Entry<String, JsonNode>> sortedEntries(ObjectNode obj) {
    List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(obj.properties());
    entries.sort(
        (a, b) -> {
          boolean ao = a.getValue().isObject();
          boolean bo = b.getValue().isObject();
          if (ao != bo) {
            return ao ? 1 : -1;
          }
          return compareKeys(a.getKey(), b.getKey());
        });
    return entries;
  }

  private static int compareKeys(String a, String b) {
    int ia = LOCK_KEYS.indexOf(a);
    int ib = LOCK_KEYS.indexOf(b);
    if (ia >= 0 && ib < 0) {
      return -1;
    }
    if (ib >= 0 && ia < 0) {
      return 1;
    }
    if (ia >= 0) {
      return ia - ib;
    }
    return NpmCollation.localeCompare(a, b);
  }
}
