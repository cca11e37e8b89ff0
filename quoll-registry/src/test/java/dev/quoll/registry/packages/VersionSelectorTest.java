package dev.quoll.registry.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import dev.quoll.core.packument.Packument;
import dev.quoll.core.packument.VersionManifest;
import dev.quoll.testkit.NpmOracle;
import dev.quoll.testkit.OraclePackages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link VersionSelector} against the couch app's rule run under node with node-semver itself
 * ({@link OraclePackages#SEMVER}): exact version, then {@code maxSatisfying(keys, spec, true)},
 * then a dist-tag for a spec that is no published version but a tag or no valid version.
 */
class VersionSelectorTest {
  private static final List<String> VERSIONS =
      List.of(
          "0.1.0",
          "1.0.0",
          "1.2.0",
          "1.2.3",
          "1.3.0-beta.1",
          "1.3.0",
          "2.0.0-rc.1",
          "2.0.0",
          "2.1.1",
          "10.0.0");
  private static final Map<String, String> TAGS =
      Map.of("latest", "2.1.1", "next", "2.0.0-rc.1", "beta", "1.3.0-beta.1", "legacy", "1.2.3");

  /** The couch app's selection, written out in JavaScript around node-semver. */
  private static final String COUCH_RULE =
      """
      const semver = require('semver');
      const doc = input.doc;
      output(input.specs.map(spec => {
        let ver = spec;
        const best = semver.maxSatisfying(Object.keys(doc.versions), ver, true);
        if (best && best !== ver && (best in doc.versions)) ver = best;
        if ((!(ver in doc.versions) && (ver in doc['dist-tags'])) || !semver.valid(ver)) {
          ver = doc['dist-tags'][ver];
        }
        const body = doc.versions[ver];
        return body ? body.version : null;
      }));
      """;

  @Test
  void picksWhatTheCouchAppPicks() {
    ObjectNode doc = Json.object();
    doc.put("name", "x");
    ObjectNode tags = doc.putObject("dist-tags");
    TAGS.forEach(tags::put);
    ObjectNode versions = doc.putObject("versions");
    for (String v : VERSIONS) {
      versions.putObject(v).put("name", "x").put("version", v);
    }
    List<String> specs = new ArrayList<>();
    for (String v : VERSIONS) {
      for (String op : List.of("", "^", "~", ">=", "<=", ">", "<", "=", "v", " ", "~>")) {
        specs.add(op + v);
      }
    }
    specs.addAll(
        List.of(
            "",
            "*",
            "x",
            "1",
            "1.x",
            "1.2",
            "1.2.x",
            "2",
            "3",
            "10",
            "0",
            "^0.1",
            ">=1 <2",
            ">=1.3.0-beta.0 <1.3.0",
            "^2.0.0-rc.0",
            "1.2.3 - 2",
            "1 || 2",
            "<1.0.0",
            "latest",
            "next",
            "beta",
            "legacy",
            "nope",
            "1.2.4",
            "01.2.3",
            "1.2.3-",
            "v",
            "=",
            "^",
            "~1.3.0-beta",
            "2.0.0-rc.1",
            "1.3.0-beta.1",
            " latest",
            "LATEST",
            "1.2.3+build",
            ">=10.0.1"));
    Packument packument = Packument.parse(Json.toBytes(doc));
    JsonNode expected =
        NpmOracle.install(OraclePackages.SEMVER)
            .run(COUCH_RULE, Map.of("doc", doc, "specs", specs));
    assertEquals(specs.size(), expected.size());
    int found = 0;
    for (JsonNode e : expected) {
      found += e.isNull() ? 0 : 1;
    }
    assertEquals(true, found > specs.size() / 3, "the oracle found versions for " + found);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      String want = expected.get(i).isNull() ? null : expected.get(i).asText();
      String got =
          VersionSelector.select(packument, specs.get(i))
              .map(VersionManifest::version)
              .orElse(null);
      if (!java.util.Objects.equals(want, got)) {
        mismatches.add("'" + specs.get(i) + "': node " + want + ", quoll " + got);
      }
    }
    assertEquals(List.of(), mismatches.subList(0, Math.min(20, mismatches.size())));
  }
}
