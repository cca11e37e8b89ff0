package dev.quoll.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import dev.quoll.registry.Registry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code quoll install} against Quoll's own registry, compared with {@code npm install} against the
 * same servers (issue 7: "works against any npm registry"). Two in-process registries on free
 * 127.0.0.1 ports, shared by every step: {@code home}, the default registry, holds the unscoped
 * packages of {@link PublishedSet}; {@code scoped}, named by {@code @alice:registry} in the
 * project's .npmrc, holds {@code @alice/b} (public) and {@code @alice/secret} (restricted). Every
 * package is published by the real npm CLI. The steps, in order: an install of a range, a
 * deprecated version (npm's warning), a scoped package and an aliased dist-tag, then a plain
 * dist-tag that nests a copy; the restricted package without a token (npm's E404, nothing changed)
 * and with one; and a token that must never reach another host (a recording server on another
 * port).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientAgainstQuollTest {
  private static final String APP = "{\"name\":\"app\",\"version\":\"1.0.0\"}\n";
  private static final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
  private static Path tmp;
  private static Registry home;
  private static Registry scoped;
  private static String homeToken;
  private static String scopedToken;
  private static TwinInstall twins;
  private static String scopedRc;
  private static TwinInstall.Twins installed;

  @BeforeAll
  static void start() throws Exception {
    NpmRequirement.check();
    tmp = Files.createTempDirectory("quoll-e2e-registries");
    Path homeDir = Files.createDirectories(tmp.resolve("home"));
    Path scopedDir = Files.createDirectories(tmp.resolve("scoped"));
    home = TestRegistry.start(homeDir, Map.of(), log::add);
    scoped = TestRegistry.start(scopedDir, Map.of(), log::add);
    NpmSeat homeSeat = NpmSeat.signUp(home, homeDir, "alice");
    NpmSeat scopedSeat = NpmSeat.signUp(scoped, scopedDir, "alice");
    homeToken = homeSeat.token();
    scopedToken = scopedSeat.token();
    PublishedSet.publishUnscoped(homeSeat.npm(), tmp.resolve("packages"));
    PublishedSet.publishScoped(scopedSeat.npm(), tmp.resolve("packages"), "@alice", "@alice");
    Files.writeString(tmp.resolve("npmrc"), "");
    twins = new TwinInstall(tmp.resolve("work"), home.baseUrl().toString(), tmp.resolve("npmrc"));
    scopedRc = "@alice:registry=" + scoped.baseUrl() + "\n";
  }

  @AfterAll
  static void stop() throws Exception {
    for (Registry r : new Registry[] {home, scoped}) {
      if (r != null) {
        r.close();
      }
    }
    if (tmp != null) {
      TestRegistry.deleteTree(tmp);
    }
  }

  /** {@code //127.0.0.1:<port>/:_authToken=<token>} for a registry. */
  private static String tokenLine(Registry r, String token) {
    return r.baseUrl().toString().replaceFirst("^https?:", "") + ":_authToken=" + token + "\n";
  }

  @Test
  @Order(1)
  void installsARangeADeprecatedVersionAScopedPackageAndDistTagsLikeNpm() throws Exception {
    TwinInstall.Twins t = twins.fresh("published", APP, scopedRc);
    TwinInstall.Run[] runs =
        twins.both(t, "install", "qr-a@^1.0.0", "qr-old", "@alice/b", "qr-beta@npm:qr-a@beta");
    TwinInstall.assertSame("range, deprecated, scoped, aliased tag", t, runs);
    List<String> warned = TwinInstall.lines(runs[0].output(), "npm warn deprecated");
    assertEquals(List.of("npm warn deprecated qr-old@1.0.0: " + PublishedSet.DEPRECATION), warned);
    assertEquals(warned, TwinInstall.lines(runs[1].output(), "npm warn deprecated"));
    JsonNode lock = Json.parse(Files.readString(t.quoll().resolve("package-lock.json")));
    assertEquals(
        scoped.baseUrl() + "@alice/b/-/b-1.0.0.tgz",
        lock.at("/packages/node_modules~1@alice~1b/resolved").asText());
    assertEquals(
        home.baseUrl() + "qr-a/-/qr-a-1.1.0.tgz",
        lock.at("/packages/node_modules~1qr-a/resolved").asText());

    // a plain dist-tag: qr-a@beta moves qr-a to 2.0.0-beta.1 and nests 1.1.0 under @alice/b
    runs = twins.both(t, "install", "qr-a@beta");
    TwinInstall.assertSame("dist-tag", t, runs);
    assertEquals(
        "1.1.0", TwinInstall.onDisk(t.quoll()).get("node_modules/@alice/b/node_modules/qr-a"));
    twins.assertCiAcceptsTheOthersLockfile("published", t);
    installed = t;
  }

  @Test
  @Order(2)
  void aRestrictedPackageWithoutATokenFailsWithNpmsE404AndChangesNothing() throws Exception {
    TwinInstall.Twins t = installed;
    String pkg = Files.readString(t.quoll().resolve("package.json"));
    String lock = Files.readString(t.quoll().resolve("package-lock.json"));
    Map<String, String> disk = TwinInstall.onDisk(t.quoll());
    TwinInstall.Run[] runs = twins.both(t, "install", "@alice/secret");
    assertNotEquals(0, runs[0].exit(), "npm must fail:\n" + runs[0].output());
    assertEquals(runs[0].exit(), runs[1].exit(), "exit code\n" + runs[1].output());
    List<String> npmLine =
        TwinInstall.lines(runs[0].output(), "npm error 404 ").stream()
            .map(l -> l.substring("npm error ".length()))
            .filter(l -> l.contains(" - GET "))
            .toList();
    assertEquals(
        List.of("404 Not Found - GET " + scoped.baseUrl() + "@alice%2fsecret - Not found"),
        npmLine,
        runs[0].output());
    assertTrue(
        runs[1].output().contains(npmLine.get(0)),
        "quoll must print npm's line " + npmLine.get(0) + ":\n" + runs[1].output());
    String resource =
        "The requested resource '@alice/secret@*' could not be found or you do not have"
            + " permission to access it.";
    assertTrue(runs[0].output().contains("npm error 404  " + resource), runs[0].output());
    assertTrue(runs[1].output().contains("\n" + resource + "\n"), runs[1].output());
    assertEquals(pkg, Files.readString(t.quoll().resolve("package.json")));
    assertEquals(lock, Files.readString(t.quoll().resolve("package-lock.json")));
    assertEquals(disk, TwinInstall.onDisk(t.quoll()));
  }

  @Test
  @Order(3)
  void aRestrictedPackageInstallsWithTheRegistrysToken() throws Exception {
    TwinInstall.Twins t = installed;
    for (Path d : List.of(t.npm(), t.quoll())) {
      Files.writeString(d.resolve(".npmrc"), scopedRc + tokenLine(scoped, scopedToken));
    }
    TwinInstall.Run[] runs = twins.both(t, "install", "@alice/secret");
    TwinInstall.assertSame("restricted with token", t, runs);
    assertEquals(
        "1.0.0", TwinInstall.onDisk(t.quoll()).get("node_modules/@alice/secret/node_modules/qr-a"));
    twins.assertCiAcceptsTheOthersLockfile("secret", t);
  }

  @Test
  @Order(4)
  void tokensAreNeverSentToAnotherHost() throws Exception {
    try (RecordingServer other = new RecordingServer()) {
      other.serve("/t/qr-a-1.0.0.tgz", get(home.baseUrl() + "qr-a/-/qr-a-1.0.0.tgz", ""));
      other.serve(
          "/t/secret-1.0.0.tgz",
          get(scoped.baseUrl() + "@alice/secret/-/secret-1.0.0.tgz", scopedToken));
      String rc = scopedRc + tokenLine(home, homeToken) + tokenLine(scoped, scopedToken);
      // fresh caches, so every tarball is fetched
      TwinInstall fresh =
          new TwinInstall(
              tmp.resolve("work-other-host"), home.baseUrl().toString(), tmp.resolve("npmrc"));

      // a remote tarball spec on another port of the same address
      TwinInstall.Twins t = fresh.fresh("remote", APP, rc);
      TwinInstall.Run[] runs = fresh.both(t, "install", other.url("/t/qr-a-1.0.0.tgz"));
      TwinInstall.assertSame("remote tarball", t, runs);

      // a lockfile whose restricted package resolves to the other host
      Path ci = Files.createDirectories(tmp.resolve("work-other-host/ci"));
      Files.writeString(ci.resolve(".npmrc"), rc);
      Files.copy(installed.quoll().resolve("package.json"), ci.resolve("package.json"));
      ObjectNode lock =
          (ObjectNode) Json.parse(Files.readString(installed.quoll().resolve("package-lock.json")));
      ((ObjectNode) lock.at("/packages/node_modules~1@alice~1secret"))
          .put("resolved", other.url("/t/secret-1.0.0.tgz"));
      Files.writeString(ci.resolve("package-lock.json"), Json.stringify(lock));
      TwinInstall.Run run = fresh.quoll(ci, "ci");
      assertEquals(0, run.exit(), run.output());
      assertEquals("1.0.0", TwinInstall.onDisk(ci).get("node_modules/@alice/secret"), "installed");

      // a tarball host that holds a token and redirects to another port: the token goes to the
      // first (its nerf dart matches) and is not carried over the redirect (java.net.http drops
      // authorization when the origin changes; npm drops it only when the host name changes)
      try (RecordingServer front = new RecordingServer()) {
        front.redirect("/t/qr-a-1.0.0.tgz", other.url("/t/qr-a-1.0.0.tgz"));
        String frontToken = "front-token-1";
        String frontLine =
            front.url("/").replaceFirst("^https?:", "") + ":_authToken=" + frontToken + "\n";
        Path q = fresh.fresh("redirect", APP, rc + frontLine).quoll();
        TwinInstall.Run r = fresh.quoll(q, "install", front.url("/t/qr-a-1.0.0.tgz"));
        assertEquals(0, r.exit(), r.output());
        assertEquals("1.0.0", TwinInstall.onDisk(q).get("node_modules/qr-a"));
        assertEquals(
            List.of(
                new RecordingServer.Request("GET", "/t/qr-a-1.0.0.tgz", "Bearer " + frontToken)),
            front.requests().stream().distinct().toList());
      }

      List<RecordingServer.Request> seen = other.requests();
      assertTrue(
          seen.stream().anyMatch(r -> r.path().equals("/t/secret-1.0.0.tgz")),
          "quoll ci fetched the tarball from the other host: " + seen);
      assertEquals(
          List.of(),
          seen.stream().filter(r -> !r.authorization().isEmpty()).toList(),
          "credentials sent to another host");
    }
    assertFalse(
        log.stream().anyMatch(l -> l.contains(homeToken) || l.contains(scopedToken)),
        "no token in the request log");
  }

  private static byte[] get(String url, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (!token.isEmpty()) {
      b.header("authorization", "Bearer " + token);
    }
    HttpResponse<byte[]> r =
        HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode(), url);
    return r.body();
  }
}
