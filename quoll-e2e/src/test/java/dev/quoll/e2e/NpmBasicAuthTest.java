package dev.quoll.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The real npm CLI with password credentials instead of a token: {@code _auth} (base64 of
 * user:password) and {@code username} + {@code _password} (base64 of the password) in the user
 * config, which npm sends as {@code Authorization: Basic} (npm-registry-fetch 19 {@code auth.js}).
 */
class NpmBasicAuthTest {
  @Test
  void publishAndInstallWithAuthAndWithUsernameAndPassword() throws Exception {
    NpmRequirement.check();
    Path tmp = Files.createTempDirectory("quoll-e2e-basic");
    try (Registry registry =
        Registry.start(
            Settings.resolve(
                Map.of("port", "0", "data", tmp.resolve("data").toString(), "uplink", "none"),
                Map.of()),
            line -> {},
            PasswordHasher.Argon2Params.TEST)) {
      String base = registry.baseUrl().toString();
      String adduser =
          "{\"name\":\"carol\",\"password\":\"s3cret:pass\",\"email\":\"carol@example.org\"}";
      int status =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(base + "-/user/org.couchdb.user:carol"))
                      .header("Content-Type", "application/json")
                      .PUT(HttpRequest.BodyPublishers.ofString(adduser))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();
      assertEquals(201, status);
      String nerf = "//" + registry.baseUrl().getAuthority() + "/";
      Path authRc = tmp.resolve("auth.npmrc");
      Files.writeString(authRc, nerf + ":_auth=" + b64("carol:s3cret:pass") + "\n");
      Path passwordRc = tmp.resolve("password.npmrc");
      Files.writeString(
          passwordRc,
          nerf + ":username=carol\n" + nerf + ":_password=" + b64("s3cret:pass") + "\n");
      Path wrongRc = tmp.resolve("wrong.npmrc");
      Files.writeString(wrongRc, nerf + ":_auth=" + b64("carol:wrong") + "\n");

      String[][] packages = {
        {"basic-e2e-a", authRc.toString()}, {"basic-e2e-b", passwordRc.toString()}
      };
      for (String[] p : packages) {
        Path dir = Files.createDirectories(tmp.resolve(p[0]));
        Files.writeString(
            dir.resolve("package.json"), "{\"name\":\"" + p[0] + "\",\"version\":\"1.0.0\"}");
        NpmCli npm = new NpmCli(Path.of(p[1]), tmp.resolve("cache"), base);
        NpmCli.Result r = npm.run(dir, "publish");
        assertEquals(0, r.exit(), r.output());
        JsonNode doc =
            Json.parse(
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(URI.create(base + p[0])).build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                    .body());
        assertEquals("carol", doc.at("/versions/1.0.0/_npmUser/name").asText());
      }

      Path wrongDir = Files.createDirectories(tmp.resolve("basic-e2e-c"));
      Files.writeString(
          wrongDir.resolve("package.json"), "{\"name\":\"basic-e2e-c\",\"version\":\"1.0.0\"}");
      NpmCli.Result refused =
          new NpmCli(wrongRc, tmp.resolve("cache"), base).run(wrongDir, "publish");
      assertNotEquals(0, refused.exit(), refused.output());
      assertTrue(refused.output().contains("401"), refused.output());

      Path app = Files.createDirectories(tmp.resolve("app"));
      Files.writeString(app.resolve("package.json"), "{\"name\":\"app\",\"version\":\"1.0.0\"}");
      NpmCli.Result install =
          new NpmCli(authRc, tmp.resolve("cache-install"), base)
              .run(app, "install", "basic-e2e-a", "basic-e2e-b");
      assertEquals(0, install.exit(), install.output());
      assertTrue(Files.exists(app.resolve("node_modules/basic-e2e-b/package.json")));
    } finally {
      try (Stream<Path> s = Files.walk(tmp)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
