package dev.quoll.core.tarball;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code [...]} bracket expression of a glob, translated as minimatch 10's {@code parseClass}
 * translates it: {@code !} or {@code ^} first negates, {@code ]} first is literal, {@code a-z}
 * ranges (reversed ranges are dropped), {@code \} escapes, POSIX classes such as {@code [:alpha:]}.
 * A class holding exactly one plain character is that literal character.
 *
 * @param regex the Java regex for the class
 * @param literal the literal character when the class is just one character, else null
 * @param consumed how many glob characters the class spans
 */
record CharClass(String regex, String literal, int consumed) {
  private static final Map<String, String> POSIX =
      Map.ofEntries(
          Map.entry("[:alnum:]", "\\p{L}\\p{Nl}\\p{Nd}"),
          Map.entry("[:alpha:]", "\\p{L}\\p{Nl}"),
          Map.entry("[:ascii:]", "\\x{0}-\\x{7f}"),
          Map.entry("[:blank:]", "\\p{Zs}\\t"),
          Map.entry("[:cntrl:]", "\\p{Cc}"),
          Map.entry("[:digit:]", "\\p{Nd}"),
          Map.entry("[:lower:]", "\\p{Ll}"),
          Map.entry("[:print:]", "\\p{C}"),
          Map.entry("[:punct:]", "\\p{P}"),
          Map.entry("[:space:]", "\\p{Z}\\t\\r\\n\\x{b}\\f"),
          Map.entry("[:upper:]", "\\p{Lu}"),
          Map.entry("[:word:]", "\\p{L}\\p{Nl}\\p{Nd}\\p{Pc}"),
          Map.entry("[:xdigit:]", "A-Fa-f0-9"));
  private static final String GRAPH = "[:graph:]";
  private static final String NEVER = "(?!)";

  /**
   * Parses the class starting at {@code glob.charAt(pos) == '['}.
   *
   * @return the class, or null when the bracket is not closed (then {@code [} is literal)
   */
  static CharClass parse(String glob, int pos) {
    List<String> ranges = new ArrayList<>();
    List<String> negs = new ArrayList<>();
    int i = pos + 1;
    boolean sawStart = false;
    boolean escaping = false;
    boolean negate = false;
    int endPos = pos;
    int rangeStart = -1;
    outer:
    while (i < glob.length()) {
      char c = glob.charAt(i);
      if ((c == '!' || c == '^') && i == pos + 1) {
        negate = true;
        i++;
        continue;
      }
      if (c == ']' && sawStart && !escaping) {
        endPos = i + 1;
        break;
      }
      sawStart = true;
      if (c == '\\' && !escaping) {
        escaping = true;
        i++;
        continue;
      }
      if (c == '[' && !escaping) {
        if (glob.startsWith(GRAPH, i)) {
          if (rangeStart >= 0) {
            return new CharClass(NEVER, null, glob.length() - pos);
          }
          negs.add("\\p{Z}\\p{C}");
          i += GRAPH.length();
          continue;
        }
        for (Map.Entry<String, String> e : POSIX.entrySet()) {
          if (glob.startsWith(e.getKey(), i)) {
            if (rangeStart >= 0) {
              return new CharClass(NEVER, null, glob.length() - pos);
            }
            ranges.add(e.getValue());
            i += e.getKey().length();
            continue outer;
          }
        }
      }
      escaping = false;
      if (rangeStart >= 0) {
        if (c > rangeStart) {
          ranges.add(hex(rangeStart) + "-" + hex(c));
        } else if (c == rangeStart) {
          ranges.add(hex(c));
        }
        rangeStart = -1;
        i++;
        continue;
      }
      if (glob.startsWith("-]", i + 1)) {
        ranges.add(hex(c) + hex('-'));
        i += 2;
        continue;
      }
      if (glob.startsWith("-", i + 1)) {
        rangeStart = c;
        i += 2;
        continue;
      }
      ranges.add(hex(c));
      i++;
    }
    if (endPos < i) {
      return null;
    }
    if (ranges.isEmpty() && negs.isEmpty()) {
      return new CharClass(NEVER, null, glob.length() - pos);
    }
    int consumed = endPos - pos;
    if (negs.isEmpty() && ranges.size() == 1 && !negate && isSingle(ranges.get(0))) {
      String lit = String.valueOf((char) Integer.parseInt(ranges.get(0).substring(3, 7), 16));
      return new CharClass(ranges.get(0), lit, consumed);
    }
    String sranges = "[" + (negate ? "^" : "") + String.join("", ranges) + "]";
    String snegs = "[" + (negate ? "" : "^") + String.join("", negs) + "]";
    String comb =
        !ranges.isEmpty() && !negs.isEmpty()
            ? "(?:" + sranges + "|" + snegs + ")"
            : !ranges.isEmpty() ? sranges : snegs;
    return new CharClass(comb, null, consumed);
  }

  private static String hex(int c) {
    return String.format("\\x{%04x}", c);
  }

  private static boolean isSingle(String range) {
    return range.length() == 9 && range.startsWith("\\x{") && range.endsWith("}");
  }
}
