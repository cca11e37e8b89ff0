package dev.quoll.registry.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every publish rule of wire note §4.1 against a running server: status and error message. */
class PublishRulesTest {
  private static RegistryFixture fx;
  private static TestClient client;
  private static String alice;
  private static String bob;

  @BeforeAll
  static void start() throws Exception {
    fx = new RegistryFixture(Map.of("max-publish-size", "200000"));
    client = fx.client;
    alice = client.addUser("alice");
    bob = client.addUser("bob");
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  private static void refused(int status, String text, String path, ObjectNode body)
      throws Exception {
    var r = client.put(path, body, alice);
    assertEquals(status, r.status(), r.text());
    assertTrue(r.json().path("error").asText().contains(text), r.text());
  }

  private static ObjectNode modified(String name, String version, Consumer<ObjectNode> change) {
    ObjectNode b = TestPackages.body(name, version);
    change.accept(b);
    return b;
  }

  private static ObjectNode version(ObjectNode body) {
    return (ObjectNode) body.get("versions").properties().iterator().next().getValue();
  }

  private static ObjectNode attachment(ObjectNode body) {
    return (ObjectNode) body.get("_attachments").properties().iterator().next().getValue();
  }

  @Test
  void publishNeedsAToken() throws Exception {
    var r = client.put("/needs-auth", TestPackages.body("needs-auth", "1.0.0"), null);
    assertEquals(401, r.status(), r.text());
    assertEquals("Bearer realm=\"quoll\"", r.header("WWW-Authenticate"));
    r = client.put("/needs-auth", TestPackages.body("needs-auth", "1.0.0"), "quoll_nope");
    assertEquals(401, r.status(), r.text());
  }

  @Test
  void malformedJsonIs400() throws Exception {
    var r = client.send("PUT", "/bad-json", "{\"name\":".getBytes(StandardCharsets.UTF_8), alice);
    assertEquals(400, r.status(), r.text());
    assertTrue(r.json().get("error").asText().startsWith("Invalid JSON"), r.text());
  }

  @Test
  void oversizeBodyIs413() throws Exception {
    var big = TestPackages.body("too-big", "1.0.0");
    big.put("padding", "x".repeat(300_000));
    var r = client.put("/too-big", big, alice);
    assertEquals(413, r.status(), r.text());
  }

  @Test
  void namesMustBeValidAndAgree() throws Exception {
    refused(400, "does not match URL", "/other-name", TestPackages.body("rule-name", "1.0.0"));
    refused(400, "Invalid package name", "/Caps", TestPackages.body("Caps", "1.0.0"));
    refused(400, "Invalid package name", "/..%2f..%2fetc", TestPackages.body("../../etc", "1.0.0"));
    refused(
        400,
        "does not match",
        "/rule-name",
        modified("rule-name", "1.0.0", b -> version(b).put("name", "other")));
    var r =
        client.put(
            "/rule-tarname",
            TestPackages.body(
                "rule-tarname", "1.0.0", "latest", TestPackages.tarball("evil", "1.0.0")),
            alice);
    assertEquals(400, r.status(), r.text());
    assertTrue(r.text().contains("package.json in the tarball names evil@1.0.0"), r.text());
  }

  @Test
  void versionsMustBeCleanSemverAndExactlyOne() throws Exception {
    refused(400, "Invalid version", "/rule-ver", TestPackages.body("rule-ver", "1.0"));
    refused(400, "Invalid version", "/rule-ver", TestPackages.body("rule-ver", "v1.0.0"));
    ObjectNode two = TestPackages.body("rule-ver", "1.0.0");
    ((ObjectNode) two.get("versions"))
        .set("2.0.0", version(two).deepCopy().put("version", "2.0.0"));
    refused(400, "exactly one version", "/rule-ver", two);
    ObjectNode twoFiles = TestPackages.body("rule-ver", "1.0.0");
    ((ObjectNode) twoFiles.get("_attachments")).set("x.tgz", attachment(twoFiles).deepCopy());
    refused(400, "exactly one attachment", "/rule-ver", twoFiles);
  }

  @Test
  void attachmentMustMatchLengthAndHashes() throws Exception {
    refused(
        400,
        "does not match the data",
        "/rule-att",
        modified("rule-att", "1.0.0", b -> attachment(b).put("length", 3)));
    refused(
        400,
        "not valid base64",
        "/rule-att",
        modified("rule-att", "1.0.0", b -> attachment(b).put("data", "***")));
    refused(
        400,
        "dist.shasum",
        "/rule-att",
        modified(
            "rule-att",
            "1.0.0",
            b -> ((ObjectNode) version(b).get("dist")).put("shasum", "00".repeat(20))));
    String otherIntegrity = TestPackages.body("rule-att", "9.9.9").findValue("integrity").asText();
    refused(
        400,
        "dist.integrity",
        "/rule-att",
        modified(
            "rule-att",
            "1.0.0",
            b -> ((ObjectNode) version(b).get("dist")).put("integrity", otherIntegrity)));
  }

  @Test
  void tarballMustBeReadableWithPackageJsonAndNoEscapingEntries() throws Exception {
    byte[] notGzip = "plain text".getBytes(StandardCharsets.UTF_8);
    // not gzip: read as a plain tar (as npm does), which has no package.json
    refused(400, "", "/rule-tar", TestPackages.body("rule-tar", "1.0.0", "latest", notGzip));
    byte[] noManifest = TestPackages.tarball(Map.of("package/index.js", "1"));
    refused(
        400,
        "no package/package.json",
        "/rule-tar",
        TestPackages.body("rule-tar", "1.0.0", "latest", noManifest));
    Map<String, String> evil = new LinkedHashMap<>();
    evil.put("package/package.json", "{\"name\":\"rule-tar\",\"version\":\"1.0.0\"}");
    evil.put("package/../../escape.txt", "gotcha");
    refused(
        400,
        "escapes the package folder",
        "/rule-tar",
        TestPackages.body("rule-tar", "1.0.0", "latest", TestPackages.tarball(evil)));
    assertEquals(404, client.get("/rule-tar").status());
  }

  @Test
  void tagsThatAreRangesAreRefused() throws Exception {
    byte[] tgz = TestPackages.tarball("rule-tag", "1.0.0");
    refused(
        400, "valid SemVer range", "/rule-tag", TestPackages.body("rule-tag", "1.0.0", "1.x", tgz));
    refused(
        400, "valid SemVer range", "/rule-tag", TestPackages.body("rule-tag", "1.0.0", "v1", tgz));
  }

  @Test
  void latestAlwaysExistsAndTheServerRewritesTheDocument() throws Exception {
    var r =
        client.put(
            "/rule-beta",
            TestPackages.body(
                "rule-beta",
                "2.0.0-beta.1",
                "beta",
                TestPackages.tarball("rule-beta", "2.0.0-beta.1")),
            alice);
    assertEquals(201, r.status(), r.text());
    var doc = client.get("/rule-beta").json();
    assertEquals("2.0.0-beta.1", doc.at("/dist-tags/latest").asText());
    assertEquals("2.0.0-beta.1", doc.at("/dist-tags/beta").asText());
    var v = doc.at("/versions/2.0.0-beta.1");
    assertEquals(
        fx.registry.baseUrl() + "rule-beta/-/rule-beta-2.0.0-beta.1.tgz",
        v.at("/dist/tarball").asText());
    assertEquals("alice", v.at("/_npmUser/name").asText());
    assertEquals("alice", doc.at("/maintainers/0/name").asText());
    assertEquals("# rule-beta", doc.get("readme").asText());
    assertTrue(v.get("readme") == null, "readme is hoisted, not kept per version");
    assertTrue(doc.at("/time/created").isTextual() && doc.at("/time/2.0.0-beta.1").isTextual());
    assertTrue(doc.get("_attachments") == null && doc.get("access") == null, doc.toString());
    assertTrue(doc.get("_rev").asText().matches("1-[0-9a-f]{32}"), doc.get("_rev").asText());
  }

  @Test
  void republishIsRefusedButAnIdenticalRetrySucceeds() throws Exception {
    ObjectNode first = TestPackages.body("rule-again", "1.0.0");
    assertEquals(201, client.put("/rule-again", first, alice).status());
    String rev = client.get("/rule-again").json().get("_rev").asText();
    var retry = client.put("/rule-again", first, alice);
    assertEquals(201, retry.status(), retry.text());
    assertEquals(rev, client.get("/rule-again").json().get("_rev").asText());
    byte[] other =
        TestPackages.tarball(
            Map.of(
                "package/package.json", "{\"name\":\"rule-again\",\"version\":\"1.0.0\",\"x\":1}"));
    var r =
        client.put("/rule-again", TestPackages.body("rule-again", "1.0.0", "latest", other), alice);
    assertEquals(403, r.status(), r.text());
    assertEquals(
        "You cannot publish over the previously published versions: 1.0.0.",
        r.json().get("error").asText());
  }

  @Test
  void onlyMaintainersPublishNewVersions() throws Exception {
    assertEquals(
        201, client.put("/rule-owner", TestPackages.body("rule-owner", "1.0.0"), alice).status());
    var r = client.put("/rule-owner", TestPackages.body("rule-owner", "1.1.0"), bob);
    assertEquals(403, r.status(), r.text());
    assertTrue(r.json().get("error").asText().contains("not a maintainer"), r.text());
  }

  @Test
  void concurrentPublishesOfDifferentVersionsAllLand() throws Exception {
    List<Future<Integer>> results = new ArrayList<>();
    List<ObjectNode> bodies = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      bodies.add(TestPackages.body("@alice/race-pkg", "1." + i + ".0"));
    }
    try (var pool = Executors.newFixedThreadPool(6)) {
      for (ObjectNode body : bodies) {
        results.add(pool.submit(() -> client.put("/@alice/race-pkg", body, alice).status()));
      }
      for (Future<Integer> f : results) {
        assertEquals(201, f.get());
      }
    }
    var doc = client.get("/@alice%2frace-pkg").json();
    assertEquals(6, doc.get("versions").size(), doc.toString());
    assertTrue(doc.at("/dist-tags/latest").asText().startsWith("1."), doc.toString());
    assertTrue(doc.get("_rev").asText().startsWith("6-"), doc.get("_rev").asText());
    for (int i = 0; i < 6; i++) {
      var tgz = client.get("/@alice/race-pkg/-/race-pkg-1." + i + ".0.tgz");
      assertEquals(200, tgz.status());
      assertArrayEquals(
          Base64.getDecoder().decode(bodies.get(i).findValue("data").asText()), tgz.body());
    }
    assertTrue(Json.toBytes(doc).length > 0);
  }
}
