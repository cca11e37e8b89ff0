package dev.quoll.registry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quoll.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * HTTP Basic credentials (RFC 7617), as npm sends them for {@code _auth} and {@code
 * username}/{@code _password}: accepted for writes and whoami, harmless on reads, refused with a
 * Basic challenge when wrong.
 */
class BasicAuthTest {
  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void basicCredentialsAuthenticateWritesAndWhoami() throws Exception {
    try (RegistryFixture f = new RegistryFixture(Map.of())) {
      var user = Json.object();
      user.put("name", "bea");
      user.put("password", "p:ss wörd 12");
      user.put("email", "bea@example.org");
      assertEquals(201, f.client.put("/-/user/org.couchdb.user:bea", user, null).status());
      String good = basic("bea", "p:ss wörd 12");

      var whoami = f.client.get("/-/whoami", "Authorization", good);
      assertEquals(200, whoami.status(), whoami.text());
      assertEquals("bea", whoami.json().get("username").asText());
      // remembered: the same header again (no password hash this time) gives the same answer
      assertEquals(200, f.client.get("/-/whoami", "Authorization", good).status());

      byte[] body = Json.toBytes(TestPackages.body("basic-pkg", "1.0.0"));
      var publish = f.client.send("PUT", "/basic-pkg", body, null, "Authorization", good);
      assertEquals(201, publish.status(), publish.text());
      var doc = f.client.get("/basic-pkg", "Authorization", good);
      assertEquals(200, doc.status());
      assertEquals("bea", doc.json().at("/versions/1.0.0/_npmUser/name").asText());

      for (String bad :
          new String[] {
            basic("bea", "wrong"),
            basic("nobody", "p:ss wörd 12"),
            basic("bea", ""),
            "Basic !!not-base64!!",
            "Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes()),
          }) {
        var refused =
            f.client.send(
                "PUT",
                "/basic-pkg",
                Json.toBytes(TestPackages.body("basic-pkg", "1.0.1")),
                null,
                "Authorization",
                bad);
        assertEquals(401, refused.status(), bad);
        assertEquals("Basic realm=\"quoll\"", refused.header("WWW-Authenticate"), bad);
        assertEquals(401, f.client.get("/-/whoami", "Authorization", bad).status(), bad);
      }
      assertEquals(
          200, f.client.get("/basic-pkg", "Authorization", basic("bea", "wrong")).status());
      var missing = f.client.get("/basic-pkg/%5E2.0.0");
      assertEquals(404, missing.status());
      assertEquals("version not found: ^2.0.0", missing.json().get("error").asText());
      assertEquals("1.0.0", f.client.get("/basic-pkg/%5E1.0.0").json().get("version").asText());

      // a remembered check ends with the password: the old header is refused at once
      var change = Json.object();
      change.putObject("password").put("old", "p:ss wörd 12").put("new", "another pass 34");
      var changed =
          f.client.send(
              "POST", "/-/npm/v1/user", Json.toBytes(change), null, "Authorization", good);
      assertEquals(200, changed.status(), changed.text());
      assertEquals(401, f.client.get("/-/whoami", "Authorization", good).status());
      assertEquals(
          200,
          f.client.get("/-/whoami", "Authorization", basic("bea", "another pass 34")).status());
    }
  }
}
