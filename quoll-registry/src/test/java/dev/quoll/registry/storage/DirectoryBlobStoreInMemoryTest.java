package dev.quoll.registry.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blob store contract with blobs kept in memory, and what the memory keeps. */
class DirectoryBlobStoreInMemoryTest extends BlobStoreContract {
  @TempDir Path dir;
  private int n;

  @Override
  protected BlobStore store() throws IOException {
    return new DirectoryBlobStore(dir.resolve("blobs-" + n++), 16L << 20);
  }

  @Test
  void smallBlobsAreServedFromMemoryLargeOnesStreamed() throws IOException {
    DirectoryBlobStore store = new DirectoryBlobStore(dir.resolve("mem"), 16L << 20);
    store.save("s/-/s-1.0.0.tgz", new ByteArrayInputStream(new byte[1000]));
    store.save("l/-/l-1.0.0.tgz", new ByteArrayInputStream(new byte[(1 << 20) + 1]));
    assertTrue(store.find("s/-/s-1.0.0.tgz").orElseThrow().bytes().isPresent());
    assertEquals(1000, store.memoryBytes());
    // kept: found without the file (which a well-behaved store never loses; here it shows the hit)
    Files.delete(dir.resolve("mem/s/-/s-1.0.0.tgz"));
    assertEquals(1000, store.find("s/-/s-1.0.0.tgz").orElseThrow().size());
    assertTrue(store.find("l/-/l-1.0.0.tgz").orElseThrow().bytes().isEmpty());
    assertEquals(1000, store.memoryBytes());
    store.remove("s/-/s-1.0.0.tgz");
    assertEquals(0, store.memoryBytes());
  }

  @Test
  void memoryStaysWithinItsBound() throws IOException {
    DirectoryBlobStore store = new DirectoryBlobStore(dir.resolve("bound"), 64 * 1024);
    for (int i = 0; i < 40; i++) {
      String key = "p/-/p-1.0." + i + ".tgz";
      store.save(key, new ByteArrayInputStream(new byte[4000]));
      store.find(key);
      assertTrue(store.memoryBytes() <= 64 * 1024, "kept " + store.memoryBytes());
    }
  }
}
