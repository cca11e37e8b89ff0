package dev.quoll.core.tarball;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.core.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * How JavaScript sees a JSON value where npm-packlist and pacote test or interpolate a package.json
 * field: truthiness ({@code if (main)}) and string conversion ({@code `!/${main}`}).
 */
final class JsValues {
  private JsValues() {}

  /** JavaScript truthiness of a JSON value; a missing value is {@code undefined}, so false. */
  static boolean truthy(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return false;
    }
    if (n.isTextual()) {
      return !n.textValue().isEmpty();
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isNumber()) {
      double d = n.doubleValue();
      return d != 0 && !Double.isNaN(d);
    }
    return true;
  }

  /** JavaScript's {@code String(value)} of a JSON value. */
  static String toJsString(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "undefined";
    }
    if (n.isNull()) {
      return "null";
    }
    if (n.isTextual()) {
      return n.textValue();
    }
    if (n.isArray()) {
      List<String> parts = new ArrayList<>();
      for (JsonNode e : n) {
        parts.add(e.isNull() ? "" : toJsString(e));
      }
      return String.join(",", parts);
    }
    if (n.isObject()) {
      return "[object Object]";
    }
    return Json.stringify(n);
  }
}
