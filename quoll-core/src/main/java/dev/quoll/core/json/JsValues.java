package dev.quoll.core.json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How npm's JavaScript sees a JSON value it reads from package.json or a packument: truthiness
 * ({@code if (main)}), {@code typeof v === 'object'}, {@code typeof v === 'string'} and string
 * conversion ({@code String(v)}, {@code `${v}`}). A Java {@code null} or a missing node stands for
 * JavaScript's {@code undefined}.
 */
public final class JsValues {
  private JsValues() {}

  /**
   * JavaScript truthiness (ECMA-262 ToBoolean) of a JSON value. Numbers are the doubles JavaScript
   * parsed, so {@code 1e-400} is falsy like {@code 0}.
   *
   * @param v a value, or {@code null}/missing for {@code undefined}
   * @return whether {@code if (v)} would take the branch
   */
  public static boolean truthy(JsonNode v) {
    if (v == null || v.isMissingNode() || v.isNull()) {
      return false;
    }
    if (v.isTextual()) {
      return !v.textValue().isEmpty();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isNumber()) {
      double d = v.doubleValue();
      return d != 0 && !Double.isNaN(d);
    }
    return true;
  }

  /** {@code typeof v === 'object' && v !== null}: objects and arrays. */
  public static boolean isObject(JsonNode v) {
    return v != null && (v.isObject() || v.isArray());
  }

  /** {@code typeof v === 'string'}. */
  public static boolean isString(JsonNode v) {
    return v != null && v.isTextual();
  }

  /**
   * JavaScript's {@code String(v)}, which template literals also use: strings as they are, arrays
   * joined with commas (null elements empty), objects {@code [object Object]}, numbers as
   * JavaScript prints them.
   *
   * @param v a value, or {@code null}/missing for {@code undefined}
   * @return the string
   */
  public static String toJsString(JsonNode v) {
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
        b.append(e.isNull() ? "" : toJsString(e));
      }
      return b.toString();
    }
    return Json.stringify(v);
  }
}
