package dev.quoll.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real npm CLI installing public packages through quoll's uplink to the npm registry: tarball
 * URLs in the lockfile point at quoll, and the tarballs are kept (a second install with an empty
 * npm cache is served by quoll alone). Skipped when the public registry is unreachable.
 */
class NpmThroughUplinkTest {
  private static final String UPSTREAM = "https://registry.npmjs.org/";
  @TempDir Path tmp;

  @Test
  void installsPublicPackagesThroughTheUplink() throws Exception {
    NpmRequirement.check();
    assumeTrue(upstreamAnswers(), "the npm registry is not reachable from here");
    ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
    try (Registry registry =
        Registry.start(
            Settings.resolve(
                Map.of("port", "0", "data", tmp.resolve("data").toString(), "uplink", UPSTREAM),
                Map.of()),
            log::add,
            PasswordHasher.Argon2Params.TEST)) {
      NpmCli npm =
          new NpmCli(tmp.resolve(".npmrc"), tmp.resolve("cache"), registry.baseUrl().toString());
      Path app = Files.createDirectories(tmp.resolve("app"));
      Files.writeString(app.resolve("package.json"), "{\"name\":\"app\",\"version\":\"1.0.0\"}");
      NpmCli.Result install = npm.run(app, "install", "is-number@7.0.0");
      assertEquals(0, install.exit(), install.output());
      JsonNode lock = Json.parse(Files.readString(app.resolve("package-lock.json")));
      assertEquals(
          registry.baseUrl() + "is-number/-/is-number-7.0.0.tgz",
          lock.at("/packages/node_modules~1is-number/resolved").asText());
      assertTrue(Files.exists(app.resolve("node_modules/is-number/package.json")));
      npm.cache(tmp.resolve("cache2"));
      NpmCli.Result ci = npm.run(app, "ci");
      assertEquals(0, ci.exit(), ci.output());
      assertTrue(
          log.stream().anyMatch(l -> l.contains(" GET /is-number/-/is-number-7.0.0.tgz 200 ")),
          String.join("\n", log));
    }
  }

  private static boolean upstreamAnswers() {
    try {
      return HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(UPSTREAM + "is-number"))
                      .timeout(Duration.ofSeconds(20))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (Exception e) {
      return false;
    }
  }
}
