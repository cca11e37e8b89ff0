package dev.quoll.core.name;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.testkit.NpmOracle;
import dev.quoll.testkit.OraclePackages;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Differential test: {@link PackageName#validate} against validate-npm-package-name 7.0.2 (bundled
 * by npm 11). Larger local runs: {@code -DargLine="-Dnames.count=50000 -Dnames.seed=9"}.
 */
class PackageNameOracleTest {
  static final String ORACLE = OraclePackages.VALIDATE_NPM_PACKAGE_NAME;

  static final List<String> EDGE_CASES =
      List.of(
          "",
          " ",
          "a",
          "A",
          "some-package",
          "example.com",
          "under_score",
          "period.js",
          "123numeric",
          "crazy!",
          "@npm/thingy",
          "@npm-zors/money!time.js",
          "@npm/.",
          "@npm/..",
          "@npm/.foo",
          "@npm/_foo",
          "@/foo",
          "@npm/",
          "@npm",
          "@",
          "@@npm/foo",
          "@npm/foo/bar",
          "@npm%2ffoo",
          "@NPM/foo",
          "@npm/Foo",
          "foo/bar",
          "/foo",
          "foo/",
          ".start",
          "_start",
          "-start",
          " leading",
          "trailing ",
          "\u00a0nbsp",
          "nbsp\u00a0",
          "\u001cfs",
          "tab\t",
          "\ufeffbom",
          "node_modules",
          "NODE_MODULES",
          "favicon.ico",
          "Favicon.ICO",
          "http",
          "HTTP",
          "fs",
          "fs/promises",
          "FS/Promises",
          "node:test",
          "node:sqlite",
          "_http_agent",
          "assert/strict",
          "process",
          "sys",
          "crypto",
          "module",
          "Module",
          "ifyouwanttogetthesumoftwonumberswherethosetwonumbersarechosenbyfindingthelargestoftwooutofthreenumbersandsquaringthemwhichismultiplyingthembyitselfthenyoushouldinputthreenumbersintothisfunctionanditwilldothatforyou-",
          "ifyouwanttogetthesumoftwonumberswherethosetwonumbersarechosenbyfindingthelargestoftwooutofthreenumbersandsquaringthemwhichismultiplyingthembyitselfthenyoushouldinputthreenumbersintothisfunctionanditwilldothatforyou",
          "~tilde",
          "tilde~",
          "@scope~/x",
          "@scope/x~",
          "it's",
          "(paren)",
          "star*",
          "excl!",
          "CAPS",
          "mIxEd",
          "\u0130",
          "\u03a3\u03a3",
          "caf\u00e9",
          "\u00e9",
          "a b",
          "a%20b",
          "a+b",
          "a@b",
          "a:b",
          "a#b",
          "a?b",
          "a&b",
          "a=b",
          "a$b",
          "a,b",
          "a;b",
          "a[b]",
          "a{b}",
          "a|b",
          "a\\b",
          "a^b",
          "a`b",
          "a\"b",
          "a<b>",
          "\ud83d\ude00",
          "@\ud83d\ude00/x",
          "@x/\ud83d\ude00",
          "@x/ y",
          "@ x/y",
          "@x /y",
          "@x/y ",
          ".",
          "..",
          "@.",
          "@./x",
          "@_/x",
          "@-/x",
          "@x/-",
          "@x/_",
          "@x/.");

  @Test
  void matchesValidateNpmPackageName() {
    Set<String> names = new LinkedHashSet<>(EDGE_CASES);
    names.addAll(
        generated(Integer.getInteger("names.count", 4000), Long.getLong("names.seed", 42L)));
    List<String> inputs = new ArrayList<>(names);
    JsonNode expected =
        NpmOracle.install(ORACLE)
            .run(
                """
                const validate = require('validate-npm-package-name');
                output(input.map(n => {
                  const r = validate(n);
                  return [r.validForNewPackages, r.validForOldPackages,
                          r.errors || [], r.warnings || []];
                }));
                """,
                inputs);
    assertEquals(inputs.size(), expected.size());
    System.out.println("validate-npm-package-name oracle: " + inputs.size() + " names");
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      String name = inputs.get(i);
      NameValidation v = PackageName.validate(name);
      String actual =
          v.validForNewPackages()
              + " "
              + v.validForOldPackages()
              + " "
              + v.errors()
              + " "
              + v.warnings();
      JsonNode e = expected.get(i);
      String want =
          e.get(0).asBoolean()
              + " "
              + e.get(1).asBoolean()
              + " "
              + strings(e.get(2))
              + " "
              + strings(e.get(3));
      if (!want.equals(actual)) {
        mismatches.add(quote(name) + "\n    npm:   " + want + "\n    quoll: " + actual);
      }
    }
    assertTrue(
        mismatches.isEmpty(),
        mismatches.size()
            + " of "
            + inputs.size()
            + " names differ, first ones:\n  "
            + String.join("\n  ", mismatches.subList(0, Math.min(20, mismatches.size()))));
  }

  /** Random names over characters the rules care about, from a fixed seed. */
  static List<String> generated(int count, long seed) {
    String[] pieces = {
      "a",
      "b",
      "z",
      "A",
      "Z",
      "0",
      "9",
      "-",
      "_",
      ".",
      "~",
      "'",
      "!",
      "(",
      ")",
      "*",
      "@",
      "/",
      " ",
      "%",
      "%2f",
      "+",
      ":",
      "#",
      "?",
      "&",
      "=",
      "\t",
      "\n",
      "\u00a0",
      "\u00e9",
      "\u0130",
      "\u03a3",
      "\u2028",
      "\ud83d\ude00",
      "\u001c",
      "http",
      "fs",
      "node_modules",
      "favicon.ico",
      "node:test",
      "lodash",
      "@scope/",
      "@Scope/",
      "@x/",
      ".bin",
      "_x",
      "..",
      "//"
    };
    Random random = new Random(seed);
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(6);
      for (int k = 0; k <= n; k++) {
        sb.append(pieces[random.nextInt(pieces.length)]);
      }
      if (random.nextInt(50) == 0) {
        sb.append("x".repeat(205 + random.nextInt(15)));
      }
      out.add(sb.toString());
    }
    return out;
  }

  static String strings(JsonNode array) {
    List<String> list = new ArrayList<>();
    array.forEach(n -> list.add(n.asText()));
    return list.toString();
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c < 0x20 || c > 0x7e) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
