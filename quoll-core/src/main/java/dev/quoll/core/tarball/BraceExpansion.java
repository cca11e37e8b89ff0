package dev.quoll.core.tarball;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Brace expansion of glob patterns as the brace-expansion package (used by minimatch 10) does it:
 * {@code a{b,c}d} → {@code abd, acd}, nested braces, numeric and letter sequences ({@code {1..3}},
 * {@code {a..c}}, with an optional step), {@code \{} escapes, and top-level empty expansions
 * dropped. A body with neither a comma nor a sequence is kept literally.
 */
final class BraceExpansion {
  private static final Pattern HAS_BRACES = Pattern.compile("\\{(?:(?!\\{).)*\\}", Pattern.DOTALL);
  private static final Pattern NUMERIC_SEQUENCE =
      Pattern.compile("^-?\\d+\\.\\.-?\\d+(?:\\.\\.-?\\d+)?$");
  private static final Pattern ALPHA_SEQUENCE =
      Pattern.compile("^[a-zA-Z]\\.\\.[a-zA-Z](?:\\.\\.-?\\d+)?$");
  private static final String ESC_SLASH = "\0SLASH\u0001\0";
  private static final String ESC_OPEN = "\0OPEN\u0001\0";
  private static final String ESC_CLOSE = "\0CLOSE\u0001\0";
  private static final String ESC_COMMA = "\0COMMA\u0001\0";
  private static final String ESC_PERIOD = "\0PERIOD\u0001\0";
  private static final int MAX = 10_000;

  private BraceExpansion() {}

  /**
   * Expands the braces of a glob as minimatch's {@code braceExpand} does.
   *
   * @param pattern a glob without its leading negation marks
   * @return the expansions, in order; the pattern itself when it has no braces to expand
   */
  static List<String> expand(String pattern) {
    if (!HAS_BRACES.matcher(pattern).find()) {
      return List.of(pattern);
    }
    String str = pattern;
    if (str.startsWith("{}")) {
      str = "\\{\\}" + str.substring(2);
    }
    List<String> out = new ArrayList<>();
    for (String s : expand(escape(str), true)) {
      out.add(unescape(s));
    }
    return out;
  }

  private static String escape(String s) {
    return s.replace("\\\\", ESC_SLASH)
        .replace("\\{", ESC_OPEN)
        .replace("\\}", ESC_CLOSE)
        .replace("\\,", ESC_COMMA)
        .replace("\\.", ESC_PERIOD);
  }

  private static String unescape(String s) {
    return s.replace(ESC_SLASH, "\\")
        .replace(ESC_OPEN, "{")
        .replace(ESC_CLOSE, "}")
        .replace(ESC_COMMA, ",")
        .replace(ESC_PERIOD, ".");
  }

  /** The first balanced {@code {...}} pair: pre, body, post; null when there is none. */
  private static String[] balanced(String str) {
    int open = str.indexOf('{');
    if (open < 0) {
      return null;
    }
    // balanced-match: the first '{', then the matching '}' counting nesting.
    int depth = 0;
    int lastOpen = -1;
    for (int i = open; i < str.length(); i++) {
      char c = str.charAt(i);
      if (c == '{') {
        if (depth == 0) {
          lastOpen = i;
        }
        depth++;
      } else if (c == '}' && depth > 0) {
        depth--;
        if (depth == 0) {
          return new String[] {
            str.substring(0, lastOpen), str.substring(lastOpen + 1, i), str.substring(i + 1)
          };
        }
      }
    }
    // Unbalanced: balanced-match retries from the last unmatched '{'.
    int next = str.indexOf('{', open + 1);
    if (next < 0) {
      return null;
    }
    String[] rest = balanced(str.substring(next));
    if (rest == null) {
      return null;
    }
    return new String[] {str.substring(0, next) + rest[0], rest[1], rest[2]};
  }

  private static List<String> expand(String str, boolean isTop) {
    String[] m = balanced(str);
    if (m == null) {
      return List.of(str);
    }
    String pre = m[0];
    String body = m[1];
    List<String> post = m[2].isEmpty() ? List.of("") : expand(m[2], false);
    List<String> expansions = new ArrayList<>();
    if (pre.endsWith("$")) {
      for (String p : post) {
        expansions.add(pre + "{" + body + "}" + p);
      }
      return expansions;
    }
    boolean numeric = NUMERIC_SEQUENCE.matcher(body).matches();
    boolean alpha = ALPHA_SEQUENCE.matcher(body).matches();
    boolean sequence = numeric || alpha;
    boolean options = body.indexOf(',') >= 0;
    if (!sequence && !options) {
      if (Pattern.compile(",(?!,).*\\}", Pattern.DOTALL).matcher(m[2]).find()) {
        return expand(pre + "{" + body + ESC_CLOSE + m[2], true);
      }
      return List.of(str);
    }
    List<String> values = new ArrayList<>();
    if (sequence) {
      values.addAll(sequence(body.split("\\.\\."), alpha));
    } else {
      List<String> parts = commaParts(body);
      if (parts.size() == 1) {
        List<String> inner = new ArrayList<>();
        for (String s : expand(parts.get(0), false)) {
          inner.add("{" + s + "}");
        }
        if (inner.size() == 1) {
          for (String p : post) {
            expansions.add(pre + inner.get(0) + p);
          }
          return expansions;
        }
        parts = inner;
      }
      for (String part : parts) {
        values.addAll(expand(part, false));
      }
    }
    for (String v : values) {
      for (String p : post) {
        String expansion = pre + v + p;
        if (!isTop || sequence || !expansion.isEmpty()) {
          expansions.add(expansion);
        }
        if (expansions.size() >= MAX) {
          return expansions;
        }
      }
    }
    return expansions;
  }

  private static List<String> sequence(String[] n, boolean alpha) {
    long x = alpha ? n[0].charAt(0) : Long.parseLong(n[0]);
    long y = alpha ? n[1].charAt(0) : Long.parseLong(n[1]);
    int width = Math.max(n[0].length(), n[1].length());
    long incr = n.length == 3 ? Math.max(Math.abs(Long.parseLong(n[2])), 1) : 1;
    boolean reverse = y < x;
    if (reverse) {
      incr = -incr;
    }
    boolean pad = !alpha && (isPadded(n[0]) || isPadded(n[1]));
    List<String> out = new ArrayList<>();
    for (long i = x; reverse ? i >= y : i <= y; i += incr) {
      String c;
      if (alpha) {
        c = String.valueOf((char) i);
        if (c.equals("\\")) {
          c = "";
        }
      } else {
        c = Long.toString(i);
        if (pad) {
          int need = width - c.length();
          if (need > 0) {
            String zeros = "0".repeat(need);
            c = i < 0 ? "-" + zeros + c.substring(1) : zeros + c;
          }
        }
      }
      out.add(c);
      if (out.size() >= MAX) {
        break;
      }
    }
    return out;
  }

  private static boolean isPadded(String el) {
    return el.matches("^-?0\\d.*");
  }

  /** Splits a brace body at its top-level commas, keeping nested brace groups whole. */
  private static List<String> commaParts(String str) {
    List<String> parts = new ArrayList<>();
    if (str.isEmpty()) {
      parts.add("");
      return parts;
    }
    String[] m = balanced(str);
    if (m == null) {
      parts.addAll(List.of(str.split(",", -1)));
      return parts;
    }
    List<String> p = new ArrayList<>(List.of(m[0].split(",", -1)));
    int last = p.size() - 1;
    p.set(last, p.get(last) + "{" + m[1] + "}");
    List<String> postParts = commaParts(m[2]);
    if (!m[2].isEmpty()) {
      p.set(last, p.get(last) + postParts.get(0));
      p.addAll(postParts.subList(1, postParts.size()));
    }
    parts.addAll(p);
    return parts;
  }
}
