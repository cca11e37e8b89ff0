package dev.quoll.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import dev.quoll.registry.Registry;
import dev.quoll.registry.accounts.Totp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Package governance under the real npm CLI (issue 5), in order on one server and one npm cache,
 * from two users' seats (alice and bob, each with their own user config): owners, only owners
 * write, @user scopes, private scoped packages (404 for others, npm access get/set status),
 * deprecate with the install warning, undeprecate, star/unstar/stars, unpublish of one version and
 * of the whole package with its tombstone, and the refusals of each.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NpmGovernanceTest {
  private static Path tmp;
  private static Registry registry;
  private static NpmCli alice;
  private static NpmCli bob;
  private static Path work;
  private static Path pkg;
  private static final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
  private static final Map<String, String> tokens = new java.util.HashMap<>();

  @BeforeAll
  static void start() throws Exception {
    NpmRequirement.check();
    tmp = Files.createTempDirectory("quoll-e2e-governance");
    registry = TestRegistry.start(tmp, Map.of("admins", "carol"), log::add);
    alice = seat("alice");
    bob = seat("bob");
    seat("carol");
    work = Files.createDirectories(tmp.resolve("work"));
    pkg = Files.createDirectories(tmp.resolve("pkg"));
    Files.writeString(pkg.resolve("index.js"), "module.exports = 1;\n");
  }

  @AfterAll
  static void stop() throws Exception {
    if (registry != null) {
      try {
        registry.close();
      } catch (Exception e) {
        Thread.getAllStackTraces()
            .forEach(
                (t, st) -> {
                  System.err.println("THREAD " + t.getName());
                  for (var f : st) {
                    System.err.println("   " + f);
                  }
                });
        throw e;
      }
    }
    if (tmp != null) {
      TestRegistry.deleteTree(tmp);
    }
  }

  /** Signs a user up over HTTP and gives them an npm with their own user config. */
  private static NpmCli seat(String name) throws Exception {
    NpmSeat seat = NpmSeat.signUp(registry, tmp, name);
    tokens.put(name, seat.token());
    return seat.npm();
  }

  private static void version(String name, String v) throws Exception {
    Files.writeString(
        pkg.resolve("package.json"), "{\"name\":\"" + name + "\",\"version\":\"" + v + "\"}");
  }

  private static NpmCli.Result ok(NpmCli cli, Path dir, String... args) throws Exception {
    NpmCli.Result r = cli.run(dir, args);
    assertEquals(0, r.exit(), "npm " + String.join(" ", args) + "\n" + r.output());
    return r;
  }

  private static NpmCli.Result fails(NpmCli cli, Path dir, String... args) throws Exception {
    NpmCli.Result r = cli.run(dir, args);
    assertNotEquals(0, r.exit(), "npm " + String.join(" ", args) + " should fail\n" + r.output());
    return r;
  }

  @Test
  @Order(1)
  void onlyOwnersPublishAndOwnersChange() throws Exception {
    version("gov-pkg", "1.0.0");
    ok(alice, pkg, "publish");
    version("gov-pkg", "1.1.0");
    ok(alice, pkg, "publish");
    version("gov-pkg", "1.2.0");
    NpmCli.Result r = fails(bob, pkg, "publish");
    assertTrue(r.output().contains("403") && r.output().contains("not a maintainer"), r.output());
    assertEquals(
        "alice <alice@example.org>", ok(bob, work, "owner", "ls", "gov-pkg").output().strip());
    r = fails(bob, work, "owner", "add", "bob", "gov-pkg");
    assertTrue(r.output().contains("403"), r.output());
    r = fails(alice, work, "owner", "add", "nobody", "gov-pkg");
    assertTrue(r.output().contains("404"), r.output());
    ok(alice, work, "owner", "add", "bob", "gov-pkg");
    assertEquals(
        "alice <alice@example.org>\nbob <bob@example.org>",
        ok(alice, work, "owner", "ls", "gov-pkg").output().strip());
    ok(bob, pkg, "publish");
    ok(bob, work, "owner", "rm", "alice", "gov-pkg");
    r = fails(bob, work, "owner", "rm", "bob", "gov-pkg");
    assertTrue(r.output().contains("Cannot remove all owners"), r.output());
    version("gov-pkg", "1.3.0");
    r = fails(alice, pkg, "publish");
    assertTrue(r.output().contains("403"), r.output());
  }

  @Test
  @Order(2)
  void scopesOfOtherUsersAreRefused() throws Exception {
    version("@alice/tool", "1.0.0");
    NpmCli.Result r = fails(bob, pkg, "publish", "--access", "public");
    assertTrue(r.output().contains("belongs to the user alice"), r.output());
    ok(alice, pkg, "publish", "--access", "public");
  }

  @Test
  @Order(3)
  void scopedPackagesArePrivateUnlessPublishedPublic() throws Exception {
    version("@alice/hidden", "1.0.0");
    ok(alice, pkg, "publish");
    NpmCli.Result r = fails(bob, work, "view", "@alice/hidden");
    assertTrue(r.output().contains("E404"), r.output());
    r = fails(bob, work, "install", "@alice/hidden");
    assertTrue(r.output().contains("E404"), r.output());
    assertEquals("1.0.0", ok(alice, work, "view", "@alice/hidden", "version").output().strip());
    assertTrue(
        ok(alice, work, "access", "get", "status", "@alice/hidden").output().contains("private"));
    assertTrue(
        ok(alice, work, "access", "list", "collaborators", "@alice/hidden")
            .output()
            .contains("alice: read-write"));
    assertTrue(
        ok(alice, work, "access", "list", "packages", "alice")
            .output()
            .contains("@alice/hidden: read-write"));
    assertFalse(
        ok(bob, work, "access", "list", "packages", "alice").output().contains("@alice/hidden"));
    r = fails(bob, work, "access", "set", "status=public", "@alice/hidden");
    assertTrue(r.output().contains("404"), r.output());
    ok(alice, work, "access", "set", "status=public", "@alice/hidden");
    assertEquals("1.0.0", ok(bob, work, "view", "@alice/hidden", "version").output().strip());
    assertTrue(
        ok(bob, work, "access", "get", "status", "@alice/hidden").output().contains("public"));
  }

  @Test
  @Order(4)
  void deprecateWarnsOnInstallAndUndeprecateClears() throws Exception {
    NpmCli.Result r = fails(alice, work, "deprecate", "gov-pkg@1.0.0", "no longer");
    assertTrue(r.output().contains("403"), r.output());
    ok(bob, work, "deprecate", "gov-pkg@<1.1.0", "please use 1.2");
    Path app = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(app.resolve("package.json"), "{\"name\":\"app\",\"version\":\"1.0.0\"}");
    r = ok(alice, app, "install", "gov-pkg@1.0.0");
    assertTrue(
        r.output().contains("npm warn deprecated gov-pkg@1.0.0: please use 1.2"), r.output());
    assertEquals(
        "please use 1.2", ok(alice, work, "view", "gov-pkg@1.0.0", "deprecated").output().strip());
    ok(bob, work, "undeprecate", "gov-pkg@1.0.0");
    assertEquals("", ok(alice, work, "view", "gov-pkg@1.0.0", "deprecated").output().strip());
  }

  @Test
  @Order(5)
  void starUnstarAndStars() throws Exception {
    ok(alice, work, "star", "gov-pkg");
    assertTrue(ok(alice, work, "stars").output().contains("gov-pkg"));
    assertTrue(ok(bob, work, "stars", "alice").output().contains("gov-pkg"));
    assertFalse(ok(bob, work, "stars").output().contains("gov-pkg"));
    ok(alice, work, "unstar", "gov-pkg");
    assertFalse(ok(alice, work, "stars").output().contains("gov-pkg"));
  }

  @Test
  @Order(6)
  void unpublishOneVersionThenAll() throws Exception {
    NpmCli.Result r = fails(alice, work, "unpublish", "gov-pkg@1.2.0");
    assertTrue(r.output().contains("403"), r.output());
    ok(bob, work, "unpublish", "gov-pkg@1.2.0");
    assertEquals(
        "[ '1.0.0', '1.1.0' ]", ok(alice, work, "view", "gov-pkg", "versions").output().strip());
    version("gov-pkg", "1.2.0");
    r = fails(bob, pkg, "publish");
    assertTrue(r.output().contains("previously published"), r.output());
    ok(bob, work, "unpublish", "gov-pkg", "--force");
    r = fails(alice, work, "view", "gov-pkg");
    assertTrue(r.output().contains("E404"), r.output());
    // the placeholder holds the name against everybody, its former owner included
    version("gov-pkg", "5.0.0");
    for (NpmCli who : new NpmCli[] {alice, bob}) {
      r = fails(who, pkg, "publish");
      assertTrue(r.output().contains("403"), r.output());
      assertTrue(
          r.output().contains("held by a placeholder")
              && r.output().contains("until a registry admin releases it"),
          r.output());
    }
  }

  /** Runs {@code quoll admin <args>} in-process with an admin's token; returns the exit code. */
  private static int quollAdmin(String user, String... args) {
    var all = new java.util.ArrayList<>(java.util.List.of("admin"));
    all.addAll(java.util.List.of(args));
    all.addAll(
        java.util.List.of(
            "--registry", registry.baseUrl().toString(), "--token", tokens.get(user)));
    return dev.quoll.cli.QuollCommand.commandLine().execute(all.toArray(String[]::new));
  }

  @Test
  @Order(7)
  void adminsReleaseNamesAndDeactivateUsers() throws Exception {
    version("gov-pkg", "6.0.0");
    fails(alice, pkg, "publish");
    assertEquals(1, quollAdmin("bob", "release", "gov-pkg"));
    assertEquals(0, quollAdmin("carol", "release", "gov-pkg"));
    ok(alice, pkg, "publish");
    assertEquals(
        "alice <alice@example.org>", ok(bob, work, "owner", "ls", "gov-pkg").output().strip());
    assertEquals("bob", ok(bob, work, "whoami").output().strip());
    assertEquals(0, quollAdmin("carol", "deactivate", "bob"));
    NpmCli.Result r = fails(bob, work, "whoami");
    assertTrue(r.output().contains("401"), r.output());
    // a deactivated account can be reactivated; its old tokens stay revoked
    assertEquals(1, quollAdmin("bob", "reactivate", "bob"));
    assertEquals(0, quollAdmin("carol", "reactivate", "bob"));
    assertEquals(1, quollAdmin("carol", "reactivate", "bob"));
    r = fails(bob, work, "whoami");
    assertTrue(r.output().contains("401"), r.output());
  }

  /** Turns on 2FA in auth-only mode for a seat's account over HTTP; returns its recovery codes. */
  private static java.util.Deque<String> enableAuthOnly2fa(String user) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    java.util.function.Function<ObjectNode, HttpResponse<String>> post =
        body -> {
          try {
            return http.send(
                HttpRequest.newBuilder(URI.create(registry.baseUrl() + "-/npm/v1/user"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + tokens.get(user))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.toBytes(body)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        };
    ObjectNode enable = Json.object();
    enable.putObject("tfa").put("mode", "auth-only").put("password", user + "-long-password-1");
    HttpResponse<String> started = post.apply(enable);
    assertEquals(200, started.statusCode(), started.body());
    String secret =
        Json.parse(started.body()).get("tfa").asText().replaceAll(".*secret=([A-Z2-7]+).*", "$1");
    ObjectNode confirm = Json.object();
    confirm
        .putArray("tfa")
        .add(Totp.codeAt(secret, Instant.now().getEpochSecond() / Totp.STEP_SECONDS - 1));
    HttpResponse<String> confirmed = post.apply(confirm);
    assertEquals(200, confirmed.statusCode(), confirmed.body());
    java.util.Deque<String> codes = new java.util.ArrayDeque<>();
    Json.parse(confirmed.body()).get("tfa").forEach(c -> codes.add(c.asText()));
    return codes;
  }

  @Test
  @Order(8)
  void packageMfaGuardsEveryWrite() throws Exception {
    NpmCli dora = seat("dora");
    version("mfa-e2e", "1.0.0");
    ok(dora, pkg, "publish");
    version("mfa-e2e", "1.1.0");
    ok(dora, pkg, "publish");
    java.util.Deque<String> codes = enableAuthOnly2fa("dora");
    // auth-only 2FA asks for no OTP on writes until the package asks for one
    ok(dora, work, "owner", "add", "alice", "mfa-e2e");
    ok(dora, work, "access", "set", "mfa=publish", "mfa-e2e");
    version("mfa-e2e", "1.2.0");
    // alice, an owner without 2FA, is refused every write and told to enable it
    String[][] aliceWrites = {
      {"publish"},
      {"dist-tag", "add", "mfa-e2e@1.0.0", "beta"},
      {"deprecate", "mfa-e2e@1.0.0", "old"},
      {"owner", "rm", "dora", "mfa-e2e"},
      {"access", "set", "mfa=none", "mfa-e2e"},
      {"unpublish", "mfa-e2e@1.1.0"},
    };
    for (String[] args : aliceWrites) {
      NpmCli.Result r = fails(alice, args[0].equals("publish") ? pkg : work, args);
      assertTrue(r.output().contains("requires two-factor authentication"), r.output());
      assertTrue(r.output().contains("npm profile enable-2fa"), r.output());
    }
    // dora, with 2FA, is challenged on each write and passes with a one-time password
    for (String[] args : aliceWrites) {
      NpmCli.Result r = fails(dora, args[0].equals("publish") ? pkg : work, args);
      // npm owner wraps the challenge in EOWNERMUTATE with the server's message
      assertTrue(r.output().contains("EOTP") || r.output().contains("OTP required"), r.output());
    }
    ok(dora, work, "dist-tag", "add", "mfa-e2e@1.0.0", "beta", "--otp=" + codes.pop());
    ok(dora, work, "deprecate", "mfa-e2e@1.0.0", "old", "--otp=" + codes.pop());
    ok(dora, pkg, "publish", "--otp=" + codes.pop());
    // the unpublish dance sends the one code with both of its writes
    ok(dora, work, "unpublish", "mfa-e2e@1.2.0", "--otp=" + codes.pop());
    assertEquals(
        "[ '1.0.0', '1.1.0' ]", ok(alice, work, "view", "mfa-e2e", "versions").output().strip());
    assertEquals("old", ok(alice, work, "view", "mfa-e2e@1.0.0", "deprecated").output().strip());
    ok(dora, work, "access", "set", "mfa=none", "mfa-e2e", "--otp=" + codes.pop());
    ok(alice, work, "dist-tag", "add", "mfa-e2e@1.1.0", "beta");
    ok(alice, work, "undeprecate", "mfa-e2e@1.0.0");
  }
}
