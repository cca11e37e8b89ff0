package dev.quoll.core.tarball;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.core.path.PosixPath;
import dev.quoll.testkit.NpmOracle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential tests of the building blocks of npm's pack rules against npm's own JavaScript:
 * {@link IgnorePattern} against minimatch 10.2.5 (the version npm 11 bundles) with ignore-walk's
 * options, {@link PosixPath} against node's {@code path.posix}, and {@link NpmCollation} against
 * V8's {@code localeCompare} / {@code Intl.Collator}.
 */
class PackRulesOracleTest {
  private static final String MINIMATCH = "minimatch@10.2.5";

  private static final List<String> PATTERN_SEGMENTS =
      List.of(
          "a",
          "b",
          "A",
          "ab",
          ".x",
          "x.js",
          "X.JS",
          "*",
          "**",
          "?",
          "??",
          "[ab]",
          "[!a]",
          "[^b]",
          "[a-c]",
          "[]a]",
          "[",
          "{a,b}",
          "{a,}",
          "{x,y}.js",
          "a{1..3}",
          "a*",
          "*b",
          "*.js",
          "*.*",
          ".*",
          "\\*",
          "a\\?",
          "readme{,.*[^~$]}",
          "[[:alpha:]]*",
          "é",
          "*ü*",
          "*\\.js",
          "??.js",
          "*]",
          "***",
          "a**",
          "a\\",
          "+(a|b)",
          "@(x|y).js",
          "*(a)",
          "?(a|b)c",
          "a+(b",
          "x@(a|*)",
          "+(a|b)*",
          "@(*.js|*.md)",
          "*(@(a|b)|c)",
          "!(a)",
          "x!(a).js",
          "!(*.js)",
          "a!(b|c)",
          "!()",
          "!(a|b)*",
          "");
  private static final List<String> PATH_SEGMENTS =
      List.of(
          "a",
          "b",
          "A",
          "B",
          "ab",
          "aB",
          "x.js",
          "X.JS",
          "y.js",
          ".x",
          ".js",
          "c",
          "a1",
          "a2",
          "readme",
          "README.md",
          "readme.md~",
          "*",
          "?",
          "é",
          "Ü",
          "xüy",
          "]a",
          "a\\b",
          "x\\.js",
          "a.b.c");

