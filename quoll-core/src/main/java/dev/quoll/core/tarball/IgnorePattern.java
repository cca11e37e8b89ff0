package dev.quoll.core.tarball;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One rule of an ignore file, compiled as minimatch 10 compiles it with the options ignore-walk 8
 * passes ({@code matchBase, dot, flipNegate, nocase}).
 *
 * <p>Contract: {@link #matches(String, boolean)} answers what minimatch's {@code
 * Minimatch#match(path, partial)} answers for those options: leading {@code !}s toggle {@link
 * #negate()} (with flipNegate a hit is always {@code true}), braces are expanded, {@code **} is a
 * globstar, {@code *} and {@code ?} stay inside a path segment and never produce {@code .} or
 * {@code ..}, a lone {@code *} never matches an empty segment, {@code [...]} classes (with {@code
 * !}/{@code ^} negation, ranges and POSIX classes) are supported, matching ignores case, and a
 * pattern without a slash is matched against the path's last segment. Partial matching (a path that
 * may be a prefix of a match) follows minimatch's globstar algorithm. Extglobs {@code @(a|b)},
 * {@code ?(…)}, {@code +(…)}, {@code *(…)} and, at the top level of a segment, {@code !(…)} are
 * supported ({@link GlobTranslator}); a {@code !(…)} nested inside another extglob is literal.
 */
final class IgnorePattern {
  private static final GlobSegment GLOBSTAR = GlobSegment.GLOBSTAR;
  private static final int MAX_GLOBSTAR_RECURSION = 200;

  private final boolean negate;
  private final boolean comment;
  private final boolean empty;
  private final List<List<String>> globParts;
  private final List<List<GlobSegment>> set;

  /**
   * Compiles one (already trimmed) ignore-file line.
   *
   * @param line the rule, e.g. {@code "!lib/**"}
   */
  IgnorePattern(String line) {
    List<List<String>> parts = new ArrayList<>();
    List<List<GlobSegment>> compiled = new ArrayList<>();
    boolean neg = false;
    this.comment = line.startsWith("#");
    this.empty = line.isEmpty();
    if (!comment && !empty) {
      int offset = 0;
      while (offset < line.length() && line.charAt(offset) == '!') {
        neg = !neg;
        offset++;
      }
      String pattern = line.substring(offset);
      for (String glob : new LinkedHashSet<>(BraceExpansion.expand(pattern))) {
        List<String> split = levelOneOptimize(slashSplit(glob));
        parts.add(split);
        List<GlobSegment> segments = new ArrayList<>();
        for (String s : split) {
          segments.add(GlobSegment.parse(s));
        }
        compiled.add(segments);
      }
    }
    this.negate = neg;
    this.globParts = parts;
    this.set = compiled;
  }

  /** Whether the rule started with an odd number of {@code !}s (an inclusion rule). */
  boolean negate() {
    return negate;
  }

  /** The slash-split parts of each brace expansion, after minimatch's level-one optimisation. */
  List<List<String>> globParts() {
    return globParts;
  }

