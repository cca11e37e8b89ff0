package dev.quoll.client.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.core.json.Json;
import dev.quoll.core.manifest.Manifest;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The {@code engines} rules (npm-pick-manifest 11's preference, arborist 9's inert optional
 * packages) on small fake registries, for node v20.19.0 and npm 11.19.1. Found by the differential
 * test on the peer-heavy fixture: {@code @testing-library/jest-dom@^6.2.0} is 6.9.1 for npm on node
 * 20 because 6.10.0 wants node >= 22 (and a peer that conflicts).
 */
class EnginesRulesTest {
  private static final Engines NODE20 =
      Engines.of(Optional.of("v20.19.0"), Optional.of(Engines.NPM_VERSION));

  private static String layout(String registry, String packageJson) {
    FakeRegistry reg = new FakeRegistry(registry, "http://registry.test/");
    IdealTreeRequest req =
        IdealTreeRequest.of(Manifest.parse(packageJson))
            .withPlatform(new Platform("linux", "x64", "glibc", NODE20));
    return TreeRulesTest.layout(new IdealTreeBuilder(reg).build(req));
  }

  @Test
  void versionsWhoseEnginesPassArePreferred() {
    String reg =
        """
        a@1.0.0
        a@1.1.0 [node=>=22]
        a@2.0.0
        b@1.0.0
        b@1.1.0 [node=>=22] [latest]
        c@1.0.0 [deprecated]
        c@1.1.0 [node=>=22]
        d@1.0.0 [node=>=22]
        d@1.1.0 [node=>=22]
        e@1.0.0 [node=>=18]
        e@1.1.0 [node=^20.0.0-0 || >=22]
        """;
    assertEquals(
        """
        node_modules/a 1.0.0
        node_modules/b 1.0.0
        node_modules/c 1.0.0
        node_modules/d 1.1.0
        node_modules/e 1.1.0
        """,
        layout(
            reg,
            """
            {"dependencies":{"a":"^1","b":"^1","c":"^1","d":"^1","e":"^1"}}
            """));
  }

  @Test
  void anOptionalPackageForAnotherNodeIsInert() {
    String reg =
        """
        a@1.0.0 -> b@^1 (optional)
        b@1.0.0 -> c@^1 [node=>=99]
        c@1.0.0
        """;
    assertEquals(
        """
        node_modules/a 1.0.0
        node_modules/b 1.0.0 optional inert
        node_modules/c 1.0.0 optional inert
        """,
        layout(reg, "{\"dependencies\":{\"a\":\"^1\"}}"));
  }

  @Test
  void checkEngineRules() {
    assertTrue(NODE20.allows(Json.parse("{}")));
    assertTrue(NODE20.allows(Json.parse("{\"engines\":{\"node\":\"\"}}")));
    assertTrue(NODE20.allows(Json.parse("{\"engines\":[\"node >= 0.4\"]}")));
    assertTrue(NODE20.allows(Json.parse("{\"engines\":{\"node\":\">=14\",\"npm\":\">=6\"}}")));
    assertFalse(NODE20.allows(Json.parse("{\"engines\":{\"npm\":\"<7\"}}")));
    assertFalse(NODE20.allows(Json.parse("{\"engines\":{\"node\":\"not a range\"}}")));
    assertFalse(NODE20.allows(Json.parse("{\"engines\":{\"node\":4}}")));
    assertTrue(Engines.none().allows(Json.parse("{\"engines\":{\"node\":\">=99\"}}")));
  }

  @Test
  void askingAheadGivesTheSameNodeVersion() {
    Engines ahead = Engines.detect();
    ahead.askAhead();
    ahead.askAhead();
    assertEquals(Engines.detect().node(), ahead.node());
    assertTrue(ahead.node().orElseThrow().startsWith("v"));
  }
}
