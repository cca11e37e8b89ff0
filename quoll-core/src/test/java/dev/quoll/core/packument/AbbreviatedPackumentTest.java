package dev.quoll.core.packument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import dev.quoll.testkit.NpmOracle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The corgi derivation on generated documents that hit every branch of the rule (empty and falsy
 * values of every kept field, {@code bundledDependencies}, install-script variants, policy and
 * staged version sets, odd top-level shapes), against npm's own builder {@code
 * minify-registry-metadata@6.0.0}; and against the registry's own abbreviated answer when the
 * registry serves one.
 */
class AbbreviatedPackumentTest {
  private static final List<String> VALUES =
      List.of(
          "null",
          "false",
          "true",
          "0",
          "1",
          "\"\"",
          "\"x\"",
          "{}",
          "{\"a\":\"^1.0.0\"}",
          "[]",
          "[\"a\"]",
          "0.0",
          "-1.5");
  private static final List<String> SCRIPTS =
      List.of(
          "\"install\"",
          "{}",
          "{\"install\":\"\"}",
          "{\"install\":\"node-gyp rebuild\"}",
          "{\"preinstall\":\"node pre.js\"}",
          "{\"postinstall\":\"node post.js\",\"test\":\"tap\"}",
          "{\"install\":false,\"preinstall\":0}",
          "{\"test\":\"tap\",\"prepare\":\"tsc\"}",
          "null",
          "[\"install\"]");
  private static final List<String> EXTRA_FIELDS =
      List.of(
          "_npmUser",
          "maintainers",
          "readme",
          "libc",
          "workspaces",
          "hasInstallScript",
          "license",
          "scripts",
          "bundledDependencies",
          "_nodeVersion",
          "gitHead",
          "types");

