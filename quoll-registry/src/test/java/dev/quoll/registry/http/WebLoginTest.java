package dev.quoll.registry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Web login and sign-up over HTTP (wire note §13.3): each state of a session. */
class WebLoginTest {
  private static RegistryFixture fx;

  @BeforeAll
  static void start() throws Exception {
    fx = new RegistryFixture(Map.of());
    fx.client.addUser("alice");
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  record Started(String loginPath, String donePath) {}

  private static Started start(String body) throws Exception {
    var r = fx.client.send("POST", "/-/v1/login", body.getBytes(StandardCharsets.UTF_8), null);
    assertEquals(200, r.status(), r.text());
    String base = fx.registry.baseUrl().toString().replaceAll("/$", "");
    String login = r.json().get("loginUrl").asText();
    String done = r.json().get("doneUrl").asText();
    assertTrue(login.startsWith(base + "/-/web/login/"), login);
    assertTrue(done.startsWith(base + "/-/v1/done/"), done);
    String id = done.substring(done.lastIndexOf('/') + 1);
    assertTrue(id.length() >= 43, "session id has at least 256 bits: " + id);
    return new Started(login.substring(base.length()), done.substring(base.length()));
  }

  private static String secret(String html) {
    Matcher m = Pattern.compile("name=\"secret\" value=\"([^\"]+)\"").matcher(html);
    assertTrue(m.find(), html);
    return m.group(1);
  }

  private static TestClient.Reply submit(String path, String... fields) throws Exception {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < fields.length; i += 2) {
      b.append(b.isEmpty() ? "" : "&")
          .append(fields[i])
          .append('=')
          .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
    }
    return fx.client.send(
        "POST",
        path,
        b.toString().getBytes(StandardCharsets.UTF_8),
        null,
        "Content-Type",
        "application/x-www-form-urlencoded");
  }

  @Test
  void loginPendingThenDoneThenGone() throws Exception {
    Started s = start("{}");
    var poll = fx.client.get(s.donePath());
    assertEquals(202, poll.status());
    assertEquals("1", poll.header("Retry-After"));

    var page = fx.client.get(s.loginPath());
    assertEquals(200, page.status());
    assertTrue(page.header("Content-Type").startsWith("text/html"));
    assertEquals("no-store", page.header("Cache-Control"));
    assertTrue(!page.text().contains("name=\"email\""), "login form has no e-mail field");
    var ok =
        submit(
            s.loginPath(),
            "secret",
            secret(page.text()),
            "username",
            "alice",
            "password",
            TestClient.password("alice"));
    assertEquals(200, ok.status(), ok.text());
    assertTrue(ok.text().contains("You may close this window"), ok.text());

    var done = fx.client.get(s.donePath());
    assertEquals(200, done.status(), done.text());
    String token = done.json().get("token").asText();
    var who = fx.client.send("GET", "/-/whoami", null, token);
    assertEquals("alice", who.json().get("username").asText());

    assertEquals(404, fx.client.get(s.donePath()).status(), "the token is handed out once");
    assertEquals(404, fx.client.get(s.loginPath()).status(), "the page is single-use");
    var again =
        submit(
            s.loginPath(),
            "secret",
            secret(page.text()),
            "username",
            "alice",
            "password",
            TestClient.password("alice"));
    assertEquals(404, again.status(), "a completed session cannot be completed again");
  }

  @Test
  void wrongPasswordKeepsTheSessionPending() throws Exception {
    Started s = start("{}");
    String secret = secret(fx.client.get(s.loginPath()).text());
    var bad = submit(s.loginPath(), "secret", secret, "username", "alice", "password", "nope");
    assertEquals(401, bad.status());
    assertTrue(bad.text().contains("Incorrect username or password"), bad.text());
    assertTrue(bad.text().contains("name=\"password\""), "the form is shown again");
    assertEquals(202, fx.client.get(s.donePath()).status());
    var unknown = submit(s.loginPath(), "secret", secret, "username", "nobody", "password", "x");
    assertEquals(400, unknown.status(), "login (not sign-up) does not create users");
    var ok =
        submit(
            s.loginPath(),
            "secret",
            secret,
            "username",
            "alice",
            "password",
            TestClient.password("alice"));
    assertEquals(200, ok.status());
    assertEquals(200, fx.client.get(s.donePath()).status());
  }

