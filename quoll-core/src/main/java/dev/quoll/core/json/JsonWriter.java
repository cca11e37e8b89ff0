package dev.quoll.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes a tree exactly as ECMAScript's {@code JSON.stringify(value, null, indent)} (ECMA-262
 * SerializeJSONProperty, QuoteJSONString, Number::toString).
 */
final class JsonWriter {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** ECMAScript array index: a canonical numeric string below 2^32 - 1. */
  private static final long MAX_ARRAY_INDEX = 4294967294L;

  private final StringBuilder out;
  private final String indent;

  private JsonWriter(String indent) {
    this.out = new StringBuilder(256);
    this.indent = indent;
  }

  static String write(JsonNode value, String indent) {
    JsonWriter w = new JsonWriter(indent);
    w.value(value, "");
    return w.out.toString();
  }

  private void value(JsonNode node, String currentIndent) {
    switch (node.getNodeType()) {
      case OBJECT -> object(node, currentIndent);
      case ARRAY -> array(node, currentIndent);
      case STRING -> quote(node.textValue());
      case NUMBER -> out.append(number(node));
      case BOOLEAN -> out.append(node.booleanValue());
      case NULL, MISSING, POJO, BINARY -> out.append("null");
    }
  }

  private void object(JsonNode node, String currentIndent) {
    if (node.isEmpty()) {
      out.append("{}");
      return;
    }
    String inner = currentIndent + indent;
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, JsonNode> e : orderedProperties(node)) {
      if (!first) {
        out.append(',');
      }
      first = false;
      if (!indent.isEmpty()) {
        out.append('\n').append(inner);
      }
      quote(e.getKey());
      out.append(indent.isEmpty() ? ":" : ": ");
      value(e.getValue(), inner);
    }
    if (!indent.isEmpty()) {
      out.append('\n').append(currentIndent);
    }
    out.append('}');
  }

  private void array(JsonNode node, String currentIndent) {
    if (node.isEmpty()) {
      out.append("[]");
      return;
    }
    String inner = currentIndent + indent;
    out.append('[');
    for (int i = 0; i < node.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      if (!indent.isEmpty()) {
        out.append('\n').append(inner);
      }
      value(node.get(i), inner);
    }
    if (!indent.isEmpty()) {
      out.append('\n').append(currentIndent);
    }
    out.append(']');
  }

  /**
   * Object properties in ECMAScript order: array indices ascending, then insertion order. Objects
   * without index-like keys (nearly all) are iterated as they are, without copying.
   */
  static Iterable<Map.Entry<String, JsonNode>> orderedProperties(JsonNode node) {
    boolean hasIndex = false;
    for (Iterator<String> it = node.fieldNames(); it.hasNext() && !hasIndex; ) {
      hasIndex = arrayIndex(it.next()) >= 0;
    }
    if (!hasIndex) {
      return node::fields;
    }
    List<Map.Entry<String, JsonNode>> indices = null;
    List<Map.Entry<String, JsonNode>> rest = new ArrayList<>(node.size());
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (arrayIndex(e.getKey()) >= 0) {
        if (indices == null) {
          indices = new ArrayList<>();
        }
        indices.add(e);
      } else {
        rest.add(e);
      }
    }
    if (indices == null) {
      return rest;
    }
    indices.sort((a, b) -> Long.compare(arrayIndex(a.getKey()), arrayIndex(b.getKey())));
    indices.addAll(rest);
    return indices;
  }

  private static long arrayIndex(String key) {
    int n = key.length();
    if (n == 0 || n > 10 || (n > 1 && key.charAt(0) == '0')) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < n; i++) {
      char c = key.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v <= MAX_ARRAY_INDEX ? v : -1;
  }

  private void quote(String s) {
    out.append('"');
    int n = s.length();
    int run = 0; // start of the pending run of characters that need no escaping
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
        continue;
      }
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++; // a well-formed pair is written as it is
        continue;
      }
      out.append(s, run, i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> unicodeEscape(c); // other controls and lone surrogates
      }
      run = i + 1;
    }
    out.append(s, run, n);
    out.append('"');
  }

  private void unicodeEscape(char c) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xf])
        .append(HEX[(c >> 8) & 0xf])
        .append(HEX[(c >> 4) & 0xf])
        .append(HEX[c & 0xf]);
  }

  private static String number(JsonNode node) {
    if (node.isInt() || node.isLong()) {
      long v = node.longValue();
      if (Math.abs(v) <= (1L << 53)) {
        return Long.toString(v);
      }
    }
    BigDecimal exact = node.decimalValue();
    return JsNumber.toString(exact.doubleValue());
  }
}
