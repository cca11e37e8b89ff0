package dev.quoll.client.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.client.ClientException;
import dev.quoll.client.config.ConfigSource;
import dev.quoll.client.config.NpmConfig;
import dev.quoll.client.registry.FetchedPackument.Origin;
import dev.quoll.client.testing.FakeRegistry;
import dev.quoll.core.json.Json;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryClientTest {
  private FakeRegistry registry;
  private FakeRegistry other;
  @TempDir Path cacheDir;

  @BeforeEach
  void start() {
    registry = new FakeRegistry();
    other = new FakeRegistry();
    registry.publish("a", "1.0.0", Json.object(), Map.of("index.js", "1"));
    registry.publish("a", "1.1.0", Json.object(), Map.of("index.js", "2"));
    other.publish("@corp/tool", "2.0.0", Json.object(), Map.of("index.js", "x"));
  }

  @AfterEach
  void stop() {
    registry.close();
    other.close();
  }

  private NpmConfig config() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("registry", registry.url());
    c.put("@corp:registry", other.url());
    c.put("//127.0.0.1:" + port(registry) + "/:_authToken", "main-token");
    c.put("//127.0.0.1:" + port(other) + "/:username", "bob");
    c.put("//127.0.0.1:" + port(other) + "/:_password", "cHc=");
    return new NpmConfig(Map.of(ConfigSource.USER, c));
  }

  private static String port(FakeRegistry r) {
    return r.url().replaceAll(".*:(\\d+)/$", "$1");
  }

  private RegistryClient client(FetchMode mode) {
    return client(mode, Instant.MAX);
  }

  private RegistryClient client(FetchMode mode, Instant before) {
    return client(mode, before, line -> {});
  }

  private RegistryClient client(
      FetchMode mode, Instant before, java.util.function.Consumer<String> httpLog) {
    FetchOptions o =
        FetchOptions.of(config())
            .withMode(mode)
            .withRetryWaits(Duration.ofMillis(5), Duration.ofMillis(20));
    return new RegistryClient(
        config(),
        new FetchOptions(
            o.mode(),
            cacheDir,
            o.retries(),
            o.retryFactor(),
            o.minRetryWait(),
            o.maxRetryWait(),
            Duration.ofSeconds(10),
            8,
            o.userAgent(),
            before),
        httpLog);
  }

  @Test
  void fetchesFullDocumentsWithOnlyTheMatchingCredentials() {
    try (RegistryClient c = client(FetchMode.DEFAULT)) {
      FetchedPackument p = c.packument("a");
      assertEquals(Origin.NETWORK, p.origin());
      assertEquals("1.1.0", p.document().path("dist-tags").path("latest").asText());
      FetchedPackument s = c.packument("@corp/tool");
      assertEquals(other.url() + "@corp%2ftool", s.url());
    }
    FakeRegistry.Request r = registry.requests().getFirst();
    assertEquals("/a", r.path());
    assertEquals(RegistryClient.FULL_ACCEPT, r.headers().get("accept"));
    assertEquals("Bearer main-token", r.headers().get("authorization"));
    FakeRegistry.Request o = other.requests().getFirst();
    assertEquals("/@corp%2ftool", o.path());
    assertEquals("Basic Ym9iOnB3", o.headers().get("authorization"));
  }

  @Test
  void credentialsAreNeverSentToAnotherHost() throws Exception {
    // tarballs of both registries' packages hosted on a third server (same IP, other port): no
    // credentials, neither the main registry's token nor the scoped registry's password
    try (FakeRegistry cdn = new FakeRegistry()) {
      var pub = cdn.publish("plain", "1.0.0", Json.object(), Map.of("a", "b"));
      try (RegistryClient c = client(FetchMode.DEFAULT)) {
        for (String pkg : List.of("a", "@corp/tool")) {
          try (InputStream in = c.openTarball(pkg, pub.url())) {
            in.readAllBytes();
          }
        }
      }
      assertEquals(2, cdn.requests().size());
      for (FakeRegistry.Request r : cdn.requests()) {
        assertFalse(r.headers().containsKey("authorization"), r.headers().toString());
      }
    }
    // a tarball beside the registry, outside its path, gets the registry's credentials
    var mine = registry.publish("b", "1.0.0", Json.object(), Map.of("a", "b"));
    try (RegistryClient c = client(FetchMode.DEFAULT);
        InputStream in = c.openTarball("b", mine.url())) {
      in.readAllBytes();
    }
    assertEquals("Bearer main-token", registry.requests().getLast().headers().get("authorization"));
  }

  @Test
  void freshCacheIsUsedStaleCacheRevalidatesWith304() {
    try (RegistryClient c = client(FetchMode.DEFAULT)) {
      c.packument("a");
      assertEquals(Origin.CACHE, c.packument("a").origin());
      assertEquals(1, registry.requests().size());
    }
    registry.maxAge(0);
    try (RegistryClient c = client(FetchMode.DEFAULT)) {
      registry.clearRequests();
      // the stored entry has max-age 300: still fresh; prefer-online must revalidate
    }
    try (RegistryClient c = client(FetchMode.PREFER_ONLINE)) {
      registry.clearRequests();
      assertEquals(Origin.REVALIDATED, c.packument("a").origin());
      FakeRegistry.Request r = registry.requests().getFirst();
      assertTrue(r.headers().containsKey("if-none-match"), r.headers().toString());
      // the 304 stored max-age 0: now stale, so the default mode revalidates too
    }
    try (RegistryClient c = client(FetchMode.DEFAULT)) {
      registry.clearRequests();
      assertEquals(Origin.REVALIDATED, c.packument("a").origin());
      assertEquals(1, registry.requests().size());
    }
    registry.publish("a", "2.0.0", Json.object(), Map.of("index.js", "3"));
    try (RegistryClient c = client(FetchMode.DEFAULT)) {
      FetchedPackument p = c.packument("a");
      assertEquals(Origin.NETWORK, p.origin());
      assertEquals("2.0.0", p.document().path("dist-tags").path("latest").asText());
    }
  }

  @Test
  void offlineModes() {
    registry.maxAge(0);
    try (RegistryClient c = client(FetchMode.OFFLINE)) {
      assertEquals(
          "ENOTCACHED", assertThrows(ClientException.class, () -> c.packument("a")).code());
    }
    try (RegistryClient c = client(FetchMode.DEFAULT)) {
      c.packument("a");
    }
    registry.clearRequests();
    try (RegistryClient c = client(FetchMode.PREFER_OFFLINE)) {
      assertEquals(Origin.CACHE, c.packument("a").origin());
    }
    try (RegistryClient c = client(FetchMode.OFFLINE)) {
      assertEquals(Origin.CACHE, c.packument("a").origin());
    }
    assertEquals(List.of(), registry.requests());
  }

  @Test
  void retriesServerErrorsThenSucceeds() {
    registry.failNext("/a", 503, 2);
    try (RegistryClient c = client(FetchMode.DEFAULT)) {
      assertEquals(Origin.NETWORK, c.packument("a").origin());
    }
    assertEquals(3, registry.requests().size());
    registry.failNext("/missing", 500, 5);
    try (RegistryClient c = client(FetchMode.DEFAULT)) {
      assertEquals(
          "E500", assertThrows(ClientException.class, () -> c.packument("missing")).code());
    }
  }

  @Test
  void everyRetryIsLoggedAtTheHttpLevelAsNpmDoes() {
    registry.failNext("/a", 503, 2);
    List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (RegistryClient c = client(FetchMode.DEFAULT, Instant.MAX, log::add)) {
      assertEquals(Origin.NETWORK, c.packument("a").origin());
    }
    assertEquals(
        List.of(
            "fetch GET " + registry.url() + "a attempt 2 failed with E503",
            "fetch GET " + registry.url() + "a attempt 3 failed with E503"),
        log);
  }

  @Test
  void aRequestHoldsItsPermitUntilItsBodyIsReadOrClosed() throws Exception {
    String url = registry.url() + "a/-/a-1.0.0.tgz";
    try (RegistryClient c = client(FetchMode.DEFAULT)) {
      List<InputStream> open = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) { // the client's limit in these tests
        open.add(c.openTarball("a", url));
      }
      var ninth =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> {
                try (InputStream in = c.openTarball("a", url)) {
                  return in.readAllBytes().length;
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      Thread.sleep(300);
      assertFalse(ninth.isDone(), "a ninth stream opened while eight bodies were unread");
      open.getFirst().readAllBytes(); // the end of a body frees its permit
      assertTrue(ninth.get(10, java.util.concurrent.TimeUnit.SECONDS) > 0);
      for (InputStream in : open) {
        in.close();
      }
      assertTrue(c.openTarball("a", url).readAllBytes().length > 0);
    }
  }

  @Test
  void aFailedStatusIsNpmsMessageWithTheReasonPhraseAndTheBodysError() {
    try (RegistryClient c = client(FetchMode.DEFAULT)) {
      ClientException e = assertThrows(ClientException.class, () -> c.packument("@corp/nope"));
      assertEquals("E404", e.code());
      assertEquals(
          "404 Not Found - GET " + other.url() + "@corp%2fnope - Not found", e.getMessage());
    }
  }

  @Test
  void notFoundIsOneRequestForTheFullDocument() {
    try (RegistryClient c = client(FetchMode.DEFAULT)) {
      assertEquals("E404", assertThrows(ClientException.class, () -> c.packument("nope")).code());
    }
    List<FakeRegistry.Request> rs = registry.requests();
    assertEquals(1, rs.size());
    assertEquals("application/json", rs.get(0).headers().get("accept"));
  }

  @Test
  void connectionFailureUsesStaleCacheElseFails() {
    try (RegistryClient c = client(FetchMode.PREFER_ONLINE)) {
      c.packument("a");
    }
    registry.close();
    try (RegistryClient c = client(FetchMode.PREFER_ONLINE)) {
      assertEquals(Origin.STALE, c.packument("a").origin());
      assertEquals(
          "ECONNREFUSED", assertThrows(ClientException.class, () -> c.packument("b")).code());
    }
  }

  @Test
  void parallelFetchesAndBeforeFilter() {
    for (int i = 0; i < 30; i++) {
      registry.publish("p" + i, "1.0.0", Json.object(), Map.of("i", "" + i));
    }
    List<String> names = java.util.stream.IntStream.range(0, 30).mapToObj(i -> "p" + i).toList();
    Instant before = Instant.parse("2020-01-01T12:00:00Z");
    try (RegistryClient c = client(FetchMode.DEFAULT, before)) {
      assertEquals(names, List.copyOf(c.packuments(names).keySet()));
      FetchedPackument a = c.packument("a");
      var filtered = a.versionsBefore(before);
      assertEquals(List.of("1.0.0"), List.copyOf(iter(filtered.path("versions").fieldNames())));
      assertFalse(filtered.path("dist-tags").has("latest"));
    }
  }

  @Test
  void lockfileUrlsOnTheNpmjsHostMoveToTheConfiguredRegistry() {
    try (RegistryClient c = client(FetchMode.DEFAULT)) {
      assertEquals(
          registry.url() + "a/-/a-1.0.0.tgz",
          c.tarballUrl("https://registry.npmjs.org/a/-/a-1.0.0.tgz", "a"));
      assertEquals("https://cdn.example/a.tgz", c.tarballUrl("https://cdn.example/a.tgz", "a"));
    }
  }

  private static List<String> iter(java.util.Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
