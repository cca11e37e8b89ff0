package dev.quoll.core.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quoll.testkit.NpmOracle;
import dev.quoll.testkit.OraclePackages;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Differential test of {@link PosixPath} against node's own {@code path.posix}, on hand-written and
 * fixed-seed generated paths: every function on every path (and pairs for {@code relative}, {@code
 * join} and {@code basename(p, ext)}) in one node run.
 */
class PosixPathOracleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CWD = "/tmp/quoll-where/a/b";

  @Test
  void agreesWithNodePathPosix() {
    Set<String> paths =
        new LinkedHashSet<>(
            List.of(
                "",
                ".",
                "..",
                "/",
                "//",
                "a",
                "a/",
                "/a/b/../c",
                "a/./b",
                "../../x",
                "/..",
                "a//b",
                ".x",
                "x.",
                "a.b.c",
                "/a/b.js/",
                "..a",
                "a..",
                "./",
                "/./",
                "bin/x",
                "man/1/x.1"));
    String[] pieces = {"a", "b", ".", "..", "/", "/", "//", ".js", "x.y", "~", " ", "\\", ":"};
    Random random = new Random(7L);
    while (paths.size() < 1500) {
      StringBuilder sb = new StringBuilder();
      for (int k = random.nextInt(7); k >= 0; k--) {
        sb.append(pieces[random.nextInt(pieces.length)]);
      }
      paths.add(sb.toString());
    }
    List<String> list = new ArrayList<>(paths);
    List<List<String>> cases = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      cases.add(List.of(list.get(i), list.get((i * 7 + 3) % list.size())));
    }
    JsonNode expected =
        NpmOracle.install(OraclePackages.SEMVER)
            .run(
                """
                const p = require('path').posix;
                process.chdir(input.cwd);
                output(input.cases.map(([a, b]) => [
                  p.resolve(a), p.resolve(a, b), p.relative(a, b), p.isAbsolute(a),
                  p.normalize(a), p.join(a, b), p.basename(a), p.basename(a, b), p.dirname(a),
                  p.extname(a)]));
                """,
                Map.of("cases", cases, "cwd", CWD));
    assertEquals(cases.size(), expected.size());
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      String a = cases.get(i).get(0);
      String b = cases.get(i).get(1);
      List<Object> got =
          List.of(
              PosixPath.resolve(CWD, a),
              PosixPath.resolve(CWD, a, b),
              PosixPath.relative(CWD, a, b),
              PosixPath.isAbsolute(a),
              PosixPath.normalize(a),
              PosixPath.join(a, b),
              PosixPath.basename(a),
              PosixPath.basename(a, b),
              PosixPath.dirname(a),
              PosixPath.extname(a));
      JsonNode gotJson = JSON.valueToTree(got);
      if (!gotJson.equals(expected.get(i))) {
        mismatches.add(
            JSON.valueToTree(cases.get(i))
                + "\n    node:  "
                + expected.get(i)
                + "\n    quoll: "
                + gotJson);
      }
    }
    assertTrue(
        mismatches.isEmpty(),
        mismatches.size()
            + " of "
            + cases.size()
            + " differ, first ones:\n  "
            + String.join("\n  ", mismatches.subList(0, Math.min(25, mismatches.size()))));
  }
}
