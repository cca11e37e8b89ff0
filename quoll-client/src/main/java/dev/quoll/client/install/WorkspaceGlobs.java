package dev.quoll.client.install;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.client.ClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Collator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The workspace folders of a project from package.json's {@code workspaces} (an array, or an object
 * with a {@code packages} array), as @npmcli/map-workspaces 5 finds them with glob 13 and minimatch
 * 10.
 *
 * <p>Contract: leading {@code !}s negate a pattern when odd; a leading {@code /} or {@code ./} is
 * dropped. A negated pattern is cancelled by a later positive pattern it matches; the remaining
 * negations and {@code **}{@code /node_modules/**} are glob's {@code ignore} list (an ignore
 * pattern ending in {@code /**} also prunes the folder it names; others skip only the folders they
 * match, not what is below them). Every folder under the project (not following symbolic links
 * below a {@code **}, never into node_modules) that a positive pattern matches and no ignore
 * pattern matches is a candidate; candidates are sorted by {@code localeCompare(b, 'en')} (an
 * English collator here), then listed pattern by pattern (a folder under the first pattern that
 * matches it). Folders without a package.json are dropped. The name is package.json's {@code name},
 * else the folder name (with its {@code @scope} parent). Two folders with one name fail with {@code
 * EDUPLICATEWORKSPACE}; a {@code workspaces} that is not an array fails with {@code
 * EWORKSPACESCONFIG}.
 *
 * <p>Patterns: {@code *}, {@code ?}, {@code [...]} (with {@code !} or {@code ^} negation) within a
 * path segment, {@code **} for any number of segments, {@code {a,b}} and {@code {1..3}} braces; a
 * segment that does not start with {@code .} never matches a name starting with {@code .}
 * (minimatch's {@code dot: false}).
 */
public final class WorkspaceGlobs {
  /** The English collator map-workspaces sorts with, made on first use (it is slow to make). */
  private static final class English {
    static final Collator COLLATOR = Collator.getInstance(Locale.ENGLISH);
  }

  private WorkspaceGlobs() {}

  /**
   * Finds the workspaces.
   *
   * @param root the project folder
   * @param workspaces package.json's {@code workspaces} value (missing or null: none)
   * @return workspace name to folder, relative to root with {@code /}, in map-workspaces' order
   * @throws ClientException {@code EWORKSPACESCONFIG} or {@code EDUPLICATEWORKSPACE}
   * @throws UncheckedIOException when a folder cannot be listed
   */
  public static Map<String, String> find(Path root, JsonNode workspaces) {
    JsonNode list =
        workspaces != null && workspaces.has("packages") ? workspaces.get("packages") : workspaces;
    if (list == null || list.isMissingNode() || list.isNull()) {
      return Map.of();
    }
    if (!list.isArray()) {
      throw new ClientException("EWORKSPACESCONFIG", "workspaces config expects an Array");
    }
    List<String> patterns = new ArrayList<>();
    List<String> negated = new ArrayList<>();
    for (JsonNode p : list) {
      String s = p.asText();
      int bangs = 0;
      while (bangs < s.length() && s.charAt(bangs) == '!') {
        bangs++;
      }
      s = s.substring(bangs).replaceFirst("^\\.?/+", "");
      if (bangs % 2 == 1) {
        negated.add(s);
      } else {
        String pattern = s;
        negated.removeIf(n -> matches(pattern, n, false));
        patterns.add(s);
      }
    }
    for (String n : negated) {
      patterns.removeIf(p -> matches(p, n, false));
    }
    if (patterns.isEmpty()) {
      return Map.of();
    }
    List<String> ignore = new ArrayList<>(negated);
    ignore.add("**/node_modules/**");
    List<String> found = new ArrayList<>();
    walk(root, "", patterns, ignore, found);
    found.sort(English.COLLATOR::compare);
    Set<String> ordered = new LinkedHashSet<>();
    for (String p : patterns) {
      for (String m : found) {
        if (matches(m, p, true)) {
          ordered.add(m);
        }
      }
    }
    Map<String, List<String>> byName = new LinkedHashMap<>();
    for (String m : ordered) {
      Path pj = root.resolve(m).resolve("package.json");
      if (!Files.isRegularFile(pj)) {
        continue;
      }
      String name = nameOf(pj, m);
      byName.computeIfAbsent(name, k -> new ArrayList<>()).add(m);
    }
    Map<String, String> out = new LinkedHashMap<>();
    StringBuilder dup = new StringBuilder("must not have multiple workspaces with the same name");
    boolean dups = false;
    for (Map.Entry<String, List<String>> e : byName.entrySet()) {
      if (e.getValue().size() > 1) {
        dups = true;
        dup.append("\npackage '")
            .append(e.getKey())
            .append("' has conflicts in the following paths:");
        e.getValue().forEach(p -> dup.append("\n    ").append(root.resolve(p)));
      } else {
        out.put(e.getKey(), e.getValue().getFirst());
      }
    }
    if (dups) {
      throw new ClientException("EDUPLICATEWORKSPACE", dup.toString());
    }
    return out;
  }

  private static String nameOf(Path pj, String rel) {
    try {
      JsonNode n = dev.quoll.core.json.Json.parse(Files.readAllBytes(pj));
      if (n.path("name").isTextual() && !n.path("name").textValue().isEmpty()) {
        return n.path("name").textValue();
      }
    } catch (IOException | RuntimeException e) {
      // npm fails on a broken package.json later; the folder name stands in
    }
    String[] segs = rel.split("/");
    String base = segs[segs.length - 1];
    if (segs.length > 1 && segs[segs.length - 2].startsWith("@")) {
      return segs[segs.length - 2] + "/" + base;
    }
    return base;
  }

  private static void walk(
      Path root, String rel, List<String> patterns, List<String> ignore, List<String> out) {
    Path dir = rel.isEmpty() ? root : root.resolve(rel);
    if (!rel.isEmpty()) {
      if (ignore.stream()
          .anyMatch(
              i -> i.endsWith("/**") && matches(rel, i.substring(0, i.length() - 3), false))) {
        return; // glob's childrenIgnored: the folder and all below it
      }
      if (ignore.stream().noneMatch(i -> matches(rel, i, false))
          && patterns.stream().anyMatch(p -> matches(rel, p, false))) {
        out.add(rel);
      }
      if (patterns.stream().noneMatch(p -> matches(rel, p, true))) {
        return;
      }
      if (Files.isSymbolicLink(dir)) {
        return;
      }
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path c : ds) {
        if (Files.isDirectory(c)) {
          String name = c.getFileName().toString();
          walk(root, rel.isEmpty() ? name : rel + "/" + name, patterns, ignore, out);
        }
      }
    } catch (IOException e) {
      if (rel.isEmpty()) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Whether a relative path matches a pattern (minimatch, {@code dot: false}).
   *
   * @param path the path, segments joined by {@code /}
   * @param pattern the glob
   * @param partial minimatch's {@code partial}: the path may be a leading part of a match
   */
  static boolean matches(String path, String pattern, boolean partial) {
    String[] segs = path.isEmpty() ? new String[0] : path.split("/");
    for (String p : Braces.expand(pattern)) {
      String q = p.replaceAll("/+$", "");
      String[] ps = q.isEmpty() ? new String[0] : q.split("/+");
      if (match(segs, 0, ps, 0, partial)) {
        return true;
      }
    }
    return false;
  }

  private static boolean match(String[] s, int si, String[] p, int pi, boolean partial) {
    if (pi == p.length) {
      return si == s.length;
    }
    if (si == s.length) {
      if (partial) {
        return true;
      }
      for (int i = pi; i < p.length; i++) {
        if (!p[i].equals("**")) {
          return false;
        }
      }
      return true;
    }
    if (p[pi].equals("**")) {
      if (match(s, si, p, pi + 1, partial)) {
        return true;
      }
      return !s[si].startsWith(".") && match(s, si + 1, p, pi, partial);
    }
    return segment(s[si], p[pi]) && match(s, si + 1, p, pi + 1, partial);
  }

  private static boolean segment(String name, String pattern) {
    if (name.startsWith(".") && !pattern.startsWith(".")) {
      return false;
    }
    return Pattern.compile(regex(pattern)).matcher(name).matches();
  }

  private static String regex(String glob) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> b.append("[^/]*");
        case '?' -> b.append("[^/]");
        case '\\' -> {
          if (i + 1 < glob.length()) {
            b.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
          }
        }
        case '[' -> {
          int end = glob.indexOf(']', i + 2);
          if (end < 0) {
            b.append("\\[");
          } else {
            String cls = glob.substring(i + 1, end);
            if (cls.startsWith("!")) {
              cls = "^" + cls.substring(1);
            }
            b.append('[').append(cls.replace("\\", "\\\\").replace("[", "\\[")).append(']');
            i = end;
          }
        }
        default -> b.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return b.toString();
  }

  /** Brace expansion as minimatch's brace-expansion: {@code {a,b}} and {@code {1..3}}. */
  static final class Braces {
    private Braces() {}

    static List<String> expand(String s) {
      int open = -1;
      int depth = 0;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '\\') {
          i++;
        } else if (c == '{') {
          if (depth++ == 0) {
            open = i;
          }
        } else if (c == '}' && depth > 0 && --depth == 0) {
          String body = s.substring(open + 1, i);
          List<String> parts = split(body);
          List<String> alts = new ArrayList<>();
          if (parts.size() > 1) {
            alts.addAll(parts);
          } else if (body.matches("-?\\d+\\.\\.-?\\d+")) {
            String[] ab = body.split("\\.\\.");
            int a = Integer.parseInt(ab[0]);
            int z = Integer.parseInt(ab[1]);
            for (int k = a; a <= z ? k <= z : k >= z; k += a <= z ? 1 : -1) {
              alts.add(Integer.toString(k));
            }
          } else {
            continue;
          }
          List<String> out = new ArrayList<>();
          for (String alt : alts) {
            out.addAll(expand(s.substring(0, open) + alt + s.substring(i + 1)));
          }
          return out;
        }
      }
      return List.of(s);
    }

    private static List<String> split(String body) {
      List<String> out = new ArrayList<>();
      int depth = 0;
      int start = 0;
      for (int i = 0; i < body.length(); i++) {
        char c = body.charAt(i);
        if (c == '{') {
          depth++;
        } else if (c == '}') {
          depth--;
        } else if (c == ',' && depth == 0) {
          out.add(body.substring(start, i));
          start = i + 1;
        }
      }
      out.add(body.substring(start));
      return out;
    }
  }
}
