package dev.quoll.registry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Orgs, teams, team grants and scopes over HTTP as libnpmorg, libnpmteam and libnpmaccess send them
 * (wire note §9–§11), with every refusal: the namespace shared with users, the roles' rights, the
 * last owner, the developers team, private org packages, and publishing into scopes.
 */
class OrgsApiTest {
  private static RegistryFixture fx;
  private static TestClient client;
  private static String ann;
  private static String bo;
  private static String cy;
  private static String dee;

  @BeforeAll
  static void start() throws Exception {
    fx = new RegistryFixture(Map.of());
    client = fx.client;
    ann = client.addUser("ann");
    bo = client.addUser("bo");
    cy = client.addUser("cy");
    dee = client.addUser("dee");
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  private static ObjectNode body(String... kv) {
    ObjectNode o = Json.object();
    for (int i = 0; i < kv.length; i += 2) {
      o.put(kv[i], kv[i + 1]);
    }
    return o;
  }

  private static TestClient.Reply send(String method, String path, JsonNode body, String token)
      throws Exception {
    return client.send(method, path, body == null ? null : Json.toBytes(body), token);
  }

  private static void status(int expected, TestClient.Reply r) {
    assertEquals(expected, r.status(), r.text());
  }

  /** Publishes as libnpmpublish does without --access: a new scoped package is restricted. */
  private static int publish(String name, String version, String token) throws Exception {
    ObjectNode b = TestPackages.body(name, version);
    b.putNull("access");
    return client.put("/" + name.replace("/", "%2f"), b, token).status();
  }

  @Test
  void orgsShareTheUserNamespaceAndRolesDecideWhoManagesWhat() throws Exception {
    status(201, send("PUT", "/-/org/acme", null, ann));
    status(409, send("PUT", "/-/org/acme", null, bo));
    status(409, send("PUT", "/-/org/bo", null, ann));
    status(400, send("PUT", "/-/org/Big", null, ann));
    status(401, send("PUT", "/-/org/other", null, null));
    // a user cannot sign up with an org's name
    assertTrue(assertThrows(() -> client.addUser("acme")).contains("taken by an org"), "user acme");

    var set = send("PUT", "/-/org/acme/user", body("user", "bo", "role", "admin"), ann);
    status(201, set);
    assertEquals(
        Json.parse("{\"org\":{\"name\":\"acme\",\"size\":2},\"user\":\"bo\",\"role\":\"admin\"}"),
        set.json());
    set = send("PUT", "/-/org/acme/user", body("user", "cy"), ann);
    assertEquals("developer", set.json().get("role").asText());
    status(400, send("PUT", "/-/org/acme/user", body("user", "dee", "role", "boss"), ann));
    status(404, send("PUT", "/-/org/acme/user", body("user", "nobody"), ann));
    status(404, send("PUT", "/-/org/nope/user", body("user", "dee"), ann));
    // only owners add members or change roles
    status(403, send("PUT", "/-/org/acme/user", body("user", "dee"), bo));
    status(403, send("PUT", "/-/org/acme/user", body("user", "dee"), cy));
    status(403, send("GET", "/-/org/acme/user", null, dee));
    assertEquals(
        Json.parse("{\"ann\":\"owner\",\"bo\":\"admin\",\"cy\":\"developer\"}"),
        send("GET", "/-/org/acme/user", null, cy).json());
    // the last owner stays
    status(409, send("PUT", "/-/org/acme/user", body("user", "ann", "role", "admin"), ann));
    status(409, send("DELETE", "/-/org/acme/user", body("user", "ann"), ann));

    // teams: owners and admins manage them; developers is always there
    assertEquals(
        Json.parse("[\"acme:developers\"]"), send("GET", "/-/org/acme/team", null, cy).json());
    assertEquals(
        Json.parse("[\"ann\",\"bo\",\"cy\"]"),
        send("GET", "/-/team/acme/developers/user?format=cli", null, cy).json());
    status(201, send("PUT", "/-/org/acme/team", body("name", "core"), bo));
    status(403, send("PUT", "/-/org/acme/team", body("name", "web"), cy));
    status(409, send("PUT", "/-/org/acme/team", body("name", "core"), ann));
    status(400, send("PUT", "/-/org/acme/team", body("name", "Bad Name"), ann));
    status(400, send("DELETE", "/-/team/acme/developers", null, ann));
    status(201, send("PUT", "/-/team/acme/core/user", body("user", "cy"), bo));
    status(400, send("PUT", "/-/team/acme/core/user", body("user", "dee"), bo));
    status(403, send("PUT", "/-/team/acme/core/user", body("user", "bo"), cy));
    assertEquals(Json.parse("[\"cy\"]"), send("GET", "/-/team/acme/core/user", null, ann).json());
    status(400, send("DELETE", "/-/team/acme/developers/user", body("user", "cy"), ann));
    status(404, send("DELETE", "/-/team/acme/nope", null, ann));

    // removing a member takes them out of every team
    status(201, send("PUT", "/-/org/acme/user", body("user", "dee"), ann));
    status(201, send("PUT", "/-/team/acme/core/user", body("user", "dee"), ann));
    status(204, send("DELETE", "/-/org/acme/user", body("user", "dee"), ann));
    assertEquals(Json.parse("[\"cy\"]"), send("GET", "/-/team/acme/core/user", null, ann).json());
    assertEquals(
        Json.parse("[\"ann\",\"bo\",\"cy\"]"),
        send("GET", "/-/team/acme/developers/user", null, ann).json());
    status(201, send("PUT", "/-/org/acme/team", body("name", "tmp"), ann));
    status(204, send("DELETE", "/-/team/acme/tmp", null, bo));
    status(404, send("GET", "/-/team/acme/tmp/user", null, ann));
  }

  @Test
  void scopesBelongToTheirUserOrOrgAndTeamGrantsOpenPrivatePackages() throws Exception {
    status(201, send("PUT", "/-/org/shop", null, ann));
    status(201, send("PUT", "/-/org/shop/user", body("user", "cy"), ann));
    status(201, send("PUT", "/-/org/shop/team", body("name", "ops"), ann));
    // scopes: a user's own, an org's members', nobody's
    assertEquals(201, publish("@ann/tool", "1.0.0", ann));
    assertEquals(403, publish("@ann/x", "1.0.0", bo));
    assertEquals(403, publish("@shop/x", "1.0.0", bo));
    assertEquals(403, publish("@nobody-here/x", "1.0.0", bo));
    assertEquals(201, publish("@shop/cart", "1.0.0", cy));
    // a new org package is restricted and granted read-write to the developers team
    status(200, client.send("GET", "/@shop%2fcart", null, ann));
    status(404, client.send("GET", "/@shop%2fcart", null, bo));
    status(404, client.get("/@shop%2fcart"));
    assertEquals(
        Json.parse("{\"@shop/cart\":\"write\"}"),
        send("GET", "/-/team/shop/developers/package", null, cy).json());
    // revoke from developers: cy (the publisher) stays an owner; ann keeps it as org owner
    status(
        204, send("DELETE", "/-/team/shop/developers/package", body("package", "@shop/cart"), ann));
    status(201, send("PUT", "/-/org/shop/user", body("user", "dee"), ann));
    status(404, client.send("GET", "/@shop%2fcart", null, dee));
    status(404, client.send("GET", "/@shop%2fcart/-/cart-1.0.0.tgz", null, dee));
    status(404, client.send("GET", "/-/package/@shop%2fcart/dist-tags", null, dee));
    assertEquals(404, publish("@shop/cart", "1.0.1", dee));
    // a read-only grant makes it readable, not writable
    status(201, send("PUT", "/-/team/shop/ops/user", body("user", "dee"), ann));
    status(
        201,
        send(
            "PUT",
            "/-/team/shop/ops/package",
            body("package", "@shop/cart", "permissions", "read-only"),
            ann));
    status(200, client.send("GET", "/@shop%2fcart", null, dee));
    status(200, client.send("GET", "/@shop%2fcart/-/cart-1.0.0.tgz", null, dee));
    assertEquals(404, publish("@shop/cart", "1.0.1", bo));
    assertEquals(403, publish("@shop/cart", "1.0.1", dee));
    status(
        201,
        send(
            "PUT",
            "/-/team/shop/ops/package",
            body("package", "@shop/cart", "permissions", "read-write"),
            ann));
    assertEquals(201, publish("@shop/cart", "1.0.1", dee));
    status(404, client.send("GET", "/@shop%2fcart/1.0.1", null, bo));
    assertEquals(
        Json.parse("{\"cy\":\"write\",\"dee\":\"write\"}"),
        send("GET", "/-/package/@shop%2fcart/collaborators", null, ann).json());
    assertEquals(
        Json.parse("{\"@shop/cart\":\"write\"}"),
        send("GET", "/-/org/shop/package", null, dee).json());
    status(404, send("GET", "/-/org/ann/package", null, ann));
    // grants need an org owner or admin, and write access to the package
    status(
        403,
        send(
            "PUT",
            "/-/team/shop/ops/package",
            body("package", "@shop/cart", "permissions", "read-only"),
            dee));
    status(
        400,
        send(
            "PUT",
            "/-/team/shop/ops/package",
            body("package", "@shop/cart", "permissions", "all"),
            ann));
    status(
        403,
        send(
            "PUT",
            "/-/team/shop/ops/package",
            body("package", "@ann/tool", "permissions", "read-only"),
            cy));
    status(
        404,
        send(
            "PUT",
            "/-/team/shop/ops/package",
            body("package", "@nobody/none", "permissions", "read-only"),
            ann));
    status(
        201,
        send(
            "PUT",
            "/-/team/shop/ops/package",
            body("package", "@ann/tool", "permissions", "read-only"),
            ann));
    status(200, client.send("GET", "/@ann%2ftool", null, dee));
    status(204, send("DELETE", "/-/team/shop/ops/package", body("package", "@ann/tool"), ann));
    status(404, client.send("GET", "/@ann%2ftool", null, dee));
    // the package's mfa rule binds team writers as it binds owners
    status(
        200,
        send(
            "POST",
            "/-/package/@shop%2fcart/access",
            Json.parse("{\"publish_requires_tfa\":true,\"automation_token_overrides_tfa\":false}"),
            ann));
    var mfa =
        client.put(
            "/@shop%2fcart", TestPackages.body("@shop/cart", "1.0.2").putNull("access"), dee);
    assertEquals(403, mfa.status(), mfa.text());
    assertTrue(mfa.text().contains("requires two-factor authentication"), mfa.text());
    // and a team grant is a package write under the same rule (the org owner has no 2FA)
    var grant =
        send(
            "PUT",
            "/-/team/shop/ops/package",
            body("package", "@shop/cart", "permissions", "read-only"),
            ann);
    assertEquals(403, grant.status(), grant.text());
    assertTrue(grant.text().contains("requires two-factor authentication"), grant.text());
    // leaving the org ends every grant
    status(204, send("DELETE", "/-/org/shop/user", body("user", "dee"), dee));
    status(404, client.send("GET", "/@shop%2fcart", null, dee));
  }

  private static String assertThrows(org.junit.jupiter.api.function.Executable e) {
    return org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, e)
        .getMessage();
  }
}
