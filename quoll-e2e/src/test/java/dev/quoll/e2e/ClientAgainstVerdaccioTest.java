package dev.quoll.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code quoll install} against Verdaccio ({@link VerdaccioProcess}: the pinned 6.x on a free
 * 127.0.0.1 port, htpasswd auth, no uplinks), compared with {@code npm install} against the same
 * server (issue 7: "works against any npm registry"). The packages of {@link PublishedSet} are
 * published by the real npm CLI with a token from an htpasswd sign-up; {@code @team} is named by
 * {@code @team:registry} in the project .npmrc; {@code @private/secret} may only be read with a
 * token. One server for the class, stopped in {@code @AfterAll}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientAgainstVerdaccioTest {
  private static final String APP = "{\"name\":\"app\",\"version\":\"1.0.0\"}\n";
  private static Path tmp;
  private static VerdaccioProcess verdaccio;
  private static String token;
  private static TwinInstall twins;
  private static String projectRc;
  private static TwinInstall.Twins installed;

  @BeforeAll
  static void start() throws Exception {
    NpmRequirement.check();
    tmp = Files.createTempDirectory("quoll-e2e-verdaccio");
    verdaccio = VerdaccioProcess.start(Files.createDirectories(tmp.resolve("server")));
    token = verdaccio.signUp("alice");
    Path publisherRc = tmp.resolve("npmrc-alice");
    Files.writeString(publisherRc, tokenLine());
    NpmCli publisher = new NpmCli(publisherRc, tmp.resolve("cache"), verdaccio.url());
    PublishedSet.publishUnscoped(publisher, tmp.resolve("packages"));
    PublishedSet.publishScoped(publisher, tmp.resolve("packages"), "@team", "@private");
    Files.writeString(tmp.resolve("npmrc"), "");
    twins = new TwinInstall(tmp.resolve("work"), verdaccio.url(), tmp.resolve("npmrc"));
    projectRc = "@team:registry=" + verdaccio.url() + "\n";
  }

  @AfterAll
  static void stop() throws Exception {
    if (verdaccio != null) {
      verdaccio.close();
    }
    if (tmp != null) {
      TestRegistry.deleteTree(tmp);
    }
  }

  private static String tokenLine() {
    return verdaccio.url().replaceFirst("^https?:", "") + ":_authToken=" + token + "\n";
  }

  @Test
  @Order(1)
  void installsARangeADeprecatedVersionAScopedPackageAndDistTagsLikeNpm() throws Exception {
    TwinInstall.Twins t = twins.fresh("published", APP, projectRc);
    TwinInstall.Run[] runs =
        twins.both(t, "install", "qr-a@^1.0.0", "qr-old", "@team/b", "qr-beta@npm:qr-a@beta");
    TwinInstall.assertSame("range, deprecated, scoped, aliased tag", t, runs);
    List<String> warned = TwinInstall.lines(runs[0].output(), "npm warn deprecated");
    assertEquals(List.of("npm warn deprecated qr-old@1.0.0: " + PublishedSet.DEPRECATION), warned);
    assertEquals(warned, TwinInstall.lines(runs[1].output(), "npm warn deprecated"));
    JsonNode lock = Json.parse(Files.readString(t.quoll().resolve("package-lock.json")));
    assertEquals(
        verdaccio.url() + "@team/b/-/b-1.0.0.tgz",
        lock.at("/packages/node_modules~1@team~1b/resolved").asText());

    runs = twins.both(t, "install", "qr-a@beta");
    TwinInstall.assertSame("dist-tag", t, runs);
    assertEquals(
        "1.1.0", TwinInstall.onDisk(t.quoll()).get("node_modules/@team/b/node_modules/qr-a"));
    twins.assertCiAcceptsTheOthersLockfile("published", t);
    installed = t;
  }

  @Test
  @Order(2)
  void aProtectedPackageWithoutATokenFailsAsNpmDoesAndChangesNothing() throws Exception {
    TwinInstall.Twins t = installed;
    String pkg = Files.readString(t.quoll().resolve("package.json"));
    String lock = Files.readString(t.quoll().resolve("package-lock.json"));
    Map<String, String> disk = TwinInstall.onDisk(t.quoll());
    TwinInstall.Run[] runs = twins.both(t, "install", "@private/secret");
    assertNotEquals(0, runs[0].exit(), "npm must fail:\n" + runs[0].output());
    assertEquals(runs[0].exit(), runs[1].exit(), "exit code\n" + runs[1].output());
    // Verdaccio answers 401 to an anonymous read of a protected package, with WWW-Authenticate
    // "Basic, Bearer" (its final middleware): npm's code is E401, and its text is the one for a
    // Bearer challenge; quoll prints npm's lines, the first with the code
    assertEquals(
        List.of("npm error code E401"), TwinInstall.lines(runs[0].output(), "npm error code"));
    List<String> npmText =
        TwinInstall.lines(runs[0].output(), "npm error ").stream()
            .map(l -> l.substring("npm error ".length()).strip())
            .filter(l -> !l.startsWith("code ") && !l.startsWith("A complete log"))
            .toList();
    assertFalse(npmText.isEmpty(), runs[0].output());
    assertTrue(
        runs[1].output().contains("quoll install: " + npmText.get(0) + " (E401)"),
        runs[1].output());
    for (String line : npmText) {
      assertTrue(runs[1].output().contains(line), line + " missing in:\n" + runs[1].output());
    }
    assertEquals(pkg, Files.readString(t.quoll().resolve("package.json")));
    assertEquals(lock, Files.readString(t.quoll().resolve("package-lock.json")));
    assertEquals(disk, TwinInstall.onDisk(t.quoll()));
  }

  @Test
  @Order(3)
  void aProtectedPackageInstallsWithTheToken() throws Exception {
    TwinInstall.Twins t = installed;
    for (Path d : List.of(t.npm(), t.quoll())) {
      Files.writeString(d.resolve(".npmrc"), projectRc + tokenLine());
    }
    TwinInstall.Run[] runs = twins.both(t, "install", "@private/secret");
    TwinInstall.assertSame("protected with token", t, runs);
    assertEquals(
        "1.0.0",
        TwinInstall.onDisk(t.quoll()).get("node_modules/@private/secret/node_modules/qr-a"));
    twins.assertCiAcceptsTheOthersLockfile("secret", t);
  }

  @Test
  @Order(4)
  void aProtectedPackageInstallsWithBasicCredentials() throws Exception {
    String host = verdaccio.url().replaceFirst("^https?:", "");
    String password = "alice-long-password-1";
    String userPass =
        host
            + ":username=alice\n"
            + host
            + ":_password="
            + Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8))
            + "\n";
    String auth =
        host
            + ":_auth="
            + Base64.getEncoder()
                .encodeToString(("alice:" + password).getBytes(StandardCharsets.UTF_8))
            + "\n";
    for (Map.Entry<String, String> c : Map.of("username", userPass, "auth", auth).entrySet()) {
      TwinInstall.Twins t = twins.fresh("basic-" + c.getKey(), APP, projectRc + c.getValue());
      TwinInstall.Run[] runs = twins.both(t, "install", "@private/secret");
      TwinInstall.assertSame("protected with " + c.getKey(), t, runs);
    }
  }
}
