package dev.quoll.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.testkit.NpmOracle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the stand-in semver check against node-semver 7.7.3's loose {@code valid}
 * and {@code validRange}, on fixed-seed strings built from range syntax.
 */
class InterimSemverCheckOracleTest {
  @Test
  void agreesWithNodeSemverLooseValidity() {
    String[] pieces = {
      "1",
      "2",
      "0",
      "01",
      ".",
      ".",
      "x",
      "X",
      "*",
      "^",
      "~",
      "~>",
      ">",
      "<",
      "=",
      ">=",
      "<=",
      "v",
      "-",
      "+",
      " ",
      " ",
      "||",
      "a",
      "beta",
      "-0",
      "+b.1",
      " - ",
      "1.2.3",
      "1.2",
      "1.x",
      "\u00a0",
      "9007199254740992",
      "9007199254740991",
      "^0.0.",
      "~0.",
      "|",
      "foo",
      "latest"
    };
    Random random = new Random(3L);
    Set<String> inputs = new LinkedHashSet<>();
    for (int i = 0; i < 4000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(7);
      for (int k = 0; k <= n; k++) {
        sb.append(pieces[random.nextInt(pieces.length)]);
      }
      inputs.add(sb.toString());
    }
    List<String> list = new ArrayList<>(inputs);
    JsonNode expected =
        NpmOracle.install("semver@7.7.3")
            .run(
                """
                const semver = require('semver');
                output(input.map(s => [semver.valid(s, true) !== null,
                                       semver.validRange(s, true) !== null]));
                """,
                list);
    assertEquals(list.size(), expected.size());
    SemverCheck check = new InterimSemverCheck();
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String s = list.get(i);
      String want = expected.get(i).get(0).asBoolean() + "/" + expected.get(i).get(1).asBoolean();
      String got = check.isVersion(s) + "/" + check.isRange(s);
      if (!want.equals(got)) {
        mismatches.add(SpecCases.quote(s) + " semver: " + want + " quoll: " + got);
      }
    }
    assertTrue(
        mismatches.isEmpty(),
        mismatches.size()
            + " of "
            + list.size()
            + " differ (version/range), first ones:\n  "
            + String.join("\n  ", mismatches.subList(0, Math.min(25, mismatches.size()))));
  }
}
