package dev.quoll.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.core.json.Json;
import dev.quoll.registry.Registry;
import dev.quoll.registry.accounts.PasswordHasher;
import dev.quoll.registry.config.Settings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real npm CLI (from PATH) against {@code quoll serve} running in-process on a free port with a
 * temporary data directory and {@code uplink none}: the whole publish-and-install path, in order,
 * sharing one server and one npm cache across the steps.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NpmAgainstQuollTest {
  private static Path tmp;
  private static Path data;
  private static Registry registry;
  private static NpmCli npm;
  private static final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();

  @BeforeAll
  static void start() throws Exception {
    NpmRequirement.check();
    tmp = Files.createTempDirectory("quoll-e2e");
    data = tmp.resolve("data");
    registry = startRegistry();
    npm = new NpmCli(tmp.resolve(".npmrc"), tmp.resolve("cache"), registry.baseUrl().toString());
    writePackage(
        "a",
        "{\"name\":\"quoll-e2e-a\",\"version\":\"1.0.0\",\"main\":\"index.js\"}",
        "module.exports = 'a@1.0.0';\n");
    writePackage(
        "b",
        "{\"name\":\"@alice/b\",\"version\":\"1.0.0\",\"main\":\"index.js\","
            + "\"dependencies\":{\"quoll-e2e-a\":\"^1.0.0\"}}",
        "module.exports = 'b uses ' + require('quoll-e2e-a');\n");
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

  private static Registry startRegistry() throws Exception {
    return Registry.start(
        Settings.resolve(Map.of("port", "0", "data", data.toString(), "uplink", "none"), Map.of()),
        log::add,
        PasswordHasher.Argon2Params.TEST);
  }

  private static void writePackage(String dir, String packageJson, String index) throws Exception {
    Path d = Files.createDirectories(tmp.resolve(dir));
    Files.writeString(d.resolve("package.json"), packageJson);
    Files.writeString(d.resolve("index.js"), index);
    Files.writeString(d.resolve("README.md"), "# " + dir + "\n");
  }

  private static NpmCli.Result ok(Path dir, String... args) throws Exception {
    NpmCli.Result r = npm.run(dir, args);
    assertEquals(0, r.exit(), "npm " + String.join(" ", args) + "\n" + r.output());
    return r;
  }

  private static String token() throws Exception {
    if (!Files.exists(tmp.resolve(".npmrc"))) {
      return ""; // npm logout deletes a user config it leaves empty
    }
    return Files.readAllLines(tmp.resolve(".npmrc")).stream()
        .filter(l -> l.contains(":_authToken="))
        .map(l -> l.substring(l.indexOf('=') + 1))
        .findFirst()
        .orElse("");
  }

  private static int whoamiStatus(String token) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(registry.baseUrl() + "-/whoami"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  @Order(1)
  void adduserWithLegacyPromptsThenWhoamiAndPing() throws Exception {
    NpmCli.Result r =
        npm.run(
            tmp,
            Map.of(
                "Username:", "alice",
                "Password:", "correct horse battery",
                "Email", "alice@example.org"),
            "adduser",
            "--auth-type=legacy");
    assertEquals(0, r.exit(), r.output());
    assertTrue(token().startsWith("quoll_"), "token saved in the user config");
    assertEquals("alice", ok(tmp, "whoami").output().strip());
    assertTrue(ok(tmp, "ping").output().contains("PONG"));
  }

  @Test
  @Order(2)
  void publishUnscopedAndScoped() throws Exception {
    assertTrue(ok(tmp.resolve("a"), "publish").output().contains("+ quoll-e2e-a@1.0.0"));
    assertTrue(
        ok(tmp.resolve("b"), "publish", "--access", "public")
            .output()
            .contains("+ @alice/b@1.0.0"));
  }

  @Test
  @Order(3)
  void republishIsRefusedWith403() throws Exception {
    Files.writeString(tmp.resolve("a/index.js"), "module.exports = 'changed';\n");
    NpmCli.Result r = npm.run(tmp.resolve("a"), "publish", "--force");
    Files.writeString(tmp.resolve("a/index.js"), "module.exports = 'a@1.0.0';\n");
    assertNotEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("403"), r.output());
    assertTrue(r.output().contains("You cannot publish over the previously published versions"));
  }

  @Test
  @Order(4)
  void publishWithATagAndManageDistTags() throws Exception {
    Files.writeString(
        tmp.resolve("a/package.json"),
        "{\"name\":\"quoll-e2e-a\",\"version\":\"2.0.0-beta.1\",\"main\":\"index.js\"}");
    ok(tmp.resolve("a"), "publish", "--tag", "beta");
    String ls = ok(tmp, "dist-tag", "ls", "quoll-e2e-a").output();
    assertTrue(ls.contains("beta: 2.0.0-beta.1") && ls.contains("latest: 1.0.0"), ls);
    ok(tmp, "dist-tag", "add", "quoll-e2e-a@1.0.0", "stable");
    assertTrue(ok(tmp, "dist-tag", "ls", "quoll-e2e-a").output().contains("stable: 1.0.0"));
    ok(tmp, "dist-tag", "rm", "quoll-e2e-a", "stable");
    assertFalse(ok(tmp, "dist-tag", "ls", "quoll-e2e-a").output().contains("stable"));
  }

  @Test
  @Order(5)
  void viewShowsTheDocument() throws Exception {
    JsonNode view = Json.parse(ok(tmp, "view", "quoll-e2e-a", "--json").output());
    assertEquals("1.0.0", view.get("version").asText());
    assertEquals(Json.parse("[\"1.0.0\",\"2.0.0-beta.1\"]"), view.get("versions"));
    assertEquals("2.0.0-beta.1", view.at("/dist-tags/beta").asText());
    assertEquals(
        registry.baseUrl() + "quoll-e2e-a/-/quoll-e2e-a-1.0.0.tgz",
        view.at("/dist/tarball").asText());
  }

  @Test
  @Order(6)
  void installIntoAFreshProjectThenCiFromTheLockfileWithAnEmptyCache() throws Exception {
    Path app = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(app.resolve("package.json"), "{\"name\":\"app\",\"version\":\"1.0.0\"}");
    ok(app, "install", "@alice/b");
    JsonNode lock = Json.parse(Files.readString(app.resolve("package-lock.json")));
    assertEquals(
        registry.baseUrl() + "quoll-e2e-a/-/quoll-e2e-a-1.0.0.tgz",
        lock.at("/packages/node_modules~1quoll-e2e-a/resolved").asText());
    assertEquals(
        registry.baseUrl() + "@alice/b/-/b-1.0.0.tgz",
        lock.at("/packages/node_modules~1@alice~1b/resolved").asText());
    deleteTree(app.resolve("node_modules"));
    npm.cache(tmp.resolve("cache-ci"));
    try {
      ok(app, "ci");
    } finally {
      npm.cache(tmp.resolve("cache"));
    }
    Process node =
        new ProcessBuilder("node", "-p", "require('@alice/b')")
            .directory(app.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(node.getInputStream().readAllBytes()).strip();
    assertEquals(0, node.waitFor());
    assertEquals("b uses a@1.0.0", out);
    assertTrue(
        log.stream().anyMatch(l -> l.contains(" GET /quoll-e2e-a/-/quoll-e2e-a-1.0.0.tgz 200 ")));
  }

  @Test
  @Order(7)
  void logoutRevokesTheToken() throws Exception {
    String token = token();
    assertEquals(200, whoamiStatus(token));
    ok(tmp, "logout");
    assertEquals("", token());
    assertEquals(401, whoamiStatus(token));
    assertFalse(log.stream().anyMatch(l -> l.contains(token)), "no token in the request log");
  }

  @Test
  @Order(8)
  void aRestartOnTheSameDataDirectoryKeepsEverything() throws Exception {
    registry.close();
    registry = startRegistry();
    npm.registry(registry.baseUrl().toString());
    JsonNode view = Json.parse(ok(tmp, "view", "@alice/b", "--json").output());
    assertEquals("1.0.0", view.get("version").asText());
    assertEquals(registry.baseUrl() + "@alice/b/-/b-1.0.0.tgz", view.at("/dist/tarball").asText());
    Path app2 = Files.createDirectories(tmp.resolve("app2"));
    Files.writeString(app2.resolve("package.json"), "{\"name\":\"app2\",\"version\":\"1.0.0\"}");
    npm.cache(tmp.resolve("cache-restart"));
    ok(app2, "install", "quoll-e2e-a@beta");
    assertTrue(Files.exists(app2.resolve("node_modules/quoll-e2e-a/package.json")));
    NpmCli.Result login =
        npm.run(
            tmp,
            Map.of("Username:", "alice", "Password:", "correct horse battery"),
            "login",
            "--auth-type=legacy");
    assertEquals(0, login.exit(), login.output());
    assertEquals("alice", ok(tmp, "whoami").output().strip());
  }

  private static void deleteTree(Path p) throws Exception {
    try (Stream<Path> s = Files.walk(p)) {
      s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
