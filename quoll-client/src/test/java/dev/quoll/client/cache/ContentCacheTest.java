package dev.quoll.client.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.client.ClientException;
import dev.quoll.core.integrity.Integrity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentCacheTest {
  private static final byte[] DATA = "hello tarball".getBytes(StandardCharsets.UTF_8);

  @Test
  void putStoresVerifiedBytesAtTheCacachePath(@TempDir Path dir) throws IOException {
    ContentCache cache = new ContentCache(dir);
    Integrity integrity = Integrity.fromData(DATA);
    Path p = cache.put("a@1.0.0", integrity, new ByteArrayInputStream(DATA));
    String hex =
        HexFormat.of()
            .formatHex(
                java.util.Base64.getDecoder().decode(integrity.get("sha512").getFirst().digest()));
    assertEquals(
        dir.resolve("content-v2/sha512")
            .resolve(hex.substring(0, 2))
            .resolve(hex.substring(2, 4))
            .resolve(hex.substring(4)),
        p);
    assertArrayEquals(DATA, Files.readAllBytes(p));
    assertEquals(p, cache.find(integrity).orElseThrow());
    try (InputStream in = cache.open("a@1.0.0", integrity)) {
      assertArrayEquals(DATA, in.readAllBytes());
    }
  }

  @Test
  void mismatchNamesThePackageAndLeavesNothing(@TempDir Path dir) throws IOException {
    ContentCache cache = new ContentCache(dir);
    Integrity other = Integrity.fromData("other".getBytes(StandardCharsets.UTF_8));
    ClientException e =
        assertThrows(
            ClientException.class,
            () -> cache.put("evil@6.6.6", other, new ByteArrayInputStream(DATA)));
    assertEquals("EINTEGRITY", e.code());
    assertTrue(e.getMessage().startsWith("evil@6.6.6: "), e.getMessage());
    assertTrue(cache.find(other).isEmpty());
    try (var files = Files.walk(dir)) {
      assertEquals(List.of(), files.filter(Files::isRegularFile).toList());
    }
  }

  @Test
  void tamperedContentFailsOnRead(@TempDir Path dir) throws IOException {
    ContentCache cache = new ContentCache(dir);
    Integrity integrity = Integrity.fromData(DATA);
    Path p = cache.put("a@1.0.0", integrity, new ByteArrayInputStream(DATA));
    Files.writeString(p, "hello tarbalL");
    try (InputStream in = cache.open("a@1.0.0", integrity)) {
      ClientException e = assertThrows(ClientException.class, in::readAllBytes);
      assertEquals("EINTEGRITY", e.code());
      assertTrue(e.getMessage().contains("a@1.0.0"));
    }
    assertEquals(
        "ENOTCACHED",
        assertThrows(
                ClientException.class, () -> cache.open("b@1", Integrity.fromData(new byte[1])))
            .code());
  }

  @Test
  void concurrentWritersOfTheSameContentAreSafe(@TempDir Path dir) throws Exception {
    ContentCache cache = new ContentCache(dir);
    byte[] big = new byte[3 * 1024 * 1024];
    new java.util.Random(7).nextBytes(big);
    Integrity integrity = Integrity.fromData(big);
    List<Future<Path>> futures = new ArrayList<>();
    try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 16; i++) {
        futures.add(ex.submit(() -> cache.put("big@1", integrity, new ByteArrayInputStream(big))));
      }
    }
    for (Future<Path> f : futures) {
      assertArrayEquals(big, Files.readAllBytes(f.get()));
    }
    try (var files = Files.list(dir.resolve("tmp"))) {
      assertEquals(0, files.count());
    }
  }
}
