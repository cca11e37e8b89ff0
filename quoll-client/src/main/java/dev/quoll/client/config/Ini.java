package dev.quoll.client.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.quoll.core.json.Json;
import dev.quoll.core.name.EcmaStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ini} package's {@code decode} (ini 5/6, the parser npm's config uses for npmrc files).
 *
 * <p>Contract: lines are split on runs of CR/LF; blank lines and lines whose first non-blank
 * character is {@code ;} or {@code #} are skipped; {@code [section]} opens a nested object (a
 * dotted section name nests further, {@code \.} keeps a literal dot); {@code key = value} sets a
 * string, {@code key} alone sets {@code true}; the words {@code true}, {@code false} and {@code
 * null} become JSON booleans and null; {@code key[] = v} appends to an array. Keys and values are
 * trimmed; a quoted value is JSON-decoded (single quotes stripped first); an unquoted value stops
 * at the first unescaped {@code ;} or {@code #}, and {@code \;}, {@code \#}, {@code \\} unescape.
 * {@code __proto__} keys and sections are ignored.
 */
public final class Ini {
  private static final Pattern LINE = Pattern.compile("^\\[([^\\]]*)\\]\\s*$|^([^=]+)(=(.*))?$");
  private static final Pattern BREAKS = Pattern.compile("[\\r\\n]+");
  private static final Pattern COMMENT = Pattern.compile("^\\s*[;#].*");
  private static final Pattern BLANK = Pattern.compile("^\\s*$");

  private Ini() {}

  /**
   * Parses ini text as {@code ini.decode(text)} does.
   *
   * @param text the file content
   * @return the decoded object; sections as nested objects, arrays for {@code key[]} keys
   */
  public static ObjectNode parse(String text) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ObjectNode p = out;
    for (String line : BREAKS.split(text, -1)) {
      if (line.isEmpty() || COMMENT.matcher(line).matches() || BLANK.matcher(line).matches()) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.find()) {
        continue;
      }
      if (m.group(1) != null) {
        String section = unsafe(m.group(1));
        if (section.equals("__proto__")) {
          p = JsonNodeFactory.instance.objectNode();
          continue;
        }
        if (out.get(section) instanceof ObjectNode existing) {
          p = existing;
        } else {
          p = JsonNodeFactory.instance.objectNode();
          out.set(section, p);
        }
        continue;
      }
      String keyRaw = unsafe(m.group(2));
      boolean isArray = keyRaw.length() > 2 && keyRaw.endsWith("[]");
      String key = isArray ? keyRaw.substring(0, keyRaw.length() - 2) : keyRaw;
      if (key.equals("__proto__")) {
        continue;
      }
      JsonNode value;
      if (m.group(3) != null) {
        String v = unsafe(m.group(4));
        value =
            switch (v) {
              case "true" -> BooleanNode.TRUE;
              case "false" -> BooleanNode.FALSE;
              case "null" -> NullNode.instance;
              default -> TextNode.valueOf(v);
            };
      } else {
        value = BooleanNode.TRUE;
      }
      if (isArray) {
        JsonNode cur = p.get(key);
        if (cur == null) {
          p.set(key, JsonNodeFactory.instance.arrayNode());
        } else if (!cur.isArray()) {
          p.set(key, JsonNodeFactory.instance.arrayNode().add(cur));
        }
      }
      if (p.get(key) instanceof ArrayNode arr) {
        arr.add(value);
      } else {
        p.set(key, value);
      }
    }
    nestDottedSections(out);
    return out;
  }

  /** {@code {a:{y:1},"a.b":{x:2}}} becomes {@code {a:{y:1,b:{x:2}}}}. */
  private static void nestDottedSections(ObjectNode out) {
    List<String> remove = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    out.fieldNames().forEachRemaining(keys::add);
    for (String k : keys) {
      if (!(out.get(k) instanceof ObjectNode section)) {
        continue;
      }
      List<String> parts = splitSections(k);
      String last = parts.removeLast();
      String plain = last.replace("\\.", ".");
      ObjectNode p = out;
      for (String part : parts) {
        if (part.equals("__proto__")) {
          continue;
        }
        if (p.get(part) instanceof ObjectNode next) {
          p = next;
        } else {
          ObjectNode fresh = JsonNodeFactory.instance.objectNode();
          p.set(part, fresh);
          p = fresh;
        }
      }
      if (p == out && plain.equals(last)) {
        continue;
      }
      p.set(plain, section);
      remove.add(k);
    }
    out.remove(remove);
  }

  /** ini's {@code splitSections}: split on dots not preceded by a backslash. */
  private static List<String> splitSections(String s) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '.' && (i == 0 || s.charAt(i - 1) != '\\')) {
        parts.add(s.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(s.substring(start));
    return parts;
  }

  private static boolean isQuoted(String v) {
    return v.length() >= 1
        && ((v.startsWith("\"") && v.endsWith("\"")) || (v.startsWith("'") && v.endsWith("'")));
  }

  /** ini's {@code unsafe}: trims, JSON-decodes quoted values, cuts comments, unescapes. */
  static String unsafe(String raw) {
    String val = raw == null ? "" : EcmaStrings.trim(raw);
    if (isQuoted(val)) {
      if (val.charAt(0) == '\'') {
        val = val.length() >= 2 ? val.substring(1, val.length() - 1) : "";
      }
      try {
        JsonNode parsed = Json.parse(val);
        return parsed.isTextual() ? parsed.textValue() : Json.stringify(parsed);
      } catch (RuntimeException e) {
        return val;
      }
    }
    StringBuilder unesc = new StringBuilder();
    boolean esc = false;
    for (int i = 0; i < val.length(); i++) {
      char c = val.charAt(i);
      if (esc) {
        if ("\\;#".indexOf(c) >= 0) {
          unesc.append(c);
        } else {
          unesc.append('\\').append(c);
        }
        esc = false;
      } else if (c == ';' || c == '#') {
        break;
      } else if (c == '\\') {
        esc = true;
      } else {
        unesc.append(c);
      }
    }
    if (esc) {
      unesc.append('\\');
    }
    return EcmaStrings.trim(unesc.toString());
  }
}
