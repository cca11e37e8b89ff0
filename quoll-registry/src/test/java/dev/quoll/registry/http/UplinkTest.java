package dev.quoll.registry.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.quoll.core.json.Json;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The uplink proxy: a quoll registry in front of another quoll registry, and in front of a scripted
 * upstream (JDK HttpServer) for revalidation, outages and bad tarballs.
 */
class UplinkTest {
  private static final String CORGI = "application/vnd.npm.install-v1+json";

  @Test
  void proxiesPackumentsAndTarballsWithRewrittenUrls() throws Exception {
    try (RegistryFixture upstream = new RegistryFixture(Map.of())) {
      String token = upstream.client.addUser("up");
      ObjectNode body = TestPackages.body("@up/a", "1.0.0");
      byte[] tgz = Base64.getDecoder().decode(body.findValue("data").asText());
      assertEquals(201, upstream.client.put("/@up%2fa", body, token).status());
      try (RegistryFixture proxy =
          new RegistryFixture(Map.of("uplink", upstream.registry.baseUrl().toString()))) {
        var doc = proxy.client.get("/@up%2fa");
        assertEquals(200, doc.status(), doc.text());
        assertEquals("fresh", doc.header("x-quoll-uplink"));
        assertEquals(
            proxy.registry.baseUrl() + "@up/a/-/a-1.0.0.tgz",
            doc.json().at("/versions/1.0.0/dist/tarball").asText());
        var corgi = proxy.client.get("/@up/a", "Accept", CORGI);
        assertEquals(CORGI, corgi.header("Content-Type"));
        assertEquals(
            proxy.registry.baseUrl() + "@up/a/-/a-1.0.0.tgz",
            corgi.json().at("/versions/1.0.0/dist/tarball").asText());
        assertEquals("1.0.0", proxy.client.get("/@up/a/latest").json().get("version").asText());
        var tarball = proxy.client.get("/@up/a/-/a-1.0.0.tgz");
        assertEquals(200, tarball.status());
        assertArrayEquals(tgz, tarball.body());
        assertEquals(404, proxy.client.get("/@up/a/-/a-9.0.0.tgz").status());
        assertEquals(404, proxy.client.get("/not-upstream").status());
        upstream.close();
        // kept: served after the upstream is gone (tarball from the blob store, document cached)
        assertArrayEquals(tgz, proxy.client.get("/@up/a/-/a-1.0.0.tgz").body());
        assertEquals(200, proxy.client.get("/@up%2fa").status());
      }
    }
  }

  /** A scripted upstream: one packument, a tarball, a counter of revalidations. */
  private static final class FakeUpstream implements AutoCloseable {
    final HttpServer server;
    final AtomicReference<byte[]> doc = new AtomicReference<>();
    final AtomicReference<byte[]> tarball = new AtomicReference<>();
    final AtomicInteger notModified = new AtomicInteger();
    final java.util.concurrent.ConcurrentHashMap<String, AtomicInteger> requests =
        new java.util.concurrent.ConcurrentHashMap<>();
    volatile long delayMillis;

    int requests(String path) {
      AtomicInteger n = requests.get(path);
      return n == null ? 0 : n.get();
    }

