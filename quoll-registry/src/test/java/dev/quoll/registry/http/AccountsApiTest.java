package dev.quoll.registry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import dev.quoll.registry.accounts.Totp;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The token and profile APIs over HTTP, one negative case per rule: token restrictions (read-only,
 * CIDR with and without a trusted proxy, granular packages, expiry never reached here), the token
 * listing's pages and redaction, revocation by key and by raw token, profile changes, password
 * change revoking every token, and the whole 2FA cycle with OTP challenges.
 */
class AccountsApiTest {
  private static RegistryFixture fx;
  private static TestClient client;

  @BeforeAll
  static void start() throws Exception {
    fx = new RegistryFixture(Map.of("trusted-proxies", "127.0.0.1", "login-rate-limit", "1000"));
    client = fx.client;
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  private static TestClient.Reply post(String path, JsonNode body, String token, String... headers)
      throws Exception {
    return client.send("POST", path, Json.toBytes(body), token, headers);
  }

  private static ObjectNode tokenRequest(String user) {
    ObjectNode b = Json.object();
    b.put("password", TestClient.password(user));
    b.putNull("name");
    return b;
  }

  private static String create(String login, ObjectNode body, String... headers) throws Exception {
    TestClient.Reply r = post("/-/npm/v1/tokens", body, login, headers);
    assertEquals(200, r.status(), r.text());
    return r.json().get("token").asText();
  }

  @Test
  void readOnlyTokenReadsButNeverWrites() throws Exception {
    String login = client.addUser("ro-user");
    ObjectNode b = tokenRequest("ro-user");
    b.put("readonly", true);
    String ro = create(login, b);
    assertEquals(200, client.send("GET", "/-/whoami", null, ro).status());
    var pub = client.put("/ro-pkg", TestPackages.body("ro-pkg", "1.0.0"), ro);
    assertEquals(403, pub.status(), pub.text());
    assertTrue(pub.text().contains("read-only"), pub.text());
    assertEquals(403, post("/-/npm/v1/tokens", tokenRequest("ro-user"), ro).status());
    assertEquals(403, post("/-/npm/v1/user", Json.object(), ro).status());
    assertEquals(201, client.put("/ro-pkg", TestPackages.body("ro-pkg", "1.0.0"), login).status());
  }

  @Test
  void cidrTokenWorksOnlyFromItsRangeAndForwardedForOnlyFromTrustedProxies() throws Exception {
    String login = client.addUser("cidr-user");
    ObjectNode b = tokenRequest("cidr-user");
    b.putArray("cidr_whitelist").add("192.0.2.0/24").add("2001:db8::/32");
    String t = create(login, b);
    var outside = client.send("GET", "/-/whoami", null, t);
    assertEquals(401, outside.status(), outside.text());
    assertEquals("ipaddress", outside.header("WWW-Authenticate"));
    var inside = client.send("GET", "/-/whoami", null, t, "X-Forwarded-For", "192.0.2.7");
    assertEquals(200, inside.status(), "127.0.0.1 is a trusted proxy here");
    var v6 = client.send("GET", "/-/whoami", null, t, "X-Forwarded-For", "2001:db8::1");
    assertEquals(200, v6.status());
    var spoofed =
        client.send("GET", "/-/whoami", null, t, "X-Forwarded-For", "192.0.2.7, 203.0.113.9");
    assertEquals(401, spoofed.status(), "the right-most untrusted hop is the client");
    ObjectNode bad = tokenRequest("cidr-user");
    bad.putArray("cidr_whitelist").add("10.0.0.0/33");
    var r = post("/-/npm/v1/tokens", bad, login);
    assertEquals(400, r.status());
    assertTrue(r.text().contains("CIDR whitelist contains invalid CIDR entry: 10.0.0.0/33"));
  }

  @Test
  void granularTokenWritesOnlyItsPackages() throws Exception {
    String login = client.addUser("gran-user");
    ObjectNode b = tokenRequest("gran-user");
    b.put("packages", "gran-a");
    b.putArray("scopes").add("@gran-user");
    b.put("packages_and_scopes_permission", "read-write");
    b.put("expires", 30);
    b.put("name", "deploy");
    TestClient.Reply created = post("/-/npm/v1/tokens", b, login);
    assertEquals(200, created.status(), created.text());
    JsonNode o = created.json();
    assertEquals("deploy", o.get("name").asText());
    assertNotNull(o.get("expires").textValue());
    assertTrue(
        Instant.parse(o.get("expires").asText()).isAfter(Instant.now().plusSeconds(29L * 86400)));
    String t = o.get("token").asText();
    assertEquals(201, client.put("/gran-a", TestPackages.body("gran-a", "1.0.0"), t).status());
    assertEquals(
        201, client.put("/@gran-user%2fx", TestPackages.body("@gran-user/x", "1.0.0"), t).status());
    assertEquals(403, client.put("/gran-b", TestPackages.body("gran-b", "1.0.0"), t).status());
    ObjectNode zero = tokenRequest("gran-user");
    zero.put("expires", 0);
    assertEquals(400, post("/-/npm/v1/tokens", zero, login).status());
  }

  @Test
  void listIsPaginatedRedactedAndRevokeTakesKeyOrToken() throws Exception {
    String login = client.addUser("list-user");
    String a = create(login, tokenRequest("list-user"));
    String b = create(login, tokenRequest("list-user"));
    var page0 = client.send("GET", "/-/npm/v1/tokens?perPage=2", null, login);
    assertEquals(200, page0.status());
    assertEquals(3, page0.json().get("total").asInt());
    assertEquals(2, page0.json().get("objects").size());
    String next = page0.json().get("urls").get("next").asText();
    var page1 = client.send("GET", next.substring(next.indexOf("/-/")), null, login);
    assertEquals(1, page1.json().get("objects").size());
    assertTrue(page1.json().get("urls").path("next").isMissingNode());
    for (JsonNode t : page0.json().get("objects")) {
      assertEquals(12, t.get("token").asText().length());
      assertFalse(page0.text().contains(a) || page0.text().contains(b));
    }
    String keyOfA = null;
    for (JsonNode t : page0.json().get("objects")) {
      if (a.startsWith(t.get("token").asText())) {
        keyOfA = t.get("key").asText();
      }
    }
    var other = client.addUser("list-other");
    assertEquals(
        404, client.send("DELETE", "/-/npm/v1/tokens/token/" + keyOfA, null, other).status());
    assertEquals(
        204, client.send("DELETE", "/-/npm/v1/tokens/token/" + keyOfA, null, login).status());
    assertEquals(401, client.send("GET", "/-/whoami", null, a).status());
    assertEquals(204, client.send("DELETE", "/-/npm/v1/tokens/token/" + b, null, login).status());
    assertEquals(401, client.send("GET", "/-/whoami", null, b).status());
    String typo = login.substring(0, login.length() - 1) + (login.endsWith("A") ? "B" : "A");
    assertEquals(401, client.send("GET", "/-/whoami", null, typo).status());
    assertTrue(fx.logLines().stream().noneMatch(l -> l.contains(b)), "raw token not logged");
  }

  @Test
  void wrongPasswordOnTokenCreateIs401() throws Exception {
    String login = client.addUser("pw-user");
    ObjectNode b = tokenRequest("pw-user");
    b.put("password", "not-the-password");
    assertEquals(401, post("/-/npm/v1/tokens", b, login).status());
    assertEquals(401, post("/-/npm/v1/tokens", tokenRequest("pw-user"), null).status());
  }

  @Test
  void profileSetAndPasswordChangeRevokesEveryToken() throws Exception {
    String login = client.addUser("prof-user");
    String second = create(login, tokenRequest("prof-user"));
    var get = client.send("GET", "/-/npm/v1/user", null, login).json();
    assertEquals("prof-user", get.get("name").asText());
    assertFalse(get.get("tfa").asBoolean());
    ObjectNode set = Json.object();
    set.put("email", "new@example.org");
    set.put("fullname", "Prof User");
    set.putNull("homepage");
    var r = post("/-/npm/v1/user", set, login);
    assertEquals(200, r.status(), r.text());
    assertEquals("Prof User", r.json().get("fullname").asText());
    assertEquals("new@example.org", r.json().get("email").asText());
    ObjectNode badMail = Json.object();
    badMail.put("email", "not-an-address");
    assertEquals(400, post("/-/npm/v1/user", badMail, login).status());
    ObjectNode pw = Json.object();
    pw.putObject("password").put("old", "wrong-password").put("new", "a-new-long-password");
    assertEquals(403, post("/-/npm/v1/user", pw, login).status());
    pw.putObject("password").put("old", TestClient.password("prof-user")).put("new", "prof-user");
    assertEquals(400, post("/-/npm/v1/user", pw, login).status(), "too short");
    pw.putObject("password")
        .put("old", TestClient.password("prof-user"))
        .put("new", "a-new-long-password");
    assertEquals(200, post("/-/npm/v1/user", pw, login).status());
    assertEquals(401, client.send("GET", "/-/whoami", null, login).status());
    assertEquals(401, client.send("GET", "/-/whoami", null, second).status());
  }

  @Test
  void twoFactorCycle() throws Exception {
    String login = client.addUser("tfa-user");
    String pw = TestClient.password("tfa-user");
    ObjectNode enable = Json.object();
    enable.putObject("tfa").put("mode", "auth-and-writes").put("password", "wrong-password");
    assertEquals(401, post("/-/npm/v1/user", enable, login).status());
    enable.putObject("tfa").put("mode", "auth-and-writes").put("password", pw);
    var started = post("/-/npm/v1/user", enable, login);
    assertEquals(200, started.status(), started.text());
    String uri = started.json().get("tfa").asText();
    assertTrue(uri.startsWith("otpauth://totp/Quoll:tfa-user?secret="), uri);
    String secret = uri.replaceAll(".*secret=([A-Z2-7]+).*", "$1");
    var pending = client.send("GET", "/-/npm/v1/user", null, login).json().get("tfa");
    assertTrue(pending.get("pending").asBoolean());
    ObjectNode confirm = Json.object();
    confirm.putArray("tfa").add("000000".equals(code(secret, 0)) ? "111111" : "000000");
    assertEquals(401, post("/-/npm/v1/user", confirm, login).status());
    confirm.putArray("tfa").add(code(secret, -1));
    var confirmed = post("/-/npm/v1/user", confirm, login);
    assertEquals(200, confirmed.status(), confirmed.text());
    JsonNode codes = confirmed.json().get("tfa");
    assertEquals(10, codes.size());

    // a write without OTP, with a wrong one, with a good one, and the good one again
    var body = TestPackages.body("tfa-pkg", "1.0.0");
    var none = client.put("/tfa-pkg", body, login);
    assertEquals(401, none.status());
    assertEquals("OTP", none.header("WWW-Authenticate"));
    assertTrue(none.text().contains("one-time pass"));
    String now = code(secret, 0);
    assertEquals(
        201, client.send("PUT", "/tfa-pkg", Json.toBytes(body), login, "npm-otp", now).status());
    var body2 = TestPackages.body("tfa-pkg", "1.0.1");
    var reused = client.send("PUT", "/tfa-pkg", Json.toBytes(body2), login, "npm-otp", now);
    assertEquals(401, reused.status(), "a code works once");
    assertTrue(reused.text().contains("already used"));
    // login needs the OTP after the password; a wrong password says nothing about 2FA
    ObjectNode couch = Json.object();
    couch.put("name", "tfa-user");
    couch.put("password", "wrong-password");
    var wrongPw = client.put("/-/user/org.couchdb.user:tfa-user", couch, null);
    assertEquals(401, wrongPw.status());
    assertFalse("OTP".equals(wrongPw.header("WWW-Authenticate")));
    couch.put("password", pw);
    var needsOtp = client.put("/-/user/org.couchdb.user:tfa-user", couch, null);
    assertEquals("OTP", needsOtp.header("WWW-Authenticate"));
    String rc = codes.get(0).asText();
    var withRecovery =
        client.send(
            "PUT", "/-/user/org.couchdb.user:tfa-user", Json.toBytes(couch), null, "npm-otp", rc);
    assertEquals(201, withRecovery.status(), withRecovery.text());
    var rcAgain =
        client.send(
            "PUT", "/-/user/org.couchdb.user:tfa-user", Json.toBytes(couch), null, "npm-otp", rc);
    assertEquals(401, rcAgain.status(), "a recovery code works once");
    // account changes need the OTP too
    assertEquals(401, post("/-/npm/v1/tokens", tokenRequest("tfa-user"), login).status());
    ObjectNode disable = Json.object();
    disable.putObject("tfa").put("mode", "disable").put("password", pw);
    assertEquals(401, post("/-/npm/v1/user", disable, login).status());
    var off = post("/-/npm/v1/user", disable, login, "npm-otp", codes.get(1).asText());
    assertEquals(200, off.status(), off.text());
    assertFalse(off.json().get("tfa").asBoolean());
    assertEquals(201, client.put("/tfa-pkg", body2, login).status());
  }

  private static String code(String secret, int offset) {
    return Totp.codeAt(secret, Instant.now().getEpochSecond() / Totp.STEP_SECONDS + offset);
  }
}
