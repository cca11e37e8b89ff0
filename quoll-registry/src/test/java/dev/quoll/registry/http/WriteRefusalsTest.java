package dev.quoll.registry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.quoll.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "No way around a refusal through another endpoint" (issue 5): every route that can change a
 * package document (packument PUT with and without {@code -rev}, the whole-package and tarball
 * DELETEs, dist-tags, access) is sent crafted bodies by callers who may not write the package — a
 * non-owner, a read-only token of an owner, a deactivated owner (token and Basic credentials), an
 * anonymous caller — and each refusal is asserted together with the stored document being
 * byte-for-byte unchanged afterwards. The same is checked for the fields an owner's document PUT
 * cannot change ({@code maintainers} next to versions, {@code dist-tags}, {@code _access}, {@code
 * _mfa}, {@code time}, {@code readme}, other users' stars, version fields other than {@code
 * deprecated}), and for a new version or a publish over a tombstone.
 */
class WriteRefusalsTest {
  private static final String PKG = "guard-pkg";
  private static final String SECRET = "@alice/guarded";
  private static RegistryFixture fx;
  private static TestClient client;
  private static String alice;
  private static String bob;
  private static String carol;
  private static String aliceReadOnly;
  private static PackageWrites writes;
  private static String dave;

  @BeforeAll
  static void start() throws Exception {
    fx = new RegistryFixture(Map.of("admins", "carol"));
    client = new TestClient(fx.registry.baseUrl(), java.net.http.HttpClient.Version.HTTP_1_1);
    writes = new PackageWrites(client);
    alice = client.addUser("alice");
    bob = client.addUser("bob");
    carol = client.addUser("carol");
    dave = client.addUser("dave");
    ObjectNode ro = Json.object();
    ro.put("password", TestClient.password("alice"));
    ro.put("readonly", true);
    var r = client.send("POST", "/-/npm/v1/tokens", Json.toBytes(ro), alice);
    assertEquals(200, r.status(), r.text());
    aliceReadOnly = r.json().get("token").asText();
    publish(PKG, "1.0.0", alice);
    publish(PKG, "2.0.0", alice);
    assertEquals(
        201,
        client
            .send(
                "PUT",
                "/-/package/" + PKG + "/dist-tags/beta",
                Json.toBytes(TextNode.valueOf("1.0.0")),
                alice)
            .status());
    ObjectNode star = Json.object();
    star.putObject("users").put("alice", true);
    assertEquals(200, client.put("/" + PKG, star, alice).status());
    ObjectNode secret = TestPackages.body(SECRET, "1.0.0");
    secret.put("access", "restricted");
    assertEquals(201, client.put("/@alice%2fguarded", secret, alice).status());
    publish("dave-pkg", "1.0.0", dave);
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  private static void publish(String name, String version, String token) throws Exception {
    var r = client.put("/" + name.replace("/", "%2f"), TestPackages.body(name, version), token);
    assertEquals(201, r.status(), r.text());
  }

  @Test
  void aNonOwnerChangesNothingThroughAnyEndpoint() throws Exception {
    writes.refusedAll(
        PKG,
        alice,
        PackageWrites.Caller.bearer("bob", bob),
        Map.of("*", 403, "only hidden fields", 400, "access set status", 403));
    writes.refusedAll(
        SECRET,
        alice,
        PackageWrites.Caller.bearer("bob", bob),
        Map.of("*", 404, "only hidden fields", 400));
    assertEquals(200, client.get("/" + PKG + "/-/" + PKG + "-1.0.0.tgz").status());
  }

  @Test
  void aReadOnlyTokenOfTheOwnerChangesNothing() throws Exception {
    writes.refusedAll(
        PKG, alice, PackageWrites.Caller.bearer("read-only", aliceReadOnly), Map.of("*", 403));
    writes.refusedAll(
        SECRET, alice, PackageWrites.Caller.bearer("read-only", aliceReadOnly), Map.of("*", 403));
  }

  @Test
  void anAnonymousCallerChangesNothing() throws Exception {
    writes.refusedAll(PKG, alice, new PackageWrites.Caller("anonymous"), Map.of("*", 401));
    writes.refusedAll(SECRET, alice, new PackageWrites.Caller("anonymous"), Map.of("*", 401));
    ObjectNode star = Json.object();
    star.putObject("users").put("alice", false).put("bob", true);
    assertEquals(401, client.put("/" + PKG, star, null).status());
  }

  @Test
  void aDeactivatedOwnerChangesNothingWithTokenOrPassword() throws Exception {
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    ("dave:" + TestClient.password("dave")).getBytes(StandardCharsets.UTF_8));
    assertEquals(200, client.get("/-/whoami", "Authorization", basic).status());
    var r = client.send("POST", "/-/quoll/admin/user/dave/deactivate", null, carol);
    assertEquals(200, r.status(), r.text());
    writes.refusedAll(
        "dave-pkg",
        carol,
        PackageWrites.Caller.bearer("deactivated token", dave),
        Map.of("*", 401));
    writes.refusedAll(
        "dave-pkg",
        carol,
        new PackageWrites.Caller("deactivated basic", "Authorization", basic),
        Map.of("*", 401));
  }