    FakeUpstream() throws Exception {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/",
          ex -> {
            String path = ex.getRequestURI().getRawPath();
            requests.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            if (delayMillis > 0) {
              try {
                Thread.sleep(delayMillis);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            byte[] out;
            if (path.endsWith(".tgz")) {
              out = tarball.get();
            } else if (path.equals("/fake")) {
              out = doc.get();
              if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                ex.sendResponseHeaders(304, -1);
                ex.close();
                return;
              }
              ex.getResponseHeaders().add("ETag", "\"v1\"");
            } else {
              out = null;
            }
            if (out == null) {
              ex.sendResponseHeaders(404, -1);
            } else {
              ex.sendResponseHeaders(200, out.length);
              ex.getResponseBody().write(out);
            }
            ex.close();
          });
      server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  private static byte[] fakeDoc(String url, byte[] tgz, byte[] integrityOf) {
    ObjectNode v = TestPackages.body("fake", "1.0.0", "latest", integrityOf);
    ObjectNode doc = Json.object();
    doc.put("_id", "fake");
    doc.put("name", "fake");
    doc.putObject("dist-tags").put("latest", "1.0.0");
    ObjectNode version = (ObjectNode) v.at("/versions/1.0.0");
    ((ObjectNode) version.get("dist")).put("tarball", url + "fake/-/fake-1.0.0.tgz");
    doc.putObject("versions").set("1.0.0", version);
    return Json.toBytes(doc);
  }

  @Test
  void revalidatesWithTheEtagAndServesStaleWhenTheUpstreamIsDown() throws Exception {
    FakeUpstream fake = new FakeUpstream();
    byte[] tgz = TestPackages.tarball("fake", "1.0.0");
    fake.doc.set(fakeDoc(fake.url(), tgz, tgz));
    fake.tarball.set(tgz);
    try (RegistryFixture proxy =
        new RegistryFixture(Map.of("uplink", fake.url(), "uplink-max-age", "1"))) {
      assertEquals(200, proxy.client.get("/fake").status());
      assertEquals(200, proxy.client.get("/fake").status()); // within max-age: not asked
      assertEquals(0, fake.notModified.get());
      Thread.sleep(1100);
      assertEquals("fresh", proxy.client.get("/fake").header("x-quoll-uplink"));
      assertEquals(1, fake.notModified.get());
      fake.close();
      Thread.sleep(1100);
      var stale = proxy.client.get("/fake");
      assertEquals(200, stale.status());
      assertEquals("stale", stale.header("x-quoll-uplink"));
      assertTrue(stale.header("Warning").startsWith("110 "), stale.header("Warning"));
      var never = proxy.client.get("/never-fetched");
      assertEquals(502, never.status(), never.text());
    } finally {
      fake.close();
    }
  }

  @Test
  void aTarballThatFailsItsIntegrityIsRefusedAndNotKept() throws Exception {
    try (FakeUpstream fake = new FakeUpstream()) {
      byte[] tgz = TestPackages.tarball("fake", "1.0.0");
      fake.doc.set(fakeDoc(fake.url(), tgz, TestPackages.tarball("other", "1.0.0")));
      fake.tarball.set(tgz);
      try (RegistryFixture proxy = new RegistryFixture(Map.of("uplink", fake.url()))) {
        var r = proxy.client.get("/fake/-/fake-1.0.0.tgz");
        assertEquals(502, r.status(), r.text());
        assertTrue(r.json().get("error").asText().contains("integrity"), r.text());
        assertEquals(502, proxy.client.get("/fake/-/fake-1.0.0.tgz").status());
        assertTrue(
            new String(r.body(), StandardCharsets.UTF_8).contains("error"), "JSON error body");
      }
    }
  }

  /** Sends {@code n} GETs of one path at once and returns their statuses. */
  private static List<Integer> concurrently(RegistryFixture proxy, String path, int n)
      throws Exception {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> all = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        all.add(
            pool.submit(
                () -> {
                  go.await();
                  return proxy.client.get(path).status();
                }));
      }
      go.countDown();
      List<Integer> out = new ArrayList<>();
      for (Future<Integer> f : all) {
        out.add(f.get());
      }
      return out;
    }
  }

  @Test
  void concurrentFirstRequestsMakeOneUpstreamRequest() throws Exception {
    try (FakeUpstream fake = new FakeUpstream()) {
      byte[] tgz = TestPackages.tarball("fake", "1.0.0");
      fake.doc.set(fakeDoc(fake.url(), tgz, tgz));
      fake.tarball.set(tgz);
      fake.delayMillis = 150;
      try (RegistryFixture proxy = new RegistryFixture(Map.of("uplink", fake.url()))) {
        assertEquals(Collections.nCopies(50, 200), concurrently(proxy, "/fake", 50));
        assertEquals(1, fake.requests("/fake"), "one upstream packument request");
        assertEquals(
            Collections.nCopies(50, 200), concurrently(proxy, "/fake/-/fake-1.0.0.tgz", 50));
        assertEquals(1, fake.requests("/fake/-/fake-1.0.0.tgz"), "one upstream tarball request");
        assertEquals(Collections.nCopies(50, 404), concurrently(proxy, "/absent", 50));
        assertEquals(1, fake.requests("/absent"), "one upstream request for a missing package");
      }
    }
  }

  @Test
  void upstream404sAreRememberedForTheirMaxAge() throws Exception {
    try (FakeUpstream fake = new FakeUpstream()) {
      try (RegistryFixture proxy =
          new RegistryFixture(Map.of("uplink", fake.url(), "uplink-404-max-age", "1"))) {
        assertEquals(404, proxy.client.get("/absent").status());
        assertEquals(404, proxy.client.get("/absent").status());
        assertEquals(404, proxy.client.get("/absent/1.0.0").status());
        assertEquals(404, proxy.client.get("/absent/-/absent-1.0.0.tgz").status());
        assertEquals(1, fake.requests("/absent"), "remembered within uplink-404-max-age");
        Thread.sleep(1100);
        assertEquals(404, proxy.client.get("/absent").status());
        assertEquals(2, fake.requests("/absent"), "asked again after uplink-404-max-age");
      }
      try (RegistryFixture proxy =
          new RegistryFixture(Map.of("uplink", fake.url(), "uplink-404-max-age", "0"))) {
        assertEquals(404, proxy.client.get("/gone").status());
        assertEquals(404, proxy.client.get("/gone").status());
        assertEquals(2, fake.requests("/gone"), "0 turns the 404 cache off");
      }
    }
  }

