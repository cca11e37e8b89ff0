package dev.quoll.semver;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Differential test over the input columns of node-semver's own test tables ({@code
 * node-semver-fixtures.json}, from npm/node-semver, ISC licence): every input is checked for every
 * relevant function under every option combination, against the pinned node-semver.
 */
class NodeSemverFixturesTest {
  private static final String[] OPERATORS = {
    "===", "!==", "", "=", "==", "!=", ">", ">=", "<", "<=", "nope"
  };

  @Test
  void everyFixtureInputAgreesWithNodeSemver() throws IOException {
    JsonNode f;
    try (InputStream in = getClass().getResourceAsStream("node-semver-fixtures.json")) {
      f = JavaCalls.JSON.readTree(in);
    }
    Set<String> versions = new LinkedHashSet<>();
    Set<String> ranges = new LinkedHashSet<>();
    List<String[]> versionPairs = new ArrayList<>();
    List<String[]> rangePairs = new ArrayList<>();
    List<String[]> rangeVersion = new ArrayList<>();

    for (String k : List.of("validVersions", "invalidVersions", "coerce", "clean")) {
      f.get(k).forEach(n -> versions.add(n.asText()));
    }
    for (String k : List.of("comparisons", "equality", "diff")) {
      f.get(k)
          .forEach(
              n -> {
                versionPairs.add(new String[] {n.get(0).asText(), n.get(1).asText()});
                versions.add(n.get(0).asText());
                versions.add(n.get(1).asText());
              });
    }
    f.get("rangeParse").forEach(n -> ranges.add(n.asText()));
    f.get("minVersion").forEach(n -> ranges.add(n.asText()));
    for (String k :
        List.of(
            "rangeInclude",
            "rangeExclude",
            "versionGtRange",
            "versionLtRange",
            "versionNotGtRange",
            "versionNotLtRange")) {
      f.get(k)
          .forEach(
              n -> {
                rangeVersion.add(new String[] {n.get(0).asText(), n.get(1).asText()});
                ranges.add(n.get(0).asText());
                versions.add(n.get(1).asText());
              });
    }
    for (String k : List.of("rangeIntersection", "intersects", "subset")) {
      f.get(k)
          .forEach(
              n -> {
                rangePairs.add(new String[] {n.get(0).asText(), n.get(1).asText()});
                ranges.add(n.get(0).asText());
                ranges.add(n.get(1).asText());
              });
    }

    DifferentialBatch b = new DifferentialBatch();
    for (String v : versions) {
      for (int o = 0; o < 4; o++) {
        b.call("parse", v, o);
        b.call("valid", v, o);
        b.call("clean", v, o);
        b.call("prerelease", v, o);
        b.call("coerce", v, o, false);
        b.call("coerce", v, o, true);
      }
    }
    for (String[] p : versionPairs) {
      for (int o = 0; o < 2; o++) {
        b.call("compare", p[0], p[1], o);
        b.call("compare", p[1], p[0], o);
        b.call("compareBuild", p[0], p[1], o);
        for (String op : OPERATORS) {
          b.call("cmp", p[0], op, p[1], o);
        }
      }
      b.call("diff", p[0], p[1]);
      b.call("diff", p[1], p[0]);
    }
    for (String r : ranges) {
      for (int o = 0; o < 4; o++) {
        b.call("range", r, o);
        b.call("validRange", r, o);
        b.call("toComparators", r, o);
        b.call("minVersion", r, o);
      }
    }
    for (String[] p : rangeVersion) {
      b.pair(b.range(p[0]), b.version(p[1]));
      for (int o = 0; o < 4; o++) {
        b.call("satisfies", p[1], p[0], o);
        b.call("gtr", p[1], p[0], o);
        b.call("ltr", p[1], p[0], o);
      }
    }
    for (String[] p : rangePairs) {
      for (int o = 0; o < 4; o++) {
        b.call("intersects", p[0], p[1], o);
        b.call("subset", p[0], p[1], o);
        b.call("subset", p[1], p[0], o);
      }
    }
    f.get("comparatorIntersection")
        .forEach(
            n -> {
              for (int o = 0; o < 4; o++) {
                b.call("comparatorIntersects", n.get(0).asText(), n.get(1).asText(), o);
              }
            });
    f.get("increments")
        .forEach(
            n -> {
              for (int o = 0; o < 2; o++) {
                b.call("inc", n.get(0).asText(), n.get(1).asText(), o, n.get(2), n.get(3));
              }
            });
    f.get("truncations")
        .forEach(
            n -> {
              for (int o = 0; o < 2; o++) {
                b.call("truncate", n.get(0).asText(), n.get(1).asText(), o);
              }
            });
    f.get("maxSatisfying")
        .forEach(
            n -> {
              for (int o = 0; o < 4; o++) {
                b.call("maxSatisfying", n.get(0), n.get(1).asText(), o);
                b.call("minSatisfying", n.get(0), n.get(1).asText(), o);
              }
            });
    List<String> valid = new ArrayList<>();
    f.get("validVersions").forEach(n -> valid.add(n.asText()));
    for (int o = 0; o < 2; o++) {
      b.call("sort", valid, o);
      b.call("rsort", valid, o);
    }
    b.verify();
  }
}
