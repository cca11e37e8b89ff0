package dev.quoll.registry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sign-up modes and rules, login answers npm tells apart (400 unknown user, 401 wrong password),
 * the login rate limit's 429 with Retry-After, and the daily log files' retention.
 */
class SignupAndLimitsTest {
  private static ObjectNode couch(String name, String password, String email) {
    ObjectNode b = Json.object();
    b.put("_id", "org.couchdb.user:" + name);
    b.put("name", name);
    b.put("password", password);
    if (email != null) {
      b.put("email", email);
    }
    return b;
  }

  private static int put(RegistryFixture fx, ObjectNode body) throws Exception {
    return fx.client
        .put("/-/user/org.couchdb.user:" + body.get("name").asText(), body, null)
        .status();
  }

  @Test
  void openSignupFollowsTheRules() throws Exception {
    try (RegistryFixture fx = new RegistryFixture(Map.of("login-rate-limit", "100"))) {
      assertEquals(400, put(fx, couch("Upper", "long-enough-pw", "u@example.org")));
      assertEquals(400, put(fx, couch("_under", "long-enough-pw", "u@example.org")));
      assertEquals(400, put(fx, couch(".dot", "long-enough-pw", "u@example.org")));
      assertEquals(400, put(fx, couch("ok-name", "long-enough-pw", "not-an-email")));
      assertEquals(400, put(fx, couch("ok-name", "short", "u@example.org")));
      assertEquals(400, put(fx, couch("ok-name", "qwertyuiop", "u@example.org")));
      assertEquals(400, put(fx, couch("ok-name-long", "ok-name-long", "u@example.org")));
      assertEquals(201, put(fx, couch("ok-name", "long-enough-pw", "u@example.org")));
      var unknown =
          fx.client.put("/-/user/org.couchdb.user:nobody", couch("nobody", "x", null), null);
      assertEquals(400, unknown.status());
      assertTrue(unknown.text().contains("There is no user with the username nobody"));
      assertEquals(401, put(fx, couch("ok-name", "wrong-password", null)));
      assertEquals(201, put(fx, couch("ok-name", "long-enough-pw", null)));
    }
  }

  @Test
  void closedAndInviteOnlySignup() throws Exception {
    try (RegistryFixture fx = new RegistryFixture(Map.of("signup", "closed"))) {
      var r =
          fx.client.put(
              "/-/user/org.couchdb.user:carl", couch("carl", "long-enough-pw", "c@x.org"), null);
      assertEquals(403, r.status());
      assertTrue(r.text().contains("closed"));
    }
    try (RegistryFixture fx =
        new RegistryFixture(
            Map.of("signup", "invite-only", "signup-invites", "vip@x.org, @corp.example"))) {
      assertEquals(403, put(fx, couch("eve", "long-enough-pw", "eve@x.org")));
      assertEquals(201, put(fx, couch("vip", "long-enough-pw", "VIP@x.org")));
      assertEquals(201, put(fx, couch("worker", "long-enough-pw", "w@corp.example")));
      assertEquals(201, put(fx, couch("worker", "long-enough-pw", null)), "login still works");
    }
  }

  @Test
  void loginAttemptsAreRateLimitedWithRetryAfter() throws Exception {
    try (RegistryFixture fx = new RegistryFixture(Map.of("login-rate-limit", "3"))) {
      assertEquals(201, put(fx, couch("lim", "long-enough-pw", "l@x.org")));
      assertEquals(401, put(fx, couch("lim", "guess-one", null)));
      assertEquals(401, put(fx, couch("lim", "guess-two", null)));
      var limited =
          fx.client.put("/-/user/org.couchdb.user:lim", couch("lim", "guess-3", null), null);
      assertEquals(429, limited.status());
      long retry = Long.parseLong(limited.header("Retry-After"));
      assertTrue(retry >= 1 && retry <= 60, "Retry-After " + retry);
    }
  }

  @Test
  void dailyLogFilesKeepTheRetention() throws Exception {
    Path dir = Files.createTempDirectory("quoll-logs");
    Files.writeString(dir.resolve("quoll-access-2026-01-01.log"), "old\n");
    Files.writeString(dir.resolve("quoll-access-2026-03-01.log"), "kept\n");
    Files.writeString(dir.resolve("other.log"), "not ours\n");
    Clock clock = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);
    try (DailyLogFiles files = new DailyLogFiles(dir, 30, clock)) {
      files.accept("line one");
      files.accept("line two");
    }
    assertTrue(Files.notExists(dir.resolve("quoll-access-2026-01-01.log")));
    assertTrue(Files.exists(dir.resolve("quoll-access-2026-03-01.log")));
    assertTrue(Files.exists(dir.resolve("other.log")));
    assertEquals(
        "line one\nline two\n", Files.readString(dir.resolve("quoll-access-2026-03-10.log")));
  }
}
