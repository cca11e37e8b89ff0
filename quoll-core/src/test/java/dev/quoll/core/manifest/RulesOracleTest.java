package dev.quoll.core.manifest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.core.json.Json;
import dev.quoll.core.tarball.NpmCollation;
import dev.quoll.semver.Options;
import dev.quoll.semver.Semver;
import dev.quoll.testkit.NpmOracle;
import dev.quoll.testkit.OraclePackages;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential tests of rules as manifest normalisation uses them: quoll-semver's valid/clean in
 * loose and strict mode (the {@code version} step) against semver 7.8.5, and the {@code
 * localeCompare('en')} order ({@link NpmCollation#localeCompare}) against node's {@code
 * Intl.Collator}. The shared hosted-git-info and URL rules the manifest uses are tested in their
 * own packages ({@code HostedGitOracleTest}, {@code ManifestUrlOracleTest}).
 */
class RulesOracleTest {
  private static final NpmOracle ORACLE =
      NpmOracle.install(OraclePackages.HOSTED_GIT_INFO, OraclePackages.SEMVER);

  @Test
  void semverCleanMatches() {
    List<String> versions = new ArrayList<>();
    List<String> parts =
        List.of(
            "1",
            "01",
            "0",
            "v",
            "=",
            " ",
            ".",
            "-",
            "+",
            "beta",
            "rc.1",
            "x",
            "2",
            "9007199254740992");
    Random random = new Random(11);
    for (int i = 0; i < 3000; i++) {
      StringBuilder b = new StringBuilder();
      int n = 1 + random.nextInt(8);
      for (int k = 0; k < n; k++) {
        b.append(parts.get(random.nextInt(parts.size())));
      }
      versions.add(b.toString());
    }
    versions.addAll(
        List.of(
            "1.2.3",
            " =v1.2.3 ",
            "v1.2.3-beta.01",
            "1.2.3beta",
            "01.02.03",
            "1.2.3-01+build.5",
            "1.2",
            "1.2.3.4",
            "=1.2.3",
            "v 1.2.3",
            "1.2.3-a.b.c",
            "1.2.3+x",
            "99999999999999999.0.0",
            "1.2.3-9007199254740992"));
    JsonNode expected =
        ORACLE.run(
            """
            const semver = require('semver');
            output(input.map(v => [semver.valid(v, true), semver.clean(v, true),
              semver.valid(v, false), semver.clean(v, false)]));
            """,
            versions);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < versions.size(); i++) {
      String v = versions.get(i);
      List<String> got = new ArrayList<>();
      got.add(Semver.valid(v, Options.LOOSE).orElse(null));
      got.add(Semver.clean(v, Options.LOOSE).orElse(null));
      got.add(Semver.valid(v, Options.STRICT).orElse(null));
      got.add(Semver.clean(v, Options.STRICT).orElse(null));
      String gotText = Json.stringify(Json.toTree(got));
      String wantText = Json.stringify(expected.get(i));
      if (!wantText.equals(gotText)) {
        mismatches.add("'" + v + "'\n  want " + wantText + "\n  got  " + gotText);
      }
    }
    report(mismatches, versions.size());
  }

  @Test
  void localeCompareMatchesIntlCollator() {
    String alphabet = "aAbBzZ09-_.@/~!$*()'\"+ ,;:?[]{}&#%`^<=>|\\\u0001é";
    Random random = new Random(5);
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      StringBuilder b = new StringBuilder();
      int n = random.nextInt(6);
      for (int k = 0; k < n; k++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length() - 1)));
      }
      words.add(b.toString());
    }
    words.addAll(List.of("a", "A", "a-b", "a_b", "a.b", "ab", "@scope/a", "a1", "Zed", "zed"));
    JsonNode expected =
        ORACLE.run(
            """
            const c = new Intl.Collator('en');
            const out = [];
            for (let i = 0; i < input.length; i++) {
              for (let j = 0; j < input.length; j += 7) out.push(Math.sign(c.compare(input[i], input[(i + j) % input.length])));
            }
            output(out);
            """,
            words);
    List<String> mismatches = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < words.size(); i++) {
      for (int j = 0; j < words.size(); j += 7) {
        String a = words.get(i);
        String b = words.get((i + j) % words.size());
        int got = Integer.signum(NpmCollation.localeCompare(a, b));
        int want = expected.get(k++).intValue();
        if (got != want) {
          mismatches.add("'" + a + "' vs '" + b + "': want " + want + ", got " + got);
        }
      }
    }
    report(mismatches, k);
  }

  private static void report(List<String> mismatches, int cases) {
    assertTrue(
        mismatches.isEmpty(),
        mismatches.size()
            + " of "
            + cases
            + " differ:\n"
            + String.join("\n", mismatches.subList(0, Math.min(12, mismatches.size()))));
  }
}
