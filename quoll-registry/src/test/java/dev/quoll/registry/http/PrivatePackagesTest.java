package dev.quoll.registry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Private (restricted) packages (seed R-052, wire note §9): a scoped package published without
 * {@code access: "public"} is restricted; whoever may not read it gets 404 on every surface, the
 * same answer as for a name that does not exist.
 */
class PrivatePackagesTest {
  private static RegistryFixture fx;
  private static TestClient client;
  private static String alice;
  private static String bob;

  @BeforeAll
  static void start() throws Exception {
    fx = new RegistryFixture(Map.of());
    client = fx.client;
    alice = client.addUser("alice");
    bob = client.addUser("bob");
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  private static List<String> surfaces(String scope, String bare) {
    String n = scope + "%2f" + bare;
    return List.of(
        "/" + n,
        "/" + n + "/1.0.0",
        "/" + n + "/latest",
        "/" + scope + "/" + bare + "/-/" + bare + "-1.0.0.tgz",
        "/-/package/" + n + "/dist-tags",
        "/-/package/" + n + "/visibility");
  }

  private static void statuses(int expected, String token, List<String> paths) throws Exception {
    for (String p : paths) {
      var r = client.send("GET", p, null, token);
      assertEquals(expected, r.status(), p + " " + r.text());
    }
  }

  @Test
  void scopedPackagesAreRestrictedByDefaultAndHiddenEverywhere() throws Exception {
    ObjectNode secret = TestPackages.body("@alice/secret", "1.0.0");
    secret.putNull("access"); // npm publish without --access
    var r = client.put("/@alice%2fsecret", secret, alice);
    assertEquals(201, r.status(), r.text());
    List<String> paths = surfaces("@alice", "secret");
    statuses(404, null, paths);
    statuses(404, bob, paths);
    statuses(200, alice, paths);
    var missing = client.send("GET", "/@alice%2fnothing", null, bob);
    var hidden = client.send("GET", "/@alice%2fsecret", null, bob);
    assertEquals(missing.text(), hidden.text());
    assertEquals(
        false, client.send("GET", paths.get(5), null, alice).json().get("public").asBoolean());
    // npm access list collaborators / packages
    assertEquals(
        404, client.send("GET", "/-/package/@alice%2fsecret/collaborators", null, bob).status());
    assertEquals(
        "{\"alice\":\"write\"}",
        client.send("GET", "/-/package/@alice%2fsecret/collaborators", null, alice).text());
    assertTrue(
        !client.send("GET", "/-/user/alice/package", null, bob).text().contains("@alice/secret"));
    assertEquals(
        "write",
        client
            .send("GET", "/-/user/alice/package", null, alice)
            .json()
            .path("@alice/secret")
            .asText());
    // no write either, and the refusal does not disclose the package
    r = client.put("/@alice%2fsecret", TestPackages.body("@alice/secret", "1.1.0"), bob);
    assertEquals(404, r.status(), r.text());
    r = client.send("DELETE", "/-/package/@alice%2fsecret/dist-tags/beta", null, bob);
    assertEquals(404, r.status(), r.text());
    // stars of a hidden package are not listed to others
    ObjectNode star = Json.object();
    star.putObject("users").put("alice", true);
    assertEquals(200, client.put("/@alice%2fsecret", star, alice).status());
    assertEquals(
        0,
        client
            .send("GET", "/-/_view/starredByUser?key=%22alice%22", null, bob)
            .json()
            .get("rows")
            .size());
    assertEquals(
        1,
        client
            .send("GET", "/-/_view/starredByUser?key=%22alice%22", null, alice)
            .json()
            .get("rows")
            .size());
    // npm access set status=public, then private again
    ObjectNode level = Json.object().put("access", "public");
    assertEquals(
        404,
        client
            .send("POST", "/-/package/@alice%2fsecret/access", Json.toBytes(level), bob)
            .status());
    r = client.send("POST", "/-/package/@alice%2fsecret/access", Json.toBytes(level), alice);
    assertEquals(200, r.status(), r.text());
    statuses(200, null, paths);
    assertEquals(true, client.get(paths.get(5)).json().get("public").asBoolean());
    level.put("access", "restricted");
    assertEquals(
        200,
        client
            .send("POST", "/-/package/@alice%2fsecret/access", Json.toBytes(level), alice)
            .status());
    statuses(404, bob, paths);
  }

  @Test
  void publicScopedAndUnscopedPackages() throws Exception {
    ObjectNode body = TestPackages.body("@alice/open", "1.0.0");
    body.put("access", "public");
    assertEquals(201, client.put("/@alice%2fopen", body, alice).status());
    statuses(200, null, surfaces("@alice", "open"));
    body = TestPackages.body("loose", "1.0.0");
    body.put("access", "restricted");
    var r = client.put("/loose", body, alice);
    assertEquals(400, r.status(), r.text());
    assertTrue(r.json().get("error").asText().contains("always public"), r.text());
    ObjectNode level = Json.object().put("access", "restricted");
    assertEquals(201, client.put("/loose", TestPackages.body("loose", "1.0.0"), alice).status());
    r = client.send("POST", "/-/package/loose/access", Json.toBytes(level), alice);
    assertEquals(400, r.status(), r.text());
  }

  @Test
  void publishRequiresTwoFactorWhenThePackageSaysSo() throws Exception {
    assertEquals(
        201, client.put("/mfa-pkg", TestPackages.body("mfa-pkg", "1.0.0"), alice).status());
    ObjectNode mfa = Json.object().put("publish_requires_tfa", true);
    mfa.put("automation_token_overrides_tfa", false);
    assertEquals(
        403, client.send("POST", "/-/package/mfa-pkg/access", Json.toBytes(mfa), bob).status());
    var r = client.send("POST", "/-/package/mfa-pkg/access", Json.toBytes(mfa), alice);
    assertEquals(200, r.status(), r.text());
    r = client.put("/mfa-pkg", TestPackages.body("mfa-pkg", "1.1.0"), alice);
    assertEquals(403, r.status(), r.text());
    assertTrue(r.json().get("error").asText().contains("requires two-factor"), r.text());
    r = client.put("/mfa-pkg", TestPackages.body("mfa-pkg", "1.1.0"), bob);
    assertTrue(r.json().get("error").asText().contains("not a maintainer"), r.text());
    assertTrue(!client.get("/mfa-pkg").text().contains("_mfa"));
    // the rule guards every write, changing the rule included (PackageMfaTest has the rest)
    mfa = Json.object().put("publish_requires_tfa", false);
    r = client.send("POST", "/-/package/mfa-pkg/access", Json.toBytes(mfa), alice);
    assertEquals(403, r.status(), r.text());
    assertTrue(r.json().get("error").asText().contains("requires two-factor"), r.text());
    assertEquals(
        403, client.put("/mfa-pkg", TestPackages.body("mfa-pkg", "1.1.0"), alice).status());
  }
}