  /**
   * Matches a slash-separated path.
   *
   * @param path e.g. {@code "/lib/a.js"} or {@code "lib/"}
   * @param partial whether a path that is a prefix of a possible match counts
   * @return whether any expansion of the pattern matches (ignoring negation, as with flipNegate)
   */
  boolean matches(String path, boolean partial) {
    if (comment) {
      return false;
    }
    if (empty) {
      return path.isEmpty();
    }
    if (path.equals("/") && partial) {
      return true;
    }
    List<String> file = slashSplit(path);
    String filename = file.get(file.size() - 1);
    for (int i = file.size() - 2; filename.isEmpty() && i >= 0; i--) {
      filename = file.get(i);
    }
    for (List<GlobSegment> pattern : set) {
      List<String> f = pattern.size() == 1 ? List.of(filename) : file;
      if (matchOne(f, pattern, partial)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> slashSplit(String p) {
    return List.of(p.split("/+", -1));
  }

  private static List<String> levelOneOptimize(List<String> parts) {
    List<String> out = new ArrayList<>();
    for (String part : parts) {
      String prev = out.isEmpty() ? null : out.get(out.size() - 1);
      if (part.equals("**") && "**".equals(prev)) {
        continue;
      }
      if (part.equals("..")
          && prev != null
          && !prev.equals("..")
          && !prev.equals(".")
          && !prev.equals("**")) {
        out.remove(out.size() - 1);
        continue;
      }
      out.add(part);
    }
    return out.isEmpty() ? List.of("") : out;
  }

  private static boolean badDot(String f) {
    return f.equals(".") || f.equals("..");
  }

  private boolean matchOne(List<String> file, List<GlobSegment> pattern, boolean partial) {
    if (pattern.contains(GLOBSTAR)) {
      return matchGlobstar(file, pattern, partial, 0, 0);
    }
    return matchSimple(file, pattern, partial, 0, 0);
  }

  private boolean matchGlobstar(
      List<String> file,
      List<GlobSegment> pattern,
      boolean partial,
      int fileIndex,
      int patternIndex) {
    int firstgs = pattern.indexOf(GLOBSTAR);
    int lastgs = pattern.lastIndexOf(GLOBSTAR);
    List<GlobSegment> head = pattern.subList(patternIndex, firstgs);
    List<GlobSegment> body =
        partial
            ? pattern.subList(firstgs + 1, pattern.size())
            : pattern.subList(Math.min(firstgs + 1, lastgs), lastgs);
    List<GlobSegment> tail = partial ? List.of() : pattern.subList(lastgs + 1, pattern.size());
    if (!head.isEmpty()) {
      List<String> fileHead =
          file.subList(
              Math.min(fileIndex, file.size()), Math.min(fileIndex + head.size(), file.size()));
      if (!matchSimple(fileHead, head, partial, 0, 0)) {
        return false;
      }
      fileIndex += head.size();
    }
    int fileTailMatch = 0;
    if (!tail.isEmpty()) {
      if (tail.size() + fileIndex > file.size()) {
        return false;
      }
      int tailStart = file.size() - tail.size();
      if (matchSimple(file, tail, partial, tailStart, 0)) {
        fileTailMatch = tail.size();
      } else {
        if (!file.get(file.size() - 1).isEmpty() || fileIndex + tail.size() == file.size()) {
          return false;
        }
        tailStart--;
        if (!matchSimple(file, tail, partial, tailStart, 0)) {
          return false;
        }
        fileTailMatch = tail.size() + 1;
      }
    }
    if (body.isEmpty()) {
      boolean sawSome = fileTailMatch != 0;
      for (int i = fileIndex; i < file.size() - fileTailMatch; i++) {
        sawSome = true;
        if (badDot(file.get(i))) {
          return false;
        }
      }
      return partial || sawSome;
    }
    List<List<GlobSegment>> sections = new ArrayList<>();
    List<Integer> afters = new ArrayList<>();
    List<Integer> nonGsPartsSums = new ArrayList<>(List.of(0));
    List<GlobSegment> current = new ArrayList<>();
    sections.add(current);
    int nonGsParts = 0;
    for (GlobSegment b : body) {
      if (b == GLOBSTAR) {
        nonGsPartsSums.add(nonGsParts);
        current = new ArrayList<>();
        sections.add(current);
      } else {
        current.add(b);
        nonGsParts++;
      }
    }
    int i = sections.size() - 1;
    int fileLength = file.size() - fileTailMatch;
    for (List<GlobSegment> section : sections) {
      afters.add(fileLength - (nonGsPartsSums.get(i--) + section.size()));
    }
    return Boolean.TRUE.equals(
        matchBodySections(file, sections, afters, fileIndex, 0, partial, 0, fileTailMatch != 0));
  }

  /** TRUE on a match, FALSE for no match, null for "no match, stop trying". */
  private Boolean matchBodySections(
      List<String> file,
      List<List<GlobSegment>> sections,
      List<Integer> afters,
      int fileIndex,
      int bodyIndex,
      boolean partial,
      int depth,
      boolean sawTail) {
    if (bodyIndex >= sections.size()) {
      for (int i = fileIndex; i < file.size(); i++) {
        sawTail = true;
        if (badDot(file.get(i))) {
          return false;
        }
      }
      return sawTail;
    }
    List<GlobSegment> body = sections.get(bodyIndex);
    int after = afters.get(bodyIndex);
    while (fileIndex <= after) {
      boolean m =
          matchSimple(
              file.subList(0, Math.min(fileIndex + body.size(), file.size())),
              body,
              partial,
              fileIndex,
              0);
      if (m && depth < MAX_GLOBSTAR_RECURSION) {
        Boolean sub =
            matchBodySections(
                file,
                sections,
                afters,
                fileIndex + body.size(),
                bodyIndex + 1,
                partial,
                depth + 1,
                sawTail);
        if (!Boolean.FALSE.equals(sub)) {
          return sub;
        }
      }
      if (fileIndex < file.size() && badDot(file.get(fileIndex))) {
        return false;
      }
      fileIndex++;
    }
    return partial ? Boolean.TRUE : null;
  }

  private static boolean matchSimple(
      List<String> file,
      List<GlobSegment> pattern,
      boolean partial,
      int fileIndex,
      int patternIndex) {
    int fi = fileIndex;
    int pi = patternIndex;
    int fl = file.size();
    int pl = pattern.size();
    for (; fi < fl && pi < pl; fi++, pi++) {
      GlobSegment p = pattern.get(pi);
      if (!p.test(file.get(fi))) {
        return false;
      }
    }
    if (fi == fl && pi == pl) {
      return true;
    } else if (fi == fl) {
      return partial;
    } else if (pi == pl) {
      return fi == fl - 1 && file.get(fi).isEmpty();
    }
    return false;
  }
}
