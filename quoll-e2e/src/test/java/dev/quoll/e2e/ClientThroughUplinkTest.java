package dev.quoll.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quoll install} of packages that live only upstream, through Quoll's uplink to the public
 * npm registry: the same package.json, lockfile and node_modules as {@code npm install} through the
 * same Quoll, every {@code resolved} URL on Quoll, and the lockfile of a {@code quoll install}
 * straight from the public registry once the registry prefix is swapped. Skipped with a message
 * when the public registry does not answer.
 */
class ClientThroughUplinkTest {
  private static final String UPSTREAM = "https://registry.npmjs.org/";
  private static final String APP = "{\"name\":\"app\",\"version\":\"1.0.0\"}\n";
  @TempDir Path tmp;

  @Test
  void installsUpstreamPackagesThroughQuollAsThroughThePublicRegistry() throws Exception {
    NpmRequirement.check();
    assumeTrue(
        upstreamAnswers(),
        "the public npm registry does not answer from here: skipping the uplink install test");
    ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
    Path rc = Files.writeString(tmp.resolve("npmrc"), "");
    try (Registry quoll = startWithUplink(tmp.resolve("server"), log::add)) {
      String base = quoll.baseUrl().toString();
      TwinInstall twins = new TwinInstall(tmp.resolve("work"), base, rc);
      TwinInstall.Twins t = twins.fresh("uplink", APP, "");
      String[] args = {"install", "chalk@4.1.2", "@sindresorhus/is@4.6.0"};
      TwinInstall.Run[] runs = twins.both(t, args);
      TwinInstall.assertSame("through the uplink", t, runs);
      String lock = Files.readString(t.quoll().resolve("package-lock.json"));
      assertTrue(lock.contains("\"resolved\": \"" + base + "@sindresorhus/is/-/is-4.6.0.tgz\""));
      assertFalse(lock.contains(UPSTREAM), "every resolved URL is on Quoll:\n" + lock);
      twins.assertCiAcceptsTheOthersLockfile("uplink", t);

      TwinInstall direct = new TwinInstall(tmp.resolve("direct"), UPSTREAM, rc);
      Path d = direct.fresh("public", APP, "").quoll();
      TwinInstall.Run run = direct.quoll(d, args);
      assertEquals(0, run.exit(), run.output());
      assertEquals(
          Files.readString(d.resolve("package-lock.json")),
          lock.replace(base, UPSTREAM),
          "the lockfile through Quoll is the public one with Quoll's URLs");
      assertEquals(TwinInstall.onDisk(d), TwinInstall.onDisk(t.quoll()));

      // a lockfile made against the public registry, installed through Quoll: with npm's default
      // replace-registry-host=npmjs the tarballs are fetched from Quoll, by npm and by quoll
      TwinInstall rewrite = new TwinInstall(tmp.resolve("rewrite"), base, rc);
      TwinInstall.Twins r =
          rewrite.fresh("public-lock", Files.readString(d.resolve("package.json")), "");
      for (Path p : List.of(r.npm(), r.quoll())) {
        Files.copy(d.resolve("package-lock.json"), p.resolve("package-lock.json"));
      }
      log.clear();
      TwinInstall.Run[] ci = rewrite.both(r, "ci");
      TwinInstall.assertSame("ci of a public lockfile through Quoll", r, ci);
      assertEquals(
          2,
          log.stream().filter(l -> l.contains(" GET /chalk/-/chalk-4.1.2.tgz 200 ")).count(),
          "npm and quoll fetch chalk's tarball from Quoll:\n" + String.join("\n", log));
    }
  }

  /** An in-process registry like {@link TestRegistry}'s, with the public registry as uplink. */
  private static Registry startWithUplink(Path dir, Consumer<String> log) throws Exception {
    return Registry.start(
        Settings.resolve(
            Map.of("port", "0", "data", dir.resolve("data").toString(), "uplink", UPSTREAM),
            Map.of()),
        log,
        PasswordHasher.Argon2Params.TEST);
  }

  private static boolean upstreamAnswers() {
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
      return http.send(
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
