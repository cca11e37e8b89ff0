package dev.quoll.client.install;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The part of node 20's {@code util.inspect} (default options as {@code util.format} uses them:
 * {@code breakLength} 80, {@code compact} 3) that npm's log lines show for JSON values: strings in
 * single quotes (double quotes when the string has a single quote and no double quote), keys bare
 * when they are identifiers, objects and arrays on one line ({@code { a: 'x', b: 1 }}) when node's
 * {@code isBelowBreakLength} allows, else one entry per line indented by two spaces.
 */
final class Inspect {
  private static final Pattern IDENT = Pattern.compile("^[a-zA-Z_][a-zA-Z_0-9]*$");

  private Inspect() {}

  /**
   * Renders a value.
   *
   * @param v the value
   * @param indent the indentation level of the line it starts on (node's {@code indentationLvl})
   * @return the text, possibly several lines
   */
  static String value(JsonNode v, int indent) {
    if (v.isTextual()) {
      return string(v.textValue());
    }
    if (v.isObject() || v.isArray()) {
      List<String> entries = new ArrayList<>();
      if (v.isObject()) {
        for (Map.Entry<String, JsonNode> e : v.properties()) {
          String k = IDENT.matcher(e.getKey()).matches() ? e.getKey() : string(e.getKey());
          entries.add(k + ": " + value(e.getValue(), indent + 2));
        }
      } else {
        for (JsonNode e : v) {
          entries.add(value(e, indent + 2));
        }
      }
      String open = v.isObject() ? "{" : "[";
      String close = v.isObject() ? "}" : "]";
      if (entries.isEmpty()) {
        return open + close;
      }
      int start = entries.size() + indent + open.length() + 10;
      int total = entries.size() + start;
      boolean multiLine = false;
      for (String e : entries) {
        total += e.length();
        multiLine |= e.contains("\n");
      }
      if (total <= 80 && !multiLine) {
        return open + " " + String.join(", ", entries) + " " + close;
      }
      String ind = "\n" + " ".repeat(indent);
      return open + ind + "  " + String.join("," + ind + "  ", entries) + ind + close;
    }
    return v.isNull() ? "null" : v.asText();
  }

  /** A string as inspect quotes it. */
  static String string(String s) {
    char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder b = new StringBuilder().append(q);
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c == q) {
            b.append('\\');
          }
          b.append(c);
        }
      }
    }
    return b.append(q).toString();
  }
}