  @Test
  void ignorePatternMatchesLikeMinimatch() {
    Random random = new Random(Long.getLong("quoll.glob.seed", 7_2026L));
    List<Map<String, Object>> cases = new ArrayList<>();
    for (int i = 0; i < Integer.getInteger("quoll.glob.cases", 6000); i++) {
      cases.add(
          Map.of(
              "pattern", pattern(random), "path", path(random), "partial", random.nextInt(3) == 0));
    }
    for (String fixed :
        List.of("#comment", "!", "!!a", "/", "//", "a//b", "**/", "/**", "**/**/a", "a/../b")) {
      cases.add(Map.of("pattern", fixed, "path", "a/b", "partial", false));
      cases.add(Map.of("pattern", fixed, "path", "/a/", "partial", true));
    }
    JsonNode expected =
        NpmOracle.install(MINIMATCH)
            .run(
                """
                const { Minimatch } = require('minimatch')
                const opts = { matchBase: true, dot: true, flipNegate: true, nocase: true }
                output(input.map(c => {
                  const mm = new Minimatch(c.pattern, opts)
                  return { negate: mm.negate, match: mm.match(c.path, c.partial),
                           globParts: mm.globParts }
                }))
                """,
                cases);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      Map<String, Object> c = cases.get(i);
      IgnorePattern p = new IgnorePattern((String) c.get("pattern"));
      JsonNode want = expected.get(i);
      boolean match = p.matches((String) c.get("path"), (Boolean) c.get("partial"));
      List<List<String>> wantParts = new ArrayList<>();
      want.get("globParts")
          .forEach(
              part -> {
                List<String> segs = new ArrayList<>();
                part.forEach(s -> segs.add(s.textValue()));
                wantParts.add(segs);
              });
      if (want.get("negate").booleanValue() != p.negate()
          || want.get("match").booleanValue() != match
          || !wantParts.equals(p.globParts())) {
        if (mismatches.size() < 15) {
          mismatches.add(
              c
                  + " want "
                  + want
                  + " got negate="
                  + p.negate()
                  + " match="
                  + match
                  + " parts="
                  + p.globParts());
        }
      }
    }
    assertEquals(List.of(), mismatches, "of " + cases.size() + " cases");
  }

  @Test
  void extglobsAlternate() {
    assertEquals(true, new IgnorePattern("+(a|b)").matches("abba", false));
    assertEquals(true, new IgnorePattern("lib/@(x|y).js").matches("lib/Y.JS", false));
    assertEquals(false, new IgnorePattern("?(a|b)c").matches("abc", false));
    assertEquals(true, new IgnorePattern("*(@(a|b)|c)").matches("x/cab", false));
  }

  private static String pattern(Random r) {
    StringBuilder sb = new StringBuilder();
    int bangs = r.nextInt(6) == 0 ? 1 + r.nextInt(2) : 0;
    sb.append("!".repeat(bangs));
    if (r.nextInt(3) == 0) {
      sb.append('/');
    }
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append('/');
      }
      sb.append(PATTERN_SEGMENTS.get(r.nextInt(PATTERN_SEGMENTS.size())));
    }
    if (r.nextInt(5) == 0) {
      sb.append('/');
    }
    return sb.toString();
  }

  private static String path(Random r) {
    StringBuilder sb = new StringBuilder();
    if (r.nextBoolean()) {
      sb.append('/');
    }
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append('/');
      }
      sb.append(PATH_SEGMENTS.get(r.nextInt(PATH_SEGMENTS.size())));
    }
    if (r.nextInt(4) == 0) {
      sb.append('/');
    }
    return sb.toString();
  }

  @Test
  void nodePathFunctionsMatchNode() {
    Random random = new Random(11L);
    List<String> parts = List.of("a", "b.js", ".", "..", "", ".x", "x.", "..y", "a.b.c", "é.ts");
    List<List<String>> cases = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      List<String> pair = new ArrayList<>();
      for (int k = 0; k < 2; k++) {
        StringBuilder sb = new StringBuilder(random.nextInt(4) == 0 ? "/" : "");
        int n = random.nextInt(4);
        for (int j = 0; j < n; j++) {
          sb.append(j > 0 ? "/" : "").append(parts.get(random.nextInt(parts.size())));
        }
        if (random.nextInt(4) == 0) {
          sb.append('/');
        }
        pair.add(sb.toString());
      }
      cases.add(pair);
    }
    JsonNode expected =
        NpmOracle.install(MINIMATCH)
            .run(
                """
                const p = require('path').posix
                output(input.map(([a, b]) => [p.normalize(a), p.join(a, b), p.basename(a),
                  p.extname(a), p.dirname(p.normalize(a)),
                  [a, b].some(x => x.startsWith('/') || p.normalize(x).startsWith('..'))
                    ? null : p.relative(a, b)]))
                """,
                cases);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      String a = cases.get(i).get(0);
      String b = cases.get(i).get(1);
      JsonNode w = expected.get(i);
      List<String> got =
          List.of(
              PosixPath.normalize(a),
              PosixPath.join(a, b),
              PosixPath.basename(a),
              PosixPath.extname(a),
              TarHeader.dirname(PosixPath.normalize(a)),
              w.get(5).isNull() ? "null" : PosixPath.relative("/", a, b));
      List<String> want = new ArrayList<>();
      w.forEach(n -> want.add(n.isNull() ? "null" : n.textValue()));
      if (!want.equals(got) && mismatches.size() < 10) {
        mismatches.add(cases.get(i) + " want " + want + " got " + got);
      }
    }
    assertEquals(List.of(), mismatches);
  }

  @Test
  void sortsMatchV8() {
    Random random = new Random(3L);
    List<String> alphabet =
        List.of(
            "a", "b", "A", "B", "z", "Z", "0", "1", "9", "10", "-", "_", ".", "/", "@", "~", "$",
            "é", "E", "e", "ß", "日", "😀", " ", "#", "js", "JS", "md", "index", "Index", "README");
    List<List<String>> lists = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      List<String> list = new ArrayList<>();
      for (int j = 0; j < 15; j++) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(6);
        for (int k = 0; k < n; k++) {
          sb.append(alphabet.get(random.nextInt(alphabet.size())));
        }
        list.add(sb.toString());
      }
      lists.add(list);
    }
    JsonNode expected =
        NpmOracle.install(MINIMATCH)
            .run(
                """
                const { extname, basename } = require('path')
                const tarSort = (a, b) =>
                  extname(a).toLowerCase().localeCompare(extname(b).toLowerCase(), 'en') ||
                  basename(a).toLowerCase().localeCompare(basename(b).toLowerCase(), 'en') ||
                  a.localeCompare(b, 'en')
                const coll = new Intl.Collator('en', { sensitivity: 'case', numeric: true })
                const isUpper = s => s.charAt(0) === s.charAt(0).toUpperCase()
                output(input.map(list => {
                  const up = list.filter(isUpper).sort((a, b) => coll.compare(a, b))
                  const other = list.filter(s => !isUpper(s)).sort((a, b) => coll.compare(a, b))
                  return [[...list].sort(tarSort), up.concat(other)]
                }))
                """,
                lists);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < lists.size(); i++) {
      List<String> tar = new ArrayList<>(lists.get(i));
      tar.sort(NpmCollation.tarOrder());
      List<String> up = new ArrayList<>();
      List<String> other = new ArrayList<>();
      for (String s : lists.get(i)) {
        (NpmCollation.startsUpper(s) ? up : other).add(s);
      }
      up.sort(NpmCollation.reportCompare());
      other.sort(NpmCollation.reportCompare());
      up.addAll(other);
      List<String> wantTar = new ArrayList<>();
      expected.get(i).get(0).forEach(n -> wantTar.add(n.textValue()));
      List<String> wantReport = new ArrayList<>();
      expected.get(i).get(1).forEach(n -> wantReport.add(n.textValue()));
      if ((!wantTar.equals(tar) || !wantReport.equals(up)) && mismatches.size() < 5) {
        mismatches.add(
            lists.get(i)
                + "\n want "
                + wantTar
                + " / "
                + wantReport
                + "\n got  "
                + tar
                + " / "
                + up);
      }
    }
    assertEquals(List.of(), mismatches);
  }

  @Test
  void braceExpansionMatchesMinimatch() {
    Random random = new Random(5L);
    List<String> tokens =
        List.of(
            "{",
            "}",
            ",",
            "a",
            "b",
            "..",
            "1",
            "3",
            "-2",
            "\\{",
            "\\,",
            "$",
            "x",
            "{a,b}",
            "{1..3}",
            "{a..c}",
            "{,}",
            "{}",
            "{{a,b}}",
            "{0..10..3}",
            "{01..3}",
            "z",
            "/");
    List<String> cases = new ArrayList<>(List.of("{}a", "a{}", "{a}", "${a,b}", "a{b,c{d,e}f}g"));
    for (int i = 0; i < 3000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = 1 + random.nextInt(7);
      for (int k = 0; k < n; k++) {
        sb.append(tokens.get(random.nextInt(tokens.size())));
      }
      cases.add(sb.toString());
    }
    JsonNode expected =
        NpmOracle.install(MINIMATCH)
            .run(
                "const { braceExpand } = require('minimatch')\n"
                    + "output(input.map(p => braceExpand(p)))\n",
                cases);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      List<String> want = new ArrayList<>();
      expected.get(i).forEach(n -> want.add(n.textValue()));
      List<String> got = BraceExpansion.expand(cases.get(i));
      if (!want.equals(got) && mismatches.size() < 10) {
        mismatches.add(cases.get(i) + " want " + want + " got " + got);
      }
    }
    assertEquals(List.of(), mismatches, "of " + cases.size() + " cases");
  }
}