  /** Two nodes on one PostgreSQL database: a 404 seen by A is not asked upstream again by B. */
  @Test
  void onTwoNodesAn404SeenByOneIsNotAskedUpstreamByTheOther() throws Exception {
    String database = dev.quoll.testkit.PostgresService.newDatabase();
    try (FakeUpstream fake = new FakeUpstream();
        RegistryFixture a =
            new RegistryFixture(Map.of("uplink", fake.url(), "database", database));
        RegistryFixture b =
            new RegistryFixture(Map.of("uplink", fake.url(), "database", database))) {
      assertEquals(404, a.client.get("/absent").status());
      assertEquals(404, b.client.get("/absent").status());
      assertEquals(404, b.client.get("/absent/-/absent-1.0.0.tgz").status());
      assertEquals(1, fake.requests("/absent"), "B answered from A's remembered 404");
    }
  }

  /**
   * The background refresh on two nodes: the cached packument is revalidated with no reads at all
   * (ETag, 304), by one node holding the {@code uplink-refresh} lease, and the other node serves
   * the refreshed row from the database as fresh.
   */
  @Test
  void theBackgroundRefreshRevalidatesWithoutReadsAndBothNodesUseIt() throws Exception {
    String database = dev.quoll.testkit.PostgresService.newDatabase();
    try (FakeUpstream fake = new FakeUpstream()) {
      byte[] tgz = TestPackages.tarball("fake", "1.0.0");
      fake.doc.set(fakeDoc(fake.url(), tgz, tgz));
      Map<String, String> s =
          Map.of(
              "uplink-max-age",
              "2",
              "uplink-refresh",
              "1",
              "database",
              database,
              "uplink",
              fake.url());
      try (RegistryFixture a = new RegistryFixture(s);
          RegistryFixture b = new RegistryFixture(s)) {
        assertEquals(200, a.client.get("/fake").status());
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (fake.notModified.get() == 0 && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        assertTrue(fake.notModified.get() >= 1, "revalidated in the background");
        var fromB = b.client.get("/fake");
        assertEquals(200, fromB.status());
        assertEquals("fresh", fromB.header("x-quoll-uplink"));
        try (var c = java.sql.DriverManager.getConnection(database);
            var rs =
                c.createStatement()
                    .executeQuery(
                        "SELECT COUNT(*) FROM job_leases WHERE name = 'uplink-refresh'")) {
          rs.next();
          assertEquals(1, rs.getInt(1), "one lease, one holder");
        }
      }
    }
  }

  /**
   * Dependency confusion: once a name is published here, nothing of the uplink's package of that
   * name is served again (documents, versions, tarballs), also after a restart.
   */
  @Test
  void aPackagePublishedHereShadowsTheUplinksPackageOfThatName() throws Exception {
    try (RegistryFixture upstream = new RegistryFixture(Map.of())) {
      String up = upstream.client.addUser("up");
      for (String v : List.of("1.0.0", "2.0.0")) {
        assertEquals(201, upstream.client.put("/twin", TestPackages.body("twin", v), up).status());
      }
      java.nio.file.Path data = java.nio.file.Files.createTempDirectory("quoll-shadow");
      Map<String, String> flags =
          Map.of("uplink", upstream.registry.baseUrl().toString(), "data", data.toString());
      try (RegistryFixture proxy = new RegistryFixture(flags)) {
        assertEquals(
            List.of("1.0.0", "2.0.0"),
            fieldNames(proxy.client.get("/twin").json().get("versions")));
        assertEquals(200, proxy.client.get("/twin/-/twin-2.0.0.tgz").status());
        assertEquals("2.0.0", proxy.client.get("/twin/%5E2").json().get("version").asText());
        String here = proxy.client.addUser("here");
        ObjectNode local = TestPackages.body("twin", "0.1.0");
        assertEquals(201, proxy.client.put("/twin", local, here).status());
        assertShadowed(proxy);
      }
      try (RegistryFixture restarted = new RegistryFixture(flags)) {
        assertShadowed(restarted);
      }
    }
  }

  private static void assertShadowed(RegistryFixture proxy) throws Exception {
    for (String accept : List.of("application/json", CORGI)) {
      var doc = proxy.client.get("/twin", "Accept", accept);
      assertEquals(200, doc.status());
      assertEquals(null, doc.header("x-quoll-uplink"));
      assertEquals(List.of("0.1.0"), fieldNames(doc.json().get("versions")));
      assertEquals("0.1.0", doc.json().at("/dist-tags/latest").asText());
    }
    assertEquals(404, proxy.client.get("/twin/2.0.0").status());
    assertEquals(404, proxy.client.get("/twin/%5E2").status());
    assertEquals("0.1.0", proxy.client.get("/twin/latest").json().get("version").asText());
    assertEquals(404, proxy.client.get("/twin/-/twin-2.0.0.tgz").status());
    assertEquals(404, proxy.client.get("/twin/-/twin-1.0.0.tgz").status());
    assertEquals(200, proxy.client.get("/twin/-/twin-0.1.0.tgz").status());
  }

  private static List<String> fieldNames(com.fasterxml.jackson.databind.JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
