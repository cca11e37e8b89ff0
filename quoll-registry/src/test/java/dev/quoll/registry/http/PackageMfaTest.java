package dev.quoll.registry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.quoll.core.json.Json;
import dev.quoll.registry.accounts.Totp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A package's two-factor rule ({@code npm access set mfa}, wire note §9) on every write to the
 * package, not only publish: with {@code publish} an owner without 2FA is refused (403, told to
 * enable it), an owner with 2FA (here in auth-only mode, which alone asks for no OTP on writes) is
 * challenged (401 {@code WWW-Authenticate: OTP}) on each of the package's write endpoints and an
 * automation token ({@code bypass_2fa}) does not help; with {@code automation} such a token writes
 * without an OTP; a non-owner meets the ordinary refusal and no challenge; a star is not a write.
 * Every refusal leaves the stored document unchanged.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackageMfaTest {
  private static final String PKG = "mfa-pkg";
  private static RegistryFixture fx;
  private static TestClient client;
  private static PackageWrites writes;
  private static String erin;
  private static String erinAuto;
  private static String frank;
  private static String frankAuto;
  private static String bob;
  private static final Deque<String> recoveryCodes = new ArrayDeque<>();

  @BeforeAll
  static void start() throws Exception {
    fx = new RegistryFixture(Map.of());
    client = new TestClient(fx.registry.baseUrl(), java.net.http.HttpClient.Version.HTTP_1_1);
    writes = new PackageWrites(client);
    erin = client.addUser("erin");
    frank = client.addUser("frank");
    bob = client.addUser("bob");
    erinAuto = automationToken("erin", erin);
    frankAuto = automationToken("frank", frank);
    ObjectNode enable = Json.object();
    enable.putObject("tfa").put("mode", "auth-only").put("password", TestClient.password("erin"));
    var started = post("/-/npm/v1/user", enable, erin);
    assertEquals(200, started.status(), started.text());
    String secret = started.json().get("tfa").asText().replaceAll(".*secret=([A-Z2-7]+).*", "$1");
    ObjectNode confirm = Json.object();
    confirm
        .putArray("tfa")
        .add(Totp.codeAt(secret, Instant.now().getEpochSecond() / Totp.STEP_SECONDS - 1));
    var confirmed = post("/-/npm/v1/user", confirm, erin);
    assertEquals(200, confirmed.status(), confirmed.text());
    confirmed.json().get("tfa").forEach(c -> recoveryCodes.add(c.asText()));
    // auth-only: erin's own 2FA asks for no OTP on writes
    publish("1.0.0", erin);
    publish("2.0.0", erin);
    ObjectNode owners = Json.object();
    owners.putArray("maintainers").add(person("erin")).add(person("frank"));
    var r =
        client.put("/" + PKG + "/-rev/" + PackageWrites.rev(writes.doc(PKG, erin)), owners, erin);
    assertEquals(200, r.status(), r.text());
    assertEquals(201, distTag("PUT", "beta", erin).status());
    setMfa("publish", erin);
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  private static ObjectNode person(String name) {
    return Json.object().put("name", name).put("email", "");
  }

  private static TestClient.Reply post(String path, JsonNode body, String token, String... headers)
      throws Exception {
    return client.send("POST", path, Json.toBytes(body), token, headers);
  }

  private static String automationToken(String user, String login) throws Exception {
    ObjectNode b = Json.object();
    b.put("password", TestClient.password(user));
    b.put("name", "ci");
    b.put("bypass_2fa", true);
    var r = post("/-/npm/v1/tokens", b, login);
    assertEquals(200, r.status(), r.text());
    return r.json().get("token").asText();
  }

  private static void publish(String version, String token, String... headers) throws Exception {
    var r =
        client.send(
            "PUT", "/" + PKG, Json.toBytes(TestPackages.body(PKG, version)), token, headers);
    assertEquals(201, r.status(), r.text());
  }

  private static TestClient.Reply distTag(
      String method, String tag, String token, String... headers) throws Exception {
    byte[] body = method.equals("PUT") ? Json.toBytes(TextNode.valueOf("1.0.0")) : null;
    return client.send(method, "/-/package/" + PKG + "/dist-tags/" + tag, body, token, headers);
  }

  private static void setMfa(String mfa, String token, String... headers) throws Exception {
    String body =
        "{\"publish_requires_tfa\":"
            + !mfa.equals("none")
            + ",\"automation_token_overrides_tfa\":"
            + mfa.equals("automation")
            + "}";
    var r =
        client.send(
            "POST",
            "/-/package/" + PKG + "/access",
            body.getBytes(StandardCharsets.UTF_8),
            token,
            headers);
    assertEquals(200, r.status(), r.text());
  }

  private static String[] otp() {
    return new String[] {"npm-otp", recoveryCodes.pop()};
  }

  @Test
  @Order(1)
  void everyWriteOfAnMfaPackageIsChallengedOrRefused() throws Exception {
    var challenged = PackageWrites.Caller.bearer("erin without OTP", erin);
    writes.refusedAll(
        PKG,
        erin,
        challenged,
        Map.of("*", 401),
        (a, r) -> {
          assertEquals("OTP", r.header("WWW-Authenticate"), a.label());
          assertTrue(r.text().contains("one-time pass"), a.label() + ": " + r.text());
        });
    writes.refusedAll(
        PKG,
        erin,
        PackageWrites.Caller.bearer("erin's automation token", erinAuto),
        Map.of("*", 401),
        (a, r) -> assertEquals("OTP", r.header("WWW-Authenticate"), a.label()));
    writes.refusedAll(
        PKG,
        erin,
        new PackageWrites.Caller(
            "erin with a wrong OTP", "Authorization", "Bearer " + erin, "npm-otp", "000000"),
        Map.of("*", 401));
    for (String token : new String[] {frank, frankAuto}) {
      writes.refusedAll(
          PKG,
          erin,
          PackageWrites.Caller.bearer("frank without 2FA", token),
          Map.of("*", 403),
          (a, r) -> {
            String error = r.json().get("error").asText();
            assertTrue(error.contains("requires two-factor authentication"), error);
            assertTrue(error.contains("npm profile enable-2fa"), error);
          });
    }
    writes.refusedAll(
        PKG,
        erin,
        PackageWrites.Caller.bearer("bob, no owner", bob),
        Map.of("*", 403, "only hidden fields", 400),
        (a, r) -> assertFalse("OTP".equals(r.header("WWW-Authenticate")), a.label()));
    // a star is no package write: no OTP, no 2FA needed
    ObjectNode star = Json.object();
    star.putObject("users").put("frank", true);
    assertEquals(200, client.put("/" + PKG, star, frank).status());
  }

  @Test
  @Order(2)
  void anOtpPassesAndAutomationTokensPassOnlyUnderAutomation() throws Exception {
    assertEquals(201, distTag("PUT", "next", erin, otp()).status());
    publish("3.0.0", erin, otp());
    ObjectNode d = writes.doc(PKG, erin);
    ((ObjectNode) d.at("/versions/1.0.0")).put("deprecated", "old");
    assertEquals(401, client.put("/" + PKG, d, erin).status());
    var r = client.send("PUT", "/" + PKG, Json.toBytes(d), erin, otp());
    assertEquals(200, r.status(), r.text());
    assertEquals("old", writes.doc(PKG, erin).at("/versions/1.0.0/deprecated").asText());

    setMfa("automation", erin, otp());
    assertEquals(201, distTag("PUT", "auto", erinAuto).status());
    assertEquals(200, distTag("DELETE", "auto", frankAuto).status());
    assertEquals(401, distTag("PUT", "auto", erin).status());
    assertEquals(403, distTag("PUT", "auto", frank).status());
    publish("3.1.0", frankAuto);
    // npm's one-version unpublish sends one OTP with both of its writes: the PUT uses it, and
    // the DELETE of the removed version's tarball needs none
    String[] code = otp();
    d = writes.doc(PKG, erin);
    ((ObjectNode) d.get("versions")).remove("3.0.0");
    String rev = PackageWrites.rev(d);
    assertEquals(401, client.put("/" + PKG + "/-rev/" + rev, d, erin).status());
    r = client.send("PUT", "/" + PKG + "/-rev/" + rev, Json.toBytes(d), erin, code);
    assertEquals(200, r.status(), r.text());
    rev = PackageWrites.rev(writes.doc(PKG, erin));
    r = client.send("DELETE", "/" + PKG + "/-/" + PKG + "-3.0.0.tgz/-rev/" + rev, null, erin, code);
    assertEquals(200, r.status(), r.text());
    assertEquals(404, client.get("/" + PKG + "/-/" + PKG + "-3.0.0.tgz").status());
    r = client.send("DELETE", "/" + PKG + "/-/" + PKG + "-3.0.0.tgz/-rev/" + rev, null, bob);
    assertEquals(403, r.status(), "a removed version's tarball is still only its owners' business");

    setMfa("none", frankAuto);
    assertEquals(201, distTag("PUT", "plain", frank).status());
    assertEquals(200, distTag("DELETE", "plain", erin).status());
  }
}
