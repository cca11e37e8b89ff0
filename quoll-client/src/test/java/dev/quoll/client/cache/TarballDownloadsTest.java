package dev.quoll.client.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.ClientException;
import dev.quoll.client.registry.RegistryClient;
import dev.quoll.client.testing.FakeRegistry;
import dev.quoll.client.testing.FakeRegistry.Published;
import dev.quoll.client.testing.InstallSession;
import dev.quoll.core.integrity.Integrity;
import dev.quoll.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The download pipeline: one request per tarball however often it is asked for, a wrong tarball
 * refused before it reaches the cache, and each byte hashed once per install ({@link
 * TarballDownloads#open} trusts only what this pipeline verified itself; content cached earlier is
 * verified on read, so a cache file altered since is refused).
 */
class TarballDownloadsTest {
  @TempDir Path tmp;
  private FakeRegistry registry;
  private RegistryClient client;
  private ContentCache cache;

  @BeforeEach
  void start() {
    registry = new FakeRegistry();
    client = InstallSession.fastClient(registry, tmp.resolve("cache"));
    cache = new ContentCache(tmp.resolve("cache/_cacache"));
  }

  @AfterEach
  void stop() {
    client.close();
    registry.close();
  }

  private Published publish(String name) {
    ObjectNode m = (ObjectNode) Json.parse("{}".getBytes(StandardCharsets.UTF_8));
    return registry.publish(name, "1.0.0", m, Map.of("index.js", name));
  }

  private static byte[] read(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  private long tarballRequests(Published p) {
    return registry.requests().stream().filter(r -> p.url().endsWith(r.path())).count();
  }

  @Test
  void downloadsOnceAndOpensWhatItVerified() throws IOException {
    Published a = publish("a");
    try (TarballDownloads d = new TarballDownloads(client, cache, 4)) {
      d.prefetch("a", "a@1.0.0", a.url(), a.integrity());
      Path p1 = d.ensure("a", "a@1.0.0", a.url(), a.integrity());
      Path p2 = d.ensure("a", "a@1.0.0", a.url(), a.integrity());
      assertEquals(cache.contentPath(a.integrity()), p1);
      assertEquals(p1, p2);
      assertEquals(1, tarballRequests(a));
      assertArrayEquals(Files.readAllBytes(p1), read(d.open("a@1.0.0", a.integrity())));
    }
  }

  @Test
  void contentCachedEarlierIsVerifiedOnOpen() throws IOException {
    byte[] data = "not really a tarball".getBytes(StandardCharsets.UTF_8);
    Integrity integrity = Integrity.fromData(data);
    Path p = cache.put("b@1.0.0", integrity, new ByteArrayInputStream(data));
    Files.writeString(p, "not really a tarbalL"); // same size, other bytes
    try (TarballDownloads d = new TarballDownloads(client, cache, 4)) {
      assertEquals(p, d.ensure("b", "b@1.0.0", registry.url() + "b/-/b-1.0.0.tgz", integrity));
      ClientException e =
          assertThrows(ClientException.class, () -> read(d.open("b@1.0.0", integrity)));
      assertEquals("EINTEGRITY", e.code());
      assertTrue(e.getMessage().startsWith("b@1.0.0: "), e.getMessage());
    }
  }

  @Test
  void aWrongTarballNeverReachesTheCache() {
    Published c = publish("c");
    registry.replaceTarball(c.url(), "other bytes".getBytes(StandardCharsets.UTF_8));
    try (TarballDownloads d = new TarballDownloads(client, cache, 4)) {
      ClientException e =
          assertThrows(
              ClientException.class, () -> d.ensure("c", "c@1.0.0", c.url(), c.integrity()));
      assertEquals("EINTEGRITY", e.code());
      assertTrue(cache.find(c.integrity()).isEmpty());
      assertThrows(ClientException.class, () -> d.open("c@1.0.0", c.integrity()));
    }
  }
}
