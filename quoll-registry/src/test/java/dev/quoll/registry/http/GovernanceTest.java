package dev.quoll.registry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Package governance over HTTP (wire note §5, §6, §8, §12): owners, deprecate, stars, unpublish and
 * its tombstone, scope ownership, and every refusal, as the npm CLI sends them.
 */
class GovernanceTest {
  private static RegistryFixture fx;
  private static TestClient client;
  private static String alice;
  private static String bob;
  private static String carol;

  @BeforeAll
  static void start() throws Exception {
    fx = new RegistryFixture(Map.of("admins", "carol"));
    client = fx.client;
    alice = client.addUser("alice");
    bob = client.addUser("bob");
    carol = client.addUser("carol");
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  private static void publish(String name, String version, String token) throws Exception {
    var r = client.put("/" + name.replace("/", "%2f"), TestPackages.body(name, version), token);
    assertEquals(201, r.status(), r.text());
  }

  private static ObjectNode doc(String name) throws Exception {
    var r = client.get("/" + name.replace("/", "%2f") + "?write=true");
    assertEquals(200, r.status(), r.text());
    return (ObjectNode) r.json();
  }

  private static String rev(String name) throws Exception {
    return URLEncoder.encode(doc(name).get("_rev").asText(), StandardCharsets.UTF_8);
  }

  private static TestClient.Reply owners(String name, String token, String... users)
      throws Exception {
    ObjectNode body = Json.object();
    ObjectNode d = doc(name);
    body.put("_id", name);
    body.set("_rev", d.get("_rev"));
    var m = body.putArray("maintainers");
    for (String u : users) {
      m.addObject().put("name", u).put("email", "");
    }
    return client.put("/" + name + "/-rev/" + rev(name), body, token);
  }

  private static String keys(JsonNode o) {
    var out = new java.util.ArrayList<String>();
    o.fieldNames().forEachRemaining(out::add);
    return out.toString();
  }

  @Test
  void ownersAddAndRemoveAndOnlyOwnersWrite() throws Exception {
    publish("own-pkg", "1.0.0", alice);
    var r = client.put("/own-pkg", TestPackages.body("own-pkg", "1.1.0"), bob);
    assertEquals(403, r.status(), r.text());
    assertTrue(r.json().get("error").asText().contains("not a maintainer"), r.text());
    assertEquals(403, owners("own-pkg", bob, "alice", "bob").status());
    assertEquals(404, owners("own-pkg", alice, "alice", "nobody").status());
    r = owners("own-pkg", alice, "alice", "bob");
    assertEquals(200, r.status(), r.text());
    JsonNode m = doc("own-pkg").get("maintainers");
    assertEquals(
        "[{\"name\":\"alice\",\"email\":\"alice@example.org\"},"
            + "{\"name\":\"bob\",\"email\":\"bob@example.org\"}]",
        Json.stringify(m));
    publish("own-pkg", "1.1.0", bob);
    assertEquals(200, owners("own-pkg", bob, "bob").status());
    assertEquals(
        403, client.put("/own-pkg", TestPackages.body("own-pkg", "1.2.0"), alice).status());
    r = owners("own-pkg", bob);
    assertEquals(400, r.status(), r.text());
    assertTrue(r.json().get("error").asText().contains("at least one owner"), r.text());
    // a registry admin may write to any package
    assertEquals(200, owners("own-pkg", carol, "bob", "alice").status());
  }

  @Test
  void scopesOfUsersBelongToThem() throws Exception {
    var r = client.put("/@alice%2fmine", TestPackages.body("@alice/mine", "1.0.0"), bob);
    assertEquals(403, r.status(), r.text());
    assertTrue(r.json().get("error").asText().contains("belongs to the user alice"), r.text());
    publish("@alice/mine", "1.0.0", alice);
    r = client.put("/@freescope%2fx", TestPackages.body("@freescope/x", "1.0.0"), bob);
    assertEquals(403, r.status(), r.text());
    assertTrue(r.json().get("error").asText().contains("is not yours"), r.text());
  }

  @Test
  void deprecateUndeprecateAndStars() throws Exception {
    publish("dep-pkg", "1.0.0", alice);
    publish("dep-pkg", "2.0.0", alice);
    ObjectNode d = doc("dep-pkg");
    ((ObjectNode) d.at("/versions/1.0.0")).put("deprecated", "use 2");
    d.set("_attachments", Json.object());
    assertEquals(403, client.put("/dep-pkg", d, bob).status());
    var r = client.put("/dep-pkg", d, alice);
    assertEquals(200, r.status(), r.text());
    assertEquals("use 2", doc("dep-pkg").at("/versions/1.0.0/deprecated").asText());
    assertEquals("use 2", client.get("/dep-pkg/1.0.0").json().get("deprecated").asText());
    d = doc("dep-pkg");
    ((ObjectNode) d.at("/versions/1.0.0")).put("deprecated", "");
    assertEquals(200, client.put("/dep-pkg", d, alice).status());
    assertFalse(doc("dep-pkg").at("/versions/1.0.0").has("deprecated"));

    ObjectNode star = Json.object();
    star.put("_id", "dep-pkg");
    star.set("_rev", doc("dep-pkg").get("_rev"));
    star.putObject("users").put("bob", true).put("alice", true);
    r = client.put("/dep-pkg", star, bob);
    assertEquals(200, r.status(), r.text());
    assertEquals("{\"bob\":true}", Json.stringify(doc("dep-pkg").get("users")));
    r = client.get("/-/_view/starredByUser?key=%22bob%22");
    assertEquals(200, r.status(), r.text());
    assertEquals("dep-pkg", r.json().at("/rows/0/value").asText());
    star.putObject("users");
    assertEquals(200, client.put("/dep-pkg", star, bob).status());
    assertEquals("{}", Json.stringify(doc("dep-pkg").get("users")));
    assertEquals(0, client.get("/-/_view/starredByUser?key=%22bob%22").json().get("rows").size());
  }

  @Test
  void unpublishOneVersionThenAllLeavesATombstone() throws Exception {
    publish("gone-pkg", "1.0.0", alice);
    publish("gone-pkg", "1.1.0", alice);
    // npm's one-version dance: PUT without the version, GET, DELETE the tarball
    ObjectNode d = doc("gone-pkg");
    ((ObjectNode) d.get("versions")).remove("1.1.0");
    ((ObjectNode) d.get("dist-tags")).put("latest", "1.0.0");
    String rev = URLEncoder.encode(d.get("_rev").asText(), StandardCharsets.UTF_8);
    assertEquals(403, client.put("/gone-pkg/-rev/" + rev, d, bob).status());
    var r = client.put("/gone-pkg/-rev/" + rev, d, alice);
    assertEquals(200, r.status(), r.text());
    // a retried PUT (stale rev, nothing left to remove) is harmless
    assertEquals(200, client.put("/gone-pkg/-rev/" + rev, d, alice).status());
    r =
        client.send(
            "DELETE", "/gone-pkg/-/gone-pkg-1.1.0.tgz/-rev/" + rev("gone-pkg"), null, alice);
    assertEquals(200, r.status(), r.text());
    r =
        client.send(
            "DELETE", "/gone-pkg/-/gone-pkg-1.1.0.tgz/-rev/" + rev("gone-pkg"), null, alice);
    assertEquals(200, r.status(), r.text());
    assertEquals(404, client.get("/gone-pkg/-/gone-pkg-1.1.0.tgz").status());
    assertEquals("[1.0.0]", keys(doc("gone-pkg").get("versions")));
    assertEquals("1.0.0", doc("gone-pkg").at("/dist-tags/latest").asText());
    // never publishable again
    r = client.put("/gone-pkg", TestPackages.body("gone-pkg", "1.1.0"), alice);
    assertEquals(403, r.status(), r.text());
    assertTrue(r.json().get("error").asText().contains("previously published"), r.text());
    // a stale document must not remove a version published since
    ObjectNode stale = doc("gone-pkg");
    publish("gone-pkg", "1.2.0", alice);
    r =
        client.put(
            "/gone-pkg/-rev/"
                + URLEncoder.encode(stale.get("_rev").asText(), StandardCharsets.UTF_8),
            stale,
            alice);
    assertEquals(409, r.status(), r.text());
    // the whole package
    assertEquals(
        403, client.send("DELETE", "/gone-pkg/-rev/" + rev("gone-pkg"), null, bob).status());
    r = client.send("DELETE", "/gone-pkg/-rev/" + rev("gone-pkg"), null, alice);
    assertEquals(200, r.status(), r.text());
    r = client.get("/gone-pkg");
    assertEquals(404, r.status(), r.text());
    JsonNode unpublished = r.json().at("/time/unpublished");
    assertEquals("alice", unpublished.get("name").asText());
    assertEquals("[\"1.0.0\",\"1.2.0\"]", Json.stringify(unpublished.get("versions")));
    assertEquals(404, client.get("/gone-pkg/1.0.0").status());
    assertEquals(404, client.get("/gone-pkg/-/gone-pkg-1.0.0.tgz").status());
    assertEquals(404, client.get("/-/package/gone-pkg/dist-tags").status());
    // the placeholder keeps the name from everybody, its former owner and admins included
    for (String who : new String[] {bob, alice, carol}) {
      r = client.put("/gone-pkg", TestPackages.body("gone-pkg", "3.0.0"), who);
      assertEquals(403, r.status(), r.text());
      String error = r.json().get("error").asText();
      assertTrue(error.contains("held by a placeholder"), error);
      assertTrue(error.contains("until a registry admin releases it"), error);
      assertTrue(error.contains("quoll admin release gone-pkg"), error);
    }
    assertEquals(
        403, client.put("/gone-pkg", TestPackages.body("gone-pkg", "1.0.0"), alice).status());
    assertEquals(404, client.get("/gone-pkg").status());
    assertEquals(
        200, client.send("DELETE", "/-/quoll/admin/package/gone-pkg", null, carol).status());
    publish("gone-pkg", "3.0.0", alice);
    assertEquals("[3.0.0]", keys(doc("gone-pkg").get("versions")));
  }

  @Test
  void versionsPastTheWindowNeedAnAdmin() throws Exception {
    try (var old = new RegistryFixture(Map.of("admins", "root", "unpublish-window", "0"))) {
      String dora = old.client.addUser("dora");
      String root = old.client.addUser("root");
      var body = TestPackages.body("old-pkg", "1.0.0");
      assertEquals(201, old.client.put("/old-pkg", body, dora).status());
      Thread.sleep(5);
      var r = old.client.send("DELETE", "/old-pkg/-rev/1-x", null, dora);
      assertEquals(403, r.status(), r.text());
      assertTrue(r.json().get("error").asText().contains("only a registry admin"), r.text());
      r = old.client.send("DELETE", "/old-pkg/-rev/1-x", null, root);
      assertEquals(200, r.status(), r.text());
      assertEquals(404, old.client.get("/old-pkg").status());
    }
  }

  @Test
  void adminsReleaseUnpublishedNamesAndDeactivateUsers() throws Exception {
    publish("freed-pkg", "1.0.0", alice);
    assertEquals(200, client.send("DELETE", "/freed-pkg/-rev/1-x", null, alice).status());
    var r = client.send("DELETE", "/-/quoll/admin/package/freed-pkg", null, alice);
    assertEquals(403, r.status(), r.text());
    assertTrue(r.json().get("error").asText().contains("registry admin"), r.text());
    assertEquals(
        403, client.put("/freed-pkg", TestPackages.body("freed-pkg", "2.0.0"), bob).status());
    r = client.send("DELETE", "/-/quoll/admin/package/freed-pkg", null, carol);
    assertEquals(200, r.status(), r.text());
    assertEquals(404, client.get("/freed-pkg").status());
    // released: anyone may take the name, but not reuse a version number
    assertEquals(
        403, client.put("/freed-pkg", TestPackages.body("freed-pkg", "1.0.0"), bob).status());
    publish("freed-pkg", "2.0.0", bob);
    assertEquals("bob", doc("freed-pkg").at("/maintainers/0/name").asText());
    r = client.send("DELETE", "/-/quoll/admin/package/freed-pkg", null, carol);
    assertEquals(400, r.status(), r.text());

    String dave = client.addUser("dave");
    assertEquals(200, client.send("GET", "/-/whoami", null, dave).status());
    assertEquals(
        403, client.send("POST", "/-/quoll/admin/user/dave/deactivate", null, bob).status());
    r = client.send("POST", "/-/quoll/admin/user/dave/deactivate", null, carol);
    assertEquals(200, r.status(), r.text());
    assertEquals(401, client.send("GET", "/-/whoami", null, dave).status());
    ObjectNode login = Json.object();
    login.put("name", "dave");
    login.put("password", TestClient.password("dave"));
    assertEquals(401, client.put("/-/user/org.couchdb.user:dave", login, null).status());
    assertEquals(
        404, client.send("POST", "/-/quoll/admin/user/nobody/deactivate", null, carol).status());
    // reactivation gives the password back; the old token stays revoked
    assertEquals(
        403, client.send("POST", "/-/quoll/admin/user/dave/reactivate", null, bob).status());
    r = client.send("POST", "/-/quoll/admin/user/dave/reactivate", null, carol);
    assertEquals(200, r.status(), r.text());
    assertEquals(401, client.send("GET", "/-/whoami", null, dave).status());
    r = client.put("/-/user/org.couchdb.user:dave", login, null);
    assertEquals(201, r.status(), r.text());
    assertEquals(
        200, client.send("GET", "/-/whoami", null, r.json().get("token").asText()).status());
    r = client.send("POST", "/-/quoll/admin/user/dave/reactivate", null, carol);
    assertEquals(400, r.status(), r.text());
    assertTrue(r.json().get("error").asText().contains("not deactivated"), r.text());
  }
}
