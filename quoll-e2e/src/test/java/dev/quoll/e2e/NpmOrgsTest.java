package dev.quoll.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.cli.QuollCommand;
import dev.quoll.core.json.Json;
import dev.quoll.registry.Registry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Orgs, teams, team grants and scopes under the real npm CLI (issue 5), in order on one server and
 * one npm cache, from four users' seats: ann (creates the org with {@code quoll org create}, its
 * owner), bo (admin), cy (developer) and dee (an outsider, later a member). Covers npm org
 * set/rm/ls, npm team create/destroy/add/rm/ls, npm access grant/revoke/list, publishing into user,
 * org and unowned scopes, and private org packages (404 for a member without a grant), with every
 * refusal.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NpmOrgsTest {
  private static Path tmp;
  private static Registry registry;
  private static final Map<String, NpmCli> seats = new HashMap<>();
  private static final Map<String, Path> rcs = new HashMap<>();
  private static Path pkg;

  @BeforeAll
  static void start() throws Exception {
    NpmRequirement.check();
    tmp = Files.createTempDirectory("quoll-e2e-orgs");
    registry = TestRegistry.start(tmp, Map.of(), line -> {});
    for (String u : new String[] {"ann", "bo", "cy", "dee"}) {
      seats.put(u, seat(u));
    }
    pkg = Files.createDirectories(tmp.resolve("pkg"));
    Files.writeString(pkg.resolve("index.js"), "module.exports = 1;\n");
  }

  @AfterAll
  static void stop() throws Exception {
    if (registry != null) {
      registry.close();
    }
    if (tmp != null) {
      TestRegistry.deleteTree(tmp);
    }
  }

  /** Signs a user up over HTTP and gives them an npm with their own user config. */
  private static NpmCli seat(String name) throws Exception {
    NpmSeat seat = NpmSeat.signUp(registry, tmp, name);
    rcs.put(name, seat.npmrc());
    return seat.npm();
  }

  private static NpmCli.Result ok(String who, String... args) throws Exception {
    NpmCli.Result r = seats.get(who).run(pkg, args);
    assertEquals(0, r.exit(), who + ": npm " + String.join(" ", args) + "\n" + r.output());
    return r;
  }

  private static NpmCli.Result fails(String who, String code, String... args) throws Exception {
    NpmCli.Result r = seats.get(who).run(pkg, args);
    assertNotEquals(0, r.exit(), who + ": npm " + String.join(" ", args) + " should fail");
    assertTrue(
        r.output().contains(code), who + ": npm " + String.join(" ", args) + "\n" + r.output());
    return r;
  }

  private static void version(String name, String v) throws Exception {
    Files.writeString(
        pkg.resolve("package.json"), "{\"name\":\"" + name + "\",\"version\":\"" + v + "\"}");
  }

  /** Runs {@code quoll org create} in this JVM with a user's npmrc. */
  private static int quollOrgCreate(String who, String org, StringWriter out) {
    PrintWriter w = new PrintWriter(out, true);
    return QuollCommand.commandLine()
        .setOut(w)
        .setErr(w)
        .execute(
            "org",
            "create",
            org,
            "--registry",
            registry.baseUrl().toString(),
            "--userconfig",
            rcs.get(who).toString());
  }

  @Test
  @Order(1)
  void quollOrgCreateMakesTheCallerOwnerAndOrgSetRmLsFollowTheRoles() throws Exception {
    StringWriter out = new StringWriter();
    assertEquals(0, quollOrgCreate("ann", "acme", out), out.toString());
    assertEquals("+@acme", out.toString().strip());
    out = new StringWriter();
    assertEquals(1, quollOrgCreate("bo", "acme", out), out.toString());
    assertTrue(out.toString().contains("already exists (409)"), out.toString());
    out = new StringWriter();
    assertEquals(1, quollOrgCreate("bo", "cy", out), out.toString());
    assertTrue(out.toString().contains("taken by a user (409)"), out.toString());

    NpmCli.Result r = ok("ann", "org", "set", "acme", "bo", "admin");
    assertTrue(
        r.output().contains("Added bo as admin to acme. You now have 2 members in this org."),
        r.output());
    ok("ann", "org", "set", "@acme", "cy");
    assertEquals(
        Json.parse("{\"ann\":\"owner\",\"bo\":\"admin\",\"cy\":\"developer\"}"),
        Json.parse(ok("cy", "org", "ls", "acme", "--json").output()));
    assertTrue(ok("cy", "org", "ls", "acme", "bo").output().contains("bo - admin"));
    fails("bo", "E403", "org", "set", "acme", "dee");
    fails("cy", "E403", "org", "rm", "acme", "bo");
    fails("dee", "E403", "org", "ls", "acme");
    fails("ann", "E409", "org", "rm", "acme", "ann");
    fails("ann", "E409", "org", "set", "acme", "ann", "developer");
    fails("ann", "E404", "org", "set", "acme", "nobody");
  }

  @Test
  @Order(2)
  void teamsAreManagedByOwnersAndAdmins() throws Exception {
    assertTrue(ok("bo", "team", "create", "@acme:core").output().contains("+@acme:core"));
    fails("cy", "E403", "team", "create", "@acme:web");
    fails("bo", "E409", "team", "create", "@acme:core");
    fails("bo", "E400", "team", "destroy", "@acme:developers");
    ok("bo", "team", "create", "@acme:tmp");
    assertTrue(ok("ann", "team", "destroy", "@acme:tmp").output().contains("-@acme:tmp"));
    assertTrue(
        ok("bo", "team", "add", "@acme:core", "cy").output().contains("cy added to @acme:core"));
    fails("bo", "E400", "team", "add", "@acme:core", "dee");
    fails("cy", "E403", "team", "add", "@acme:core", "bo");
    assertEquals(
        Json.parse("[\"acme:core\",\"acme:developers\"]"),
        Json.parse(ok("cy", "team", "ls", "@acme", "--json").output()));
    assertEquals(
        Json.parse("[\"ann\",\"bo\",\"cy\"]"),
        Json.parse(ok("cy", "team", "ls", "@acme:developers", "--json").output()));
    NpmCli.Result r = ok("ann", "team", "ls", "@acme:core");
    assertTrue(r.output().contains("@acme:core has 1 user:"), r.output());
  }

  @Test
  @Order(3)
  void scopesBelongToTheirUserOrOrg() throws Exception {
    version("@acme/widget", "1.0.0");
    ok("cy", "publish");
    version("@acme/gadget", "1.0.0");
    fails("dee", "E403", "publish");
    version("@ann/own", "1.0.0");
    fails("dee", "E403", "publish");
    version("@nobody-at-all/thing", "1.0.0");
    NpmCli.Result r = fails("dee", "E403", "publish");
    assertTrue(r.output().contains("is not yours"), r.output());
    version("@dee/mine", "1.0.0");
    ok("dee", "publish");
  }

  @Test
  @Order(4)
  void teamGrantsOpenAndCloseAPrivateOrgPackage() throws Exception {
    // new org packages are restricted and read-write for the developers team
    fails("dee", "E404", "view", "@acme/widget", "version");
    assertEquals("1.0.0", ok("bo", "view", "@acme/widget", "version").output().strip());
    assertEquals(
        Json.parse("{\"@acme/widget\":\"read-write\"}"),
        Json.parse(ok("cy", "access", "list", "packages", "acme:developers", "--json").output()));
    ok("ann", "org", "set", "acme", "dee");
    assertEquals("1.0.0", ok("dee", "view", "@acme/widget", "version").output().strip());
    // without a grant a member gets 404 on every surface
    ok("bo", "access", "revoke", "acme:developers", "@acme/widget");
    fails("dee", "E404", "view", "@acme/widget", "version");
    fails("dee", "E404", "dist-tag", "ls", "@acme/widget");
    fails("dee", "E404", "access", "get", "status", "@acme/widget");
    // read-only through a team: readable, not writable
    ok("bo", "team", "add", "@acme:core", "dee");
    ok("bo", "access", "grant", "read-only", "acme:core", "@acme/widget");
    assertEquals("1.0.0", ok("dee", "view", "@acme/widget", "version").output().strip());
    version("@acme/widget", "1.0.1");
    fails("dee", "E403", "publish");
    fails("cy", "E403", "access", "grant", "read-write", "acme:core", "@acme/widget");
    ok("bo", "access", "grant", "read-write", "acme:core", "@acme/widget");
    ok("dee", "publish");
    ok("dee", "dist-tag", "add", "@acme/widget@1.0.0", "stable");
    assertEquals(
        Json.parse("{\"@acme/widget\":\"read-write\"}"),
        Json.parse(ok("dee", "access", "list", "packages", "acme:core", "--json").output()));
    assertEquals(
        Json.parse("{\"@acme/widget\":\"read-write\"}"),
        Json.parse(ok("dee", "access", "list", "packages", "acme", "--json").output()));
    assertEquals(
        Json.parse("{\"@dee/mine\":\"read-write\"}"),
        Json.parse(ok("dee", "access", "list", "packages", "dee", "--json").output()));
    assertEquals(
        Json.parse("{\"cy\":\"read-write\",\"dee\":\"read-write\"}"),
        Json.parse(
            ok("ann", "access", "list", "collaborators", "@acme/widget", "--json").output()));
    // leaving the team, then the org, closes it again
    assertTrue(
        ok("bo", "team", "rm", "@acme:core", "dee")
            .output()
            .contains("dee removed from @acme:core"));
    fails("dee", "E404", "view", "@acme/widget", "version");
    ok("bo", "team", "add", "@acme:core", "dee");
    NpmCli.Result r = ok("ann", "org", "rm", "acme", "dee");
    assertTrue(
        r.output().contains("Successfully removed dee from acme. You now have 3 members"),
        r.output());
    fails("dee", "E404", "view", "@acme/widget", "version");
  }
}
