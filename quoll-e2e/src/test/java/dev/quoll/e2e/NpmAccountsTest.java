package dev.quoll.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.core.json.Json;
import dev.quoll.registry.Registry;
import dev.quoll.registry.accounts.PasswordHasher;
import dev.quoll.registry.accounts.Totp;
import dev.quoll.registry.config.Settings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Accounts and security under the real npm CLI (issue 4), in order on one server and one npm cache:
 * sign-up, profile get/set, token create/list/revoke (read-only, CIDR), enable-2fa with the TOTP
 * code computed here, publish with and without {@code --otp}, a reused code refused, login with
 * 2FA, recovery codes, disable-2fa, password change revoking tokens; finally every secret the test
 * used is looked for in the server's log lines and in every file of its data directory.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NpmAccountsTest {
  private static final String USER = "dora";
  private static final String PASSWORD = "dora-explores-42";
  private static final String NEW_PASSWORD = "dora-new-secret-77";
  private static Path tmp;
  private static Path data;
  private static Registry registry;
  private static NpmCli npm;
  private static final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
  private static final List<String> secrets = new ArrayList<>(List.of(PASSWORD, NEW_PASSWORD));
  private static String totpSecret;
  private static final List<String> recoveryCodes = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    NpmRequirement.check();
    tmp = Files.createTempDirectory("quoll-e2e-accounts");
    data = tmp.resolve("data");
    registry =
        Registry.start(
            Settings.resolve(
                Map.of("port", "0", "data", data.toString(), "uplink", "none"), Map.of()),
            log::add,
            PasswordHasher.Argon2Params.TEST);
    npm = new NpmCli(tmp.resolve(".npmrc"), tmp.resolve("cache"), registry.baseUrl().toString());
    Files.createDirectories(tmp.resolve("elsewhere"));
    Path pkg = Files.createDirectories(tmp.resolve("pkg"));
    Files.writeString(pkg.resolve("index.js"), "module.exports = 1;\n");
    version(pkg, "1.0.0");
  }

  @AfterAll
  static void stop() throws Exception {
    if (registry != null) {
      registry.close();
    }
    if (tmp != null) {
      try (Stream<Path> s = Files.walk(tmp)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void version(Path pkg, String v) throws Exception {
    Files.writeString(
        pkg.resolve("package.json"), "{\"name\":\"dora-pkg\",\"version\":\"" + v + "\"}");
  }

  /** Runs npm in tmp, whose .npmrc (the main user config) is also the project config there. */
  private static NpmCli.Result ok(NpmCli cli, String... args) throws Exception {
    NpmCli.Result r = cli.run(cli == npm ? tmp : tmp.resolve("elsewhere"), args);
    assertEquals(0, r.exit(), "npm " + String.join(" ", args) + "\n" + r.output());
    return r;
  }

  private static NpmCli.Result fails(NpmCli cli, Path dir, String... args) throws Exception {
    NpmCli.Result r = cli.run(dir, args);
    assertNotEquals(
        0,
        r.exit(),
        "npm "
            + String.join(" ", args)
            + " should fail\n"
            + r.output()
            + "\n"
            + String.join("\n", log));
    return r;
  }

  /** An npm with its own user config holding only the given token. */
  private static NpmCli withToken(String name, String token) throws Exception {
    Path rc = tmp.resolve(".npmrc-" + name);
    String host = registry.baseUrl().toString().replaceFirst("^https?:", "");
    Files.writeString(rc, host + ":_authToken=" + token + "\n");
    return new NpmCli(rc, tmp.resolve("cache"), registry.baseUrl().toString());
  }

  private static String code(int offset) {
    return Totp.codeAt(totpSecret, Instant.now().getEpochSecond() / Totp.STEP_SECONDS + offset);
  }

  private static String createdToken(NpmCli.Result r) {
    Matcher m = Pattern.compile("Created token (quoll_[A-Za-z0-9]+)").matcher(r.output());
    assertTrue(m.find(), r.output());
    secrets.add(m.group(1));
    return m.group(1);
  }

  @Test
  @Order(1)
  void signUpRefusesAWeakPasswordThenCreatesTheAccount() throws Exception {
    NpmCli.Result weak =
        npm.run(
            tmp,
            Map.of("Username:", USER, "Password:", "password123", "Email", "dora@example.org"),
            "adduser",
            "--auth-type=legacy");
    assertNotEquals(0, weak.exit(), weak.output());
    assertTrue(weak.output().contains("too common"), weak.output());
    NpmCli.Result r =
        npm.run(
            tmp,
            Map.of("Username:", USER, "Password:", PASSWORD, "Email", "dora@example.org"),
            "adduser",
            "--auth-type=legacy");
    assertEquals(0, r.exit(), r.output());
    assertEquals(USER, ok(npm, "whoami").output().strip());
  }

  @Test
  @Order(2)
  void profileGetAndSet() throws Exception {
    JsonNode p = Json.parse(ok(npm, "profile", "get", "--json").output());
    assertEquals(USER, p.get("name").asText());
    assertEquals("dora@example.org", p.get("email").asText());
    assertFalse(p.get("tfa").asBoolean());
    assertTrue(
        ok(npm, "profile", "set", "fullname", "Dora Explorer")
            .output()
            .contains("Set fullname to Dora Explorer"));
    assertEquals("Dora Explorer", ok(npm, "profile", "get", "fullname").output().strip());
    String table = ok(npm, "profile", "get").output();
    assertTrue(table.contains("two-factor auth: disabled"), table);
    assertTrue(table.contains("email: dora@example.org(unverified)"), table);
  }

  @Test
  @Order(3)
  void tokensCreateListRevokeReadOnlyAndCidr() throws Exception {
    String full = createdToken(ok(npm, "token", "create", "--password", PASSWORD, "--name", "ci"));
    assertTrue(full.matches("quoll_[A-Za-z0-9]{36}"), full);
    NpmCli.Result wrong = fails(npm, tmp, "token", "create", "--password", "not-the-password");
    assertTrue(wrong.output().contains("401"), wrong.output());
    NpmCli.Result badCidr =
        fails(npm, tmp, "token", "create", "--password", PASSWORD, "--cidr", "10.0.0.0/99");
    assertTrue(badCidr.output().toLowerCase().contains("cidr"), badCidr.output());
    String readOnly =
        createdToken(
            ok(
                npm,
                "token",
                "create",
                "--password",
                PASSWORD,
                "--packages-all",
                "--packages-and-scopes-permission",
                "read-only"));
    String cidr =
        createdToken(ok(npm, "token", "create", "--password", PASSWORD, "--cidr", "192.0.2.0/24"));

    String list = ok(npm, "token", "list").output();
    assertTrue(list.contains(full.substring(0, 12) + "…"), list);
    assertTrue(list.contains("with IP whitelist: 192.0.2.0/24"), list);
    assertFalse(list.contains(full), "listing never shows a whole token");
    JsonNode json = Json.parse(ok(npm, "token", "list", "--json").output());
    assertEquals(4, json.size(), json.toString()); // the login token and three created

    NpmCli ro = withToken("ro", readOnly);
    assertEquals(USER, ok(ro, "whoami").output().strip(), "a read-only token reads");
    NpmCli.Result refused = fails(ro, tmp.resolve("pkg"), "publish");
    assertTrue(refused.output().contains("403"), refused.output());
    assertTrue(refused.output().contains("read-only"), refused.output());

    NpmCli.Result outside = fails(withToken("cidr", cidr), tmp.resolve("elsewhere"), "whoami");
    assertTrue(outside.output().contains("EAUTHIP"), outside.output());

    NpmCli fullCli = withToken("full", full);
    assertEquals(USER, ok(fullCli, "whoami").output().strip());
    String id = json.get(1).get("key").asText().substring(0, 6);
    for (JsonNode t : json) {
      if (full.startsWith(t.get("token").asText()) && "ci".equals(t.path("name").asText())) {
        id = t.get("key").asText().substring(0, 8);
      }
    }
    assertTrue(ok(npm, "token", "revoke", id).output().contains("Removed 1 token"));
    NpmCli.Result revoked = fails(fullCli, tmp.resolve("elsewhere"), "whoami");
    assertTrue(revoked.output().contains("401"), revoked.output());
    assertTrue(
        ok(npm, "token", "revoke", cidr).output().contains("Removed 1 token"),
        "revoke by the raw token");
  }

  @Test
  @Order(4)
  void enableTwoFactorWithTheCodeComputedFromTheSecret() throws Exception {
    NpmCli.Result r =
        npm.run(
            tmp,
            List.of(
                new NpmCli.Answer("npm password:", out -> PASSWORD),
                new NpmCli.Answer(
                    "And an OTP code from your authenticator:",
                    out -> {
                      Matcher m = Pattern.compile("Or enter code: ([A-Z2-7]+)").matcher(out);
                      if (!m.find()) {
                        return "000000";
                      }
                      totpSecret = m.group(1);
                      return code(-1);
                    })),
            "profile",
            "enable-2fa",
            "auth-and-writes");
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("2FA successfully enabled"), r.output());
    Matcher m = Pattern.compile("\\t([0-9a-f]{64})").matcher(r.output());
    while (m.find()) {
      recoveryCodes.add(m.group(1));
    }
    assertTrue(recoveryCodes.size() >= 8, r.output());
    secrets.add(totpSecret);
    secrets.addAll(recoveryCodes);
    String table = ok(npm, "profile", "get").output();
    assertTrue(table.contains("two-factor auth: auth-and-writes"), table);
  }

  @Test
  @Order(5)
  void loginWithTwoFactorNeedsTheCode() throws Exception {
    NpmCli.Result noCode =
        npm.run(
            tmp, Map.of("Username:", USER, "Password:", PASSWORD), "login", "--auth-type=legacy");
    assertNotEquals(0, noCode.exit(), noCode.output());
    assertTrue(noCode.output().contains("EOTP"), noCode.output());
    NpmCli.Result r =
        npm.run(
            tmp,
            Map.of("Username:", USER, "Password:", PASSWORD),
            "login",
            "--auth-type=legacy",
            "--otp=" + code(0));
    assertEquals(0, r.exit(), r.output());
    assertEquals(USER, ok(npm, "whoami").output().strip());
  }

  @Test
  @Order(6)
  void publishNeedsTheCodeAndACodeWorksOnce() throws Exception {
    Path pkg = tmp.resolve("pkg");
    NpmCli.Result without = fails(npm, pkg, "publish");
    assertTrue(without.output().contains("EOTP"), without.output());
    String c = code(1);
    NpmCli.Result with = npm.run(pkg, "publish", "--otp=" + c);
    assertEquals(0, with.exit(), with.output());
    assertTrue(with.output().contains("+ dora-pkg@1.0.0"), with.output());
    version(pkg, "1.0.1");
    NpmCli.Result reused = fails(npm, pkg, "publish", "--otp=" + c);
    assertTrue(reused.output().contains("EOTP"), reused.output());
    NpmCli.Result recovery = npm.run(pkg, "publish", "--otp=" + recoveryCodes.get(0));
    assertEquals(0, recovery.exit(), "a recovery code stands in for a code\n" + recovery.output());
    version(pkg, "1.0.2");
    NpmCli.Result again = fails(npm, pkg, "publish", "--otp=" + recoveryCodes.get(0));
    assertTrue(again.output().contains("EOTP"), again.output());
  }

  @Test
  @Order(7)
  void disableTwoFactorWithARecoveryCode() throws Exception {
    NpmCli.Result r =
        npm.run(
            tmp,
            Map.of("npm password:", PASSWORD),
            "profile",
            "disable-2fa",
            "--otp=" + recoveryCodes.get(1));
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("Two factor authentication disabled."), r.output());
    assertTrue(ok(npm, "profile", "get").output().contains("two-factor auth: disabled"));
  }

  @Test
  @Order(8)
  void passwordChangeRevokesEveryToken() throws Exception {
    NpmCli.Result r =
        npm.run(
            tmp,
            List.of(
                new NpmCli.Answer("Current password:", out -> PASSWORD),
                new NpmCli.Answer("New password:", out -> NEW_PASSWORD),
                new NpmCli.Answer("Again:", out -> NEW_PASSWORD)),
            "profile",
            "set",
            "password");
    assertEquals(0, r.exit(), r.output());
    NpmCli.Result after = fails(npm, tmp, "whoami");
    assertTrue(after.output().contains("401"), after.output());
    NpmCli.Result relogin =
        npm.run(
            tmp,
            Map.of("Username:", USER, "Password:", NEW_PASSWORD),
            "login",
            "--auth-type=legacy");
    assertEquals(0, relogin.exit(), relogin.output());
  }

  @Test
  @Order(9)
  void noSecretReachesTheLogOrTheDataDirectory() throws Exception {
    for (String line : Files.readAllLines(tmp.resolve(".npmrc"))) {
      if (line.contains(":_authToken=")) {
        secrets.add(line.substring(line.indexOf('=') + 1));
      }
    }
    String logText = String.join("\n", log);
    assertFalse(logText.isEmpty());
    List<Path> files;
    try (Stream<Path> s = Files.walk(data)) {
      files = s.filter(Files::isRegularFile).toList();
    }
    assertTrue(files.size() > 1, files.toString());
    for (String secret : secrets) {
      assertTrue(secret.length() >= 10, secret);
      assertFalse(logText.contains(secret), "the request log holds a secret");
      byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
      for (Path f : files) {
        byte[] hay = Files.readAllBytes(f);
        assertFalse(indexOf(hay, needle) >= 0, f + " holds a secret in clear text");
      }
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
