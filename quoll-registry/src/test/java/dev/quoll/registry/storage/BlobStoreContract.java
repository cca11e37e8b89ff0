package dev.quoll.registry.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The contract every {@link BlobStore} implementation runs (architecture rule 10). */
public abstract class BlobStoreContract {
  /** A new, empty store for one test. */
  protected abstract BlobStore store() throws IOException;

  @Test
  void savedBlobReadsBackWithItsSize() throws IOException {
    BlobStore store = store();
    byte[] bytes = random(1 << 20, 1);
    assertEquals(
        bytes.length, store.save("@scope/pkg/-/pkg-1.0.0.tgz", new ByteArrayInputStream(bytes)));
    BlobStore.Blob blob = store.find("@scope/pkg/-/pkg-1.0.0.tgz").orElseThrow();
    assertEquals(bytes.length, blob.size());
    try (InputStream in = blob.open()) {
      assertArrayEquals(bytes, in.readAllBytes());
    }
  }

  @Test
  void absentBlobIsEmptyAndRemovingItIsHarmless() throws IOException {
    BlobStore store = store();
    assertEquals(Optional.empty(), store.find("nope/-/nope-1.0.0.tgz"));
    store.remove("nope/-/nope-1.0.0.tgz");
    store.save("a/-/a-1.0.0.tgz", new ByteArrayInputStream(new byte[] {1}));
    store.remove("a/-/a-1.0.0.tgz");
    assertEquals(Optional.empty(), store.find("a/-/a-1.0.0.tgz"));
  }

  @Test
  void aFailedUploadLeavesThePreviousBlob() throws IOException {
    BlobStore store = store();
    byte[] first = random(4096, 2);
    store.save("a/-/a-1.0.0.tgz", new ByteArrayInputStream(first));
    InputStream failing =
        new InputStream() {
          int n;

          @Override
          public int read() throws IOException {
            if (n++ > 10_000) {
              throw new IOException("client went away");
            }
            return 7;
          }
        };
    assertThrows(IOException.class, () -> store.save("a/-/a-1.0.0.tgz", failing));
    try (InputStream in = store.find("a/-/a-1.0.0.tgz").orElseThrow().open()) {
      assertArrayEquals(first, in.readAllBytes());
    }
  }

  @Test
  void concurrentWritersNeverExposeAPartialBlob() throws Exception {
    BlobStore store = store();
    byte[] a = random(256 * 1024, 3);
    byte[] b = random(256 * 1024, 4);
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        byte[] bytes = i % 2 == 0 ? a : b;
        futures.add(
            pool.submit(() -> store.save("c/-/c-1.0.0.tgz", new ByteArrayInputStream(bytes))));
        futures.add(
            pool.submit(
                () -> {
                  Optional<BlobStore.Blob> blob = store.find("c/-/c-1.0.0.tgz");
                  if (blob.isPresent()) {
                    try (InputStream in = blob.get().open()) {
                      byte[] read = in.readAllBytes();
                      assertTrue(
                          java.util.Arrays.equals(read, a) || java.util.Arrays.equals(read, b),
                          "partial blob of " + read.length + " bytes");
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
  }

  @Test
  void aReplacedBlobReadsBackAsTheNewBytesEveryWay() throws IOException {
    BlobStore store = store();
    byte[] first = random(8192, 5);
    byte[] second = random(9000, 6);
    store.save("r/-/r-1.0.0.tgz", new ByteArrayInputStream(first));
    assertArrayEquals(first, read(store.find("r/-/r-1.0.0.tgz").orElseThrow()));
    assertArrayEquals(first, read(store.find("r/-/r-1.0.0.tgz").orElseThrow()));
    store.save("r/-/r-1.0.0.tgz", new ByteArrayInputStream(second));
    BlobStore.Blob blob = store.find("r/-/r-1.0.0.tgz").orElseThrow();
    assertEquals(second.length, blob.size());
    assertArrayEquals(second, read(blob));
    store.remove("r/-/r-1.0.0.tgz");
    assertEquals(Optional.empty(), store.find("r/-/r-1.0.0.tgz"));
  }

  @Test
  void afterRacingReadsAndWritesTheLastWriteIsRead() throws Exception {
    BlobStore store = store();
    byte[] a = random(32 * 1024, 7);
    byte[] b = random(32 * 1024, 8);
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        byte[] bytes = i % 2 == 0 ? a : b;
        futures.add(
            pool.submit(() -> store.save("d/-/d-1.0.0.tgz", new ByteArrayInputStream(bytes))));
        futures.add(pool.submit(() -> store.find("d/-/d-1.0.0.tgz").map(BlobStoreContract::read)));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    store.save("d/-/d-1.0.0.tgz", new ByteArrayInputStream(a));
    assertArrayEquals(a, read(store.find("d/-/d-1.0.0.tgz").orElseThrow()));
  }

  /** The blob's bytes through open(), checked equal to bytes() where the store offers it. */
  static byte[] read(BlobStore.Blob blob) {
    try (InputStream in = blob.open()) {
      byte[] streamed = in.readAllBytes();
      blob.bytes()
          .ifPresent(
              buffer -> {
                byte[] held = new byte[buffer.remaining()];
                buffer.get(held);
                assertArrayEquals(streamed, held);
              });
      return streamed;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void keysThatCouldEscapeAreRefused() throws IOException {
    BlobStore store = store();
    for (String bad :
        List.of(
            "",
            "../x",
            "a/../../x",
            "/abs",
            "a//b",
            "a/./b",
            "a\\b",
            "a/b\u0000",
            "a/b c",
            "%2e%2e/x")) {
      assertThrows(
          IllegalArgumentException.class,
          () -> store.save(bad, new ByteArrayInputStream(new byte[0])),
          bad);
      assertThrows(IllegalArgumentException.class, () -> store.find(bad), bad);
    }
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