  @Test
  void anOwnersDocumentPutChangesOnlyDeprecationsAndOwnStar() throws Exception {
    publish("owned-pkg", "1.0.0", alice);
    String beforeText = writes.stored("owned-pkg", alice);
    ObjectNode before = writes.doc("owned-pkg", alice);
    ObjectNode crafted = before.deepCopy();
    ((ObjectNode) crafted.get("dist-tags")).put("evil", "1.0.0");
    crafted.put("_access", "restricted");
    crafted.put("_mfa", "none");
    crafted.put("readme", "taken over");
    crafted.putArray("maintainers").addObject().put("name", "bob").put("email", "");
    ((ObjectNode) crafted.get("time")).put("created", "2001-01-01T00:00:00.000Z");
    ((ObjectNode) crafted.at("/versions/1.0.0/dist")).put("tarball", "http://evil.invalid/x.tgz");
    crafted.putObject("users").put("bob", true);
    var r = client.put("/owned-pkg", crafted, alice);
    assertEquals(200, r.status(), r.text());
    assertEquals(beforeText, writes.stored("owned-pkg", alice));
    // a star changes the caller's own entry only
    ObjectNode star = Json.object();
    star.putObject("users").put("alice", true).put("carol", true);
    assertEquals(200, client.put("/" + PKG, star, bob).status());
    JsonNode users = writes.doc(PKG, alice).get("users");
    assertEquals("{\"alice\":true}", Json.stringify(users));
    star.putObject("users").put("bob", true);
    assertEquals(200, client.put("/" + PKG, star, bob).status());
    assertEquals(
        "{\"alice\":true,\"bob\":true}", Json.stringify(writes.doc(PKG, alice).get("users")));
    star.putObject("users");
    assertEquals(200, client.put("/" + PKG, star, bob).status());
    assertEquals("{\"alice\":true}", Json.stringify(writes.doc(PKG, alice).get("users")));
  }

  @Test
  void aTombstoneTakesNoVersionThroughAnyEndpoint() throws Exception {
    publish("tomb-pkg", "1.0.0", alice);
    ObjectNode live = writes.doc("tomb-pkg", alice);
    var r = client.send("DELETE", "/tomb-pkg/-rev/" + PackageWrites.rev(live), null, alice);
    assertEquals(200, r.status(), r.text());
    String before = client.get("/tomb-pkg").text();
    for (String who : new String[] {alice, bob, carol}) {
      for (PackageWrites.Attack a : PackageWrites.attacks("tomb-pkg", live)) {
        r = client.send(a.method(), a.path(), a.body(), who);
        // repeating a step of the unpublish dance is harmless for those who may unpublish
        boolean retry =
            who != bob && (a.label().equals("unpublish all") || a.label().equals("delete tarball"));
        assertTrue(
            retry ? r.status() == 200 : r.status() == 403 || r.status() == 404 || r.status() == 400,
            a.label() + ": " + r.status() + " " + r.text());
        if (a.label().equals("publish")) {
          assertTrue(r.text().contains("held by a placeholder"), r.text());
        }
        assertEquals(before, client.get("/tomb-pkg").text(), a.label());
      }
    }
  }
}
