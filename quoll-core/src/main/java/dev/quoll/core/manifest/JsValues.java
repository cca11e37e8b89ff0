package dev.quoll.core.manifest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * JavaScript value semantics on Jackson trees, as the JavaScript of @npmcli/package-json 7 sees a
 * parsed package.json: truthiness, {@code typeof x === 'object'}, and {@code
 * String.prototype.trim}.
 */
final class JsValues {
  private JsValues() {}

  /** JavaScript truthiness of a JSON value; a missing value ({@code null}) is falsy. */
  static boolean truthy(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return false;
    }
    if (v.isTextual()) {
      return !v.textValue().isEmpty();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isNumber()) {
      return v.decimalValue().signum() != 0;
    }
    return true;
  }

  /** {@code typeof v === 'object' && v !== null}: objects and arrays. */
  static boolean isObject(JsonNode v) {
    return v != null && (v.isObject() || v.isArray());
  }

  /** {@code typeof v === 'string'}. */
  static boolean isString(JsonNode v) {
    return v != null && v.isTextual();
  }

  /** The string JavaScript's template literals print for a JSON scalar ({@code `${v}`}). */
  static String display(JsonNode v) {
    if (v == null || v.isMissingNode()) {
      return "undefined";
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isObject()) {
      return "[object Object]";
    }
    if (v.isArray()) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < v.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        JsonNode e = v.get(i);
        b.append(e.isNull() ? "" : display(e));
      }
      return b.toString();
    }
    return dev.quoll.core.json.Json.stringify(v);
  }
}
