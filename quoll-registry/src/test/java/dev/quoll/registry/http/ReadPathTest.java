package dev.quoll.registry.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import dev.quoll.core.packument.Packument;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads, dist-tags, accounts and the request log against a running server. */
class ReadPathTest {
  private static final String CORGI = "application/vnd.npm.install-v1+json";
  private static RegistryFixture fx;
  private static TestClient client;
  private static String alice;
  private static byte[] scopedTgz;

  @BeforeAll
  static void start() throws Exception {
    fx = new RegistryFixture(Map.of());
    client = fx.client;
    alice = client.addUser("alice");
    ObjectNode scoped = TestPackages.body("@s/p", "1.0.0");
    scopedTgz = Base64.getDecoder().decode(scoped.findValue("data").asText());
    assertEquals(
        201, client.put("/@s%2fp", scoped, client.addUser("s")).status()); // @s is the user s
    assertEquals(201, client.put("/plain", TestPackages.body("plain", "1.0.0"), alice).status());
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  @Test
  void http2OverCleartextIsServed() throws Exception {
    var http =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_2)
            .build();
    var request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(fx.registry.baseUrl() + "@s%2fp"))
            .build();
    http.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()); // Upgrade: h2c
    var r = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode());
    assertEquals(java.net.http.HttpClient.Version.HTTP_2, r.version());
    assertEquals("@s/p", Json.parse(r.body()).get("name").asText());
  }

  @Test
  void pingAnswersAnEmptyObject() throws Exception {
    var r = client.get("/-/ping");
    assertEquals(200, r.status());
    assertEquals("{}", r.text());
  }

  @Test
  void scopedNamesWorkInEveryPathForm() throws Exception {
    String body = client.get("/@s%2fp").text();
    assertEquals(body, client.get("/@s%2Fp").text());
    assertEquals(body, client.get("/@s/p").text());
    assertEquals(body, client.get("/%40s%2fp").text());
    for (String path :
        new String[] {"/@s/p/-/p-1.0.0.tgz", "/@s%2fp/-/p-1.0.0.tgz", "/@s/p/-/@s/p-1.0.0.tgz"}) {
      var r = client.get(path);
      assertEquals(200, r.status(), path);
      assertArrayEquals(scopedTgz, r.body(), path);
      assertEquals("public, max-age=31536000, immutable", r.header("Cache-Control"));
    }
    var head = client.send("HEAD", "/@s/p/-/p-1.0.0.tgz", null, null);
    assertEquals(200, head.status());
    assertEquals(String.valueOf(scopedTgz.length), head.header("Content-Length"));
    assertEquals(404, client.get("/@s/p/-/p-9.9.9.tgz").status());
    assertEquals(404, client.get("/@s/p/-/..%2f..%2fquoll.db").status());
    assertEquals(404, client.get("/nope").status());
    assertEquals("Not found", client.get("/nope").json().get("error").asText());
  }

  @Test
  void fullAndAbbreviatedDocumentsByAccept() throws Exception {
    var full = client.get("/plain", "Accept", "application/json");
    assertEquals("application/json", full.header("Content-Type"));
    var corgi = client.get("/plain", "Accept", CORGI + "; q=1.0, application/json; q=0.8, */*");
    assertEquals(CORGI, corgi.header("Content-Type"));
    assertEquals(Json.parse(Packument.parse(full.body()).abbreviate().toBytes()), corgi.json());
    assertFalse(corgi.json().has("readme"));
    assertNotEquals(full.header("ETag"), corgi.header("ETag"));
    assertEquals("public, max-age=0, must-revalidate", full.header("Cache-Control"));
  }

  @Test
  void etagsAnswer304AndGzipHasItsOwnTag() throws Exception {
    var plain = client.get("/plain");
    String etag = plain.header("ETag");
    var again = client.get("/plain", "If-None-Match", etag);
    assertEquals(304, again.status());
    assertEquals(0, again.body().length);
    var gz = client.get("/plain", "Accept-Encoding", "gzip");
    assertEquals("gzip", gz.header("Content-Encoding"));
    assertNotEquals(etag, gz.header("ETag"));
    byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes();
    assertArrayEquals(plain.body(), unzipped);
    assertEquals(
        304,
        client
            .get("/plain", "Accept-Encoding", "gzip", "If-None-Match", gz.header("ETag"))
            .status());
  }

  @Test
  void versionsByNumberOrTag() throws Exception {
    assertEquals("1.0.0", client.get("/plain/1.0.0").json().get("version").asText());
    assertEquals("1.0.0", client.get("/plain/latest").json().get("version").asText());
    assertEquals("1.0.0", client.get("/@s%2fp/latest").json().get("version").asText());
    var r = client.get("/plain/2.0.0");
    assertEquals(404, r.status());
    assertEquals("version not found: 2.0.0", r.json().get("error").asText());
  }

  @Test
  void distTagsAreListedSetAndRemoved() throws Exception {
    assertEquals(201, client.put("/dt", TestPackages.body("dt", "1.0.0"), alice).status());
    assertEquals(201, client.put("/dt", TestPackages.body("dt", "1.1.0"), alice).status());
    byte[] v = "\"1.0.0\"".getBytes(StandardCharsets.UTF_8);
    assertEquals(401, client.send("PUT", "/-/package/dt/dist-tags/old", v, null).status());
    assertEquals(201, client.send("PUT", "/-/package/dt/dist-tags/old", v, alice).status());
    assertEquals(
        Json.parse("{\"latest\":\"1.1.0\",\"old\":\"1.0.0\"}"),
        client.get("/-/package/dt/dist-tags").json());
    assertEquals(
        400,
        client
            .send(
                "PUT",
                "/-/package/dt/dist-tags/x",
                "\"9.0.0\"".getBytes(StandardCharsets.UTF_8),
                alice)
            .status());
    assertEquals(400, client.send("PUT", "/-/package/dt/dist-tags/%5E1", v, alice).status());
    assertEquals(
        403, client.send("DELETE", "/-/package/dt/dist-tags/latest", null, alice).status());
    assertEquals(200, client.send("DELETE", "/-/package/dt/dist-tags/old", null, alice).status());
    assertEquals(404, client.send("DELETE", "/-/package/dt/dist-tags/old", null, alice).status());
    String bob = client.addUser("bob-dt");
    assertEquals(403, client.send("PUT", "/-/package/dt/dist-tags/b", v, bob).status());
    assertEquals(404, client.get("/-/package/nope/dist-tags").status());
  }

  @Test
  void accountsLoginWhoamiAndLogout() throws Exception {
    String token = client.addUser("carol");
    assertTrue(token.matches("quoll_[A-Za-z0-9]{36}"), token);
    var login = Json.object();
    login.put("name", "carol");
    login.put("password", TestClient.password("carol"));
    var r = client.put("/-/user/org.couchdb.user:carol", login, null);
    assertEquals(201, r.status());
    String second = r.json().get("token").asText();
    assertNotEquals(token, second);
    assertEquals("org.couchdb.user:carol", r.json().get("id").asText());
    login.put("password", "wrong");
    assertEquals(401, client.put("/-/user/org.couchdb.user:carol", login, null).status());
    login.put("name", "nobody");
    var unknown = client.put("/-/user/org.couchdb.user:nobody", login, null);
    assertEquals(400, unknown.status());
    var whoami = client.send("GET", "/-/whoami", null, second);
    assertEquals(Json.parse("{\"username\":\"carol\"}"), whoami.json());
    assertEquals(401, client.get("/-/whoami").status());
    assertEquals(200, client.send("DELETE", "/-/user/token/" + second, null, second).status());
    assertEquals(200, client.send("DELETE", "/-/user/token/" + second, null, second).status());
    assertEquals(401, client.send("GET", "/-/whoami", null, second).status());
    assertEquals(200, client.send("GET", "/-/whoami", null, token).status());
    assertEquals(
        "carol@example.org",
        client.get("/-/user/org.couchdb.user:carol").json().get("email").asText());
  }

  @Test
  void theLogHasOneLinePerRequestAndNeverAToken() throws Exception {
    String token = client.addUser("dave");
    var r = client.send("DELETE", "/-/user/token/" + token, null, token, "npm-command", "logout");
    String id = r.header("x-request-id");
    Thread.sleep(50);
    String line =
        fx.logLines().stream().filter(l -> l.contains(" " + id + " ")).findFirst().orElseThrow();
    assertTrue(
        line.matches(
            "\\S+Z "
                + id
                + " (127\\.0\\.0\\.1|\\[?[0-9a-f:]+\\]?) DELETE /-/user/token/\\[redacted\\] 200 \\d+B \\d+ms \"Java-http-client/\\S+\" npm-command=logout"),
        line);
    for (String l : fx.logLines()) {
      assertFalse(l.contains("quoll_"), l);
    }
  }
}