  @Test
  void generatedDocumentsAgreeWithNpmsMinifier() {
    Random random = new Random(20261121L);
    List<String> docs = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      docs.add(document(random, i));
    }
    JsonNode want =
        NpmOracle.install(PackumentOracleTest.MINIFIER)
            .run(
                """
                const minify = require('minify-registry-metadata');
                output(input.map(t => JSON.stringify(minify(JSON.parse(t)))));
                """,
                docs);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      String got =
          new String(Packument.parse(docs.get(i)).abbreviate().toBytes(), StandardCharsets.UTF_8);
      String w = want.get(i).textValue();
      if (!w.equals(got) && mismatches.size() < 5) {
        mismatches.add(
            "input " + docs.get(i) + "\n " + PackumentOracleTest.firstDifference(w, got));
      }
    }
    assertEquals(List.of(), mismatches);
    int versions = 0;
    for (String d : docs) {
      versions += Packument.parse(d).versions().size();
    }
    System.out.println("generated documents: " + docs.size() + ", version objects: " + versions);
  }

  @Test
  void registryAbbreviatedAnswerMatchesWhenServed() {
    // The mirror reachable from the build machines answers the corgi Accept header with the full
    // document (docs: environment-facts); a real corgi has `modified` or lacks `_id`.
    int compared = 0;
    for (String p : PackumentOracleTest.PACKAGES) {
      byte[] servedBytes = PackumentOracleTest.read(RegistryDocuments.corgi(p));
      byte[] fullBytes = PackumentOracleTest.read(RegistryDocuments.full(p));
      if (java.util.Arrays.equals(servedBytes, fullBytes)) {
        continue; // the full document again
      }
      ObjectNode served = Json.parseObject(new String(servedBytes, UTF8));
      boolean isCorgi = served.has("modified") && !served.has("readme") && !served.has("_id");
      if (!isCorgi) {
        continue;
      }
      Packument full = Packument.parse(fullBytes);
      if (!full.time().modified().equals(Trees.text(served, "modified"))) {
        continue; // the two answers are of different revisions
      }
      compared++;
      assertEquals(Json.stringify(served), Json.stringify(full.abbreviate().json()), p);
    }
    System.out.println("registry corgi documents compared: " + compared);
  }

  @Test
  void tinyTarballFromNpmsDocsAbbreviatesToItsDocumentedCorgiMinusEmptyFields() {
    // The full/abbreviated pair of npm's registry docs (npm/registry docs/responses/
    // package-metadata.md). The documented corgi predates the minifier's empty-field rule: it shows
    // `directories: {}` and `_hasShrinkwrap: false`, which the live registry drops (npm/registry
    // PR #20), so those two are left out of the expectation.
    Packument full =
        Packument.parse(
            """
            {"_attachments":{},"_id":"tiny-tarball","_rev":"3-085759e977d42299e64a35aedc17d250",
             "author":{"email":"ben@npmjs.com","name":"Ben Coe"},
             "description":"tiny tarball used for health checks","dist-tags":{"latest":"1.0.0"},
             "license":"ISC","maintainers":[{"email":"ben@npmjs.com","name":"bcoe"}],
             "name":"tiny-tarball","readme":"# TinyTarball","readmeFilename":"README.md",
             "time":{"1.0.0":"2015-03-24T00:12:24.039Z","created":"2015-03-24T00:12:24.039Z",
                     "modified":"2015-05-16T22:27:54.741Z"},
             "versions":{"1.0.0":{"_from":".","_id":"tiny-tarball@1.0.0","_nodeVersion":"1.5.0",
               "_npmUser":{"email":"bencoe@gmail.com","name":"bcoe"},"_npmVersion":"2.7.0",
               "_shasum":"bbf102d5ae73afe2c553295e0fb02230216f65b1",
               "author":{"email":"ben@npmjs.com","name":"Ben Coe"},
               "description":"tiny tarball used for health checks","directories":{},
               "dist":{"shasum":"bbf102d5ae73afe2c553295e0fb02230216f65b1",
                 "tarball":"https://registry.npmjs.org/tiny-tarball/-/tiny-tarball-1.0.0.tgz"},
               "license":"ISC","main":"index.js",
               "maintainers":[{"email":"bencoe@gmail.com","name":"bcoe"}],"name":"tiny-tarball",
               "scripts":{"test":"echo \\"Error: no test specified\\" && exit 1"},
               "version":"1.0.0"}}}
            """);
    ObjectNode want =
        Json.parseObject(
            """
            {"name":"tiny-tarball","dist-tags":{"latest":"1.0.0"},"versions":{"1.0.0":{
              "name":"tiny-tarball","version":"1.0.0",
              "dist":{"shasum":"bbf102d5ae73afe2c553295e0fb02230216f65b1",
                "tarball":"https://registry.npmjs.org/tiny-tarball/-/tiny-tarball-1.0.0.tgz"}}},
             "modified":"2015-05-16T22:27:54.741Z"}
            """);
    AbbreviatedPackument corgi = full.abbreviate();
    assertEquals(want, corgi.json());
    assertEquals("tiny-tarball", corgi.name());
    assertEquals("2015-05-16T22:27:54.741Z", corgi.modified().orElseThrow());
    assertEquals(List.of("1.0.0"), corgi.versions());
    assertEquals("1.0.0", corgi.distTags().latest().orElseThrow());
    assertFalse(corgi.version("1.0.0").orElseThrow().hasInstallScript());
  }

  @Test
  void installScriptsAndDeprecationFollowTheRule() {
    Packument full =
        Packument.parse(
            """
            {"name":"n","dist-tags":{"latest":"2.0.0"},"time":{"modified":"2020-01-01T00:00:00.000Z"},
             "versions":{
              "1.0.0":{"name":"n","version":"1.0.0","scripts":{"install":"node-gyp rebuild"},
                       "gypfile":true,"deprecated":"use 2","_hasShrinkwrap":true,"libc":["glibc"]},
              "2.0.0":{"name":"n","version":"2.0.0","scripts":{"test":"x"},"deprecated":"",
                       "_hasShrinkwrap":false,"hasInstallScript":true,
                       "bundledDependencies":["a"],"dependencies":{"a":"1"}}}}
            """);
    AbbreviatedPackument corgi = full.abbreviate();
    JsonNode v1 = corgi.json().get("versions").get("1.0.0");
    JsonNode v2 = corgi.json().get("versions").get("2.0.0");
    assertEquals(
        "{\"name\":\"n\",\"version\":\"1.0.0\",\"_hasShrinkwrap\":true,\"deprecated\":\"use 2\","
            + "\"hasInstallScript\":true}",
        Json.stringify(v1));
    assertEquals(
        "{\"name\":\"n\",\"version\":\"2.0.0\",\"dependencies\":{\"a\":\"1\"},"
            + "\"bundleDependencies\":[\"a\"]}",
        Json.stringify(v2));
    assertTrue(full.version("1.0.0").orElseThrow().deprecated().isPresent());
    assertTrue(full.version("2.0.0").orElseThrow().deprecated().isEmpty());
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  /** A random document exercising the rule's branches. */
  private static String document(Random r, int seq) {
    StringBuilder b = new StringBuilder("{");
    List<String> top = new ArrayList<>();
    if (r.nextInt(10) > 0) {
      top.add("\"name\":" + (r.nextInt(10) > 0 ? "\"pkg-" + seq + "\"" : pick(r, VALUES)));
    }
    top.add("\"_id\":\"pkg-" + seq + "\"");
    top.add("\"_rev\":\"1-abc\"");
    if (r.nextInt(8) > 0) {
      top.add(
          "\"dist-tags\":"
              + (r.nextInt(6) > 0 ? "{\"latest\":\"1.0.0\",\"next\":\"2.0.0\"}" : "null"));
    }
    int kind = r.nextInt(12);
    if (kind == 0) {
      top.add(
          "\"versions\":" + pick(r, List.of("{}", "\"ab\"", "[{\"name\":\"x\"}]", "0", "null")));
    } else if (kind > 1) {
      top.add("\"versions\":" + versions(r, 1 + r.nextInt(6)));
    }
    for (String set : List.of("policyRestrictions", "stagedVersions")) {
      int k = r.nextInt(6);
      if (k == 0) {
        top.add("\"" + set + "\":{\"message\":\"m\",\"versions\":" + versions(r, 2) + "}");
      } else if (k == 1) {
        top.add("\"" + set + "\":" + versions(r, 1));
      } else if (k == 2) {
        top.add("\"" + set + "\":{\"versions\":{},\"message\":\"none\"}");
      }
    }
    int t = r.nextInt(6);
    String modified =
        switch (t) {
          case 0 -> "";
          case 1 -> ",\"modified\":\"\"";
          case 2 -> ",\"modified\":12";
          default -> ",\"modified\":\"2024-05-0" + (1 + r.nextInt(9)) + "T10:00:00.000Z\"";
        };
    if (r.nextInt(10) > 0) {
      top.add("\"time\":{\"created\":\"2020-01-01T00:00:00.000Z\"" + modified + "}");
    }
    top.add("\"readme\":\"# hi\"");
    top.add("\"maintainers\":[{\"name\":\"a\",\"email\":\"a@x\"}]");
    java.util.Collections.shuffle(top, r);
    b.append(String.join(",", top)).append('}');
    return b.toString();
  }

  private static String versions(Random r, int n) {
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String key = r.nextInt(15) == 0 ? Integer.toString(r.nextInt(20)) : "1." + i + ".0";
      entries.add(
          "\""
              + key
              + "\":"
              + (r.nextInt(25) == 0 ? pick(r, List.of("\"s\"", "7", "[1]")) : version(r, key)));
    }
    return "{" + String.join(",", entries) + "}";
  }

  private static String version(Random r, String v) {
    List<String> fields = new ArrayList<>();
    List<String> names = new ArrayList<>(AbbreviatedPackument.VERSION_FIELDS);
    names.addAll(EXTRA_FIELDS);
    for (String f : names) {
      if (r.nextInt(3) != 0) {
        continue;
      }
      String value =
          switch (f) {
            case "name" -> r.nextInt(5) > 0 ? "\"p\"" : pick(r, VALUES);
            case "version" -> r.nextInt(5) > 0 ? "\"" + v + "\"" : pick(r, VALUES);
            case "dist" ->
                r.nextInt(4) > 0
                    ? "{\"integrity\":\"sha512-AA==\",\"shasum\":\"ab\",\"tarball\":\"https://r/p/-/p-"
                        + v
                        + ".tgz\",\"signatures\":[{\"keyid\":\"SHA256:k\",\"sig\":\"s\"}]}"
                    : pick(r, VALUES);
            case "scripts" -> pick(r, SCRIPTS);
            default -> pick(r, VALUES);
          };
      fields.add("\"" + f + "\":" + value);
    }
    java.util.Collections.shuffle(fields, r);
    return "{" + String.join(",", fields) + "}";
  }

  private static String pick(Random r, List<String> values) {
    return values.get(r.nextInt(values.size()));
  }
}
