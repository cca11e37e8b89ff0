package dev.quoll.registry.storage;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Blobs kept in memory (off-heap, so a server writes them to a socket without a copy), bounded by
 * total bytes, for a blob store whose reads would otherwise open a file per request.
 *
 * <p>Guarantees: a kept buffer always holds the bytes the store held under its key when they were
 * read, and it is dropped before a write or removal of that key returns ({@link #forget}); a read
 * that raced with a write or removal of any key is not kept ({@link #generation}), so a stale blob
 * can never be put back after it was forgotten. At most {@code maxBytes} are kept, each blob at
 * most {@code maxBytes / 16}; when full, arbitrary entries are dropped (eviction is rare: tarballs
 * are immutable, so a hit is always valid).
 */
final class BlobMemory {
  private final long maxBytes;
  private final long maxBlob;
  private final ConcurrentHashMap<String, ByteBuffer> kept = new ConcurrentHashMap<>();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();

  /**
   * @param maxBytes the most bytes kept in all (0: nothing is kept)
   */
  BlobMemory(long maxBytes) {
    this.maxBytes = maxBytes;
    this.maxBlob = maxBytes / 16;
  }

  /** Whether a blob of this size would be kept. */
  boolean fits(long size) {
    return size <= maxBlob && size > 0;
  }

  /** The kept bytes of a key (a new read-only view at position 0). */
  Optional<ByteBuffer> find(String key) {
    ByteBuffer b = kept.get(key);
    return b == null ? Optional.empty() : Optional.of(b.duplicate());
  }

  /** The current write generation; pass it to {@link #keep} with bytes read after this call. */
  long generation() {
    return writes.get();
  }

  /**
   * Keeps bytes read from the store, unless any key was written or removed since {@code generation}
   * was taken.
   */
  void keep(String key, ByteBuffer value, long generation) {
    ByteBuffer ro = value.asReadOnlyBuffer();
    long size = ro.remaining();
    if (!fits(size)) {
      return;
    }
    makeRoom(size);
    if (kept.putIfAbsent(key, ro) == null) {
      bytes.addAndGet(size);
      if (writes.get() != generation) {
        forgetOnly(key);
      }
    }
  }

  /** Drops a key; called around every write and removal of it. */
  void forget(String key) {
    writes.incrementAndGet();
    forgetOnly(key);
  }

  private void forgetOnly(String key) {
    ByteBuffer old = kept.remove(key);
    if (old != null) {
      bytes.addAndGet(-old.remaining());
    }
  }

  private void makeRoom(long size) {
    Iterator<String> it = kept.keySet().iterator();
    while (bytes.get() + size > maxBytes && it.hasNext()) {
      forgetOnly(it.next());
    }
  }

  /** Bytes kept now. */
  long bytes() {
    return bytes.get();
  }
}