  @Test
  void wrongFormSecretIsRefused() throws Exception {
    Started s = start("{}");
    Started other = start("{}");
    String otherSecret = secret(fx.client.get(other.loginPath()).text());
    var r =
        submit(
            s.loginPath(),
            "secret",
            otherSecret,
            "username",
            "alice",
            "password",
            TestClient.password("alice"));
    assertEquals(403, r.status());
    var none = submit(s.loginPath(), "username", "alice", "password", TestClient.password("alice"));
    assertEquals(403, none.status());
    assertEquals(202, fx.client.get(s.donePath()).status());
  }

  @Test
  void signUpCreatesTheUser() throws Exception {
    Started s = start("{\"create\":true}");
    String html = fx.client.get(s.loginPath()).text();
    assertTrue(html.contains("name=\"email\""), html);
    var r =
        submit(
            s.loginPath(),
            "secret",
            secret(html),
            "username",
            "bob",
            "email",
            "bob@example.org",
            "password",
            "pw<bob>-long-enough");
    assertEquals(200, r.status(), r.text());
    String token = fx.client.get(s.donePath()).json().get("token").asText();
    assertEquals(
        "bob", fx.client.send("GET", "/-/whoami", null, token).json().get("username").asText());
    assertEquals(
        "bob@example.org",
        fx.client.get("/-/user/org.couchdb.user:bob").json().get("email").asText());
  }

  @Test
  void unknownSessionsAndMethods() throws Exception {
    assertEquals(404, fx.client.get("/-/v1/done/not-a-session").status());
    assertEquals(404, fx.client.get("/-/web/login/not-a-session").status());
    assertEquals(405, fx.client.get("/-/v1/login").status());
    assertNotEquals(start("{}").donePath(), start("{}").donePath());
  }

  @Test
  void aTwoFactorAccountGivesItsCodeInTheForm() throws Exception {
    String token = fx.client.addUser("webtfa");
    var enable = dev.quoll.core.json.Json.object();
    enable.putObject("tfa").put("mode", "auth-only").put("password", TestClient.password("webtfa"));
    var started =
        fx.client.send("POST", "/-/npm/v1/user", dev.quoll.core.json.Json.toBytes(enable), token);
    String secret = started.json().get("tfa").asText().replaceAll(".*secret=([A-Z2-7]+).*", "$1");
    long step = java.time.Instant.now().getEpochSecond() / 30;
    var confirm = dev.quoll.core.json.Json.object();
    confirm.putArray("tfa").add(dev.quoll.registry.accounts.Totp.codeAt(secret, step - 1));
    assertEquals(
        200,
        fx.client
            .send("POST", "/-/npm/v1/user", dev.quoll.core.json.Json.toBytes(confirm), token)
            .status());

    Started s = start("{}");
    String formSecret = secret(fx.client.get(s.loginPath()).text());
    var noCode =
        submit(
            s.loginPath(),
            "secret",
            formSecret,
            "username",
            "webtfa",
            "password",
            TestClient.password("webtfa"));
    assertEquals(401, noCode.status());
    assertTrue(noCode.text().contains("one-time pass"), noCode.text());
    assertTrue(noCode.text().contains("name=\"otp\""), "the form is shown again");
    var withCode =
        submit(
            s.loginPath(),
            "secret",
            formSecret,
            "username",
            "webtfa",
            "password",
            TestClient.password("webtfa"),
            "otp",
            dev.quoll.registry.accounts.Totp.codeAt(secret, step));
    assertEquals(200, withCode.status(), withCode.text());
    assertEquals(200, fx.client.get(s.donePath()).status());
  }
}
