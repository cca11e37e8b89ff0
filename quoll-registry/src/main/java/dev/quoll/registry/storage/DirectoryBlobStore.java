package dev.quoll.registry.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The default blob store: one file per blob under a root directory (the data dir's {@code blobs/}).
 * A blob is written to a temporary file in the same directory, forced to disk, then renamed over
 * its key, so readers see either the old blob or the whole new one and a crash leaves no partial
 * blob under a key. Blobs read are kept in memory up to a byte bound ({@link BlobMemory}) and then
 * found without touching the file system; {@link Blob#bytes()} offers them to the HTTP layer.
 */
public final class DirectoryBlobStore implements BlobStore {
  private final Path root;
  private final BlobMemory memory;

  /**
   * A store that keeps nothing in memory.
   *
   * @param root the directory holding the blobs; created when missing
   * @throws IOException when the directory cannot be created
   */
  public DirectoryBlobStore(Path root) throws IOException {
    this(root, 0);
  }

  /**
   * @param root the directory holding the blobs; created when missing
   * @param memoryBytes the most bytes of blobs kept in memory (each at most 1/16 of it; 0: none)
   * @throws IOException when the directory cannot be created
   */
  public DirectoryBlobStore(Path root, long memoryBytes) throws IOException {
    this.root = Files.createDirectories(root).toRealPath();
    this.memory = new BlobMemory(memoryBytes);
  }

  @Override
  public long save(String key, InputStream content) throws IOException {
    Path target = path(key);
    Files.createDirectories(target.getParent());
    Path temp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
    try {
      long size;
      try (OutputStream out = Files.newOutputStream(temp)) {
        size = content.transferTo(out);
      }
      try (var channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        memory.forget(key);
      }
      return size;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public Optional<Blob> find(String key) throws IOException {
    Optional<ByteBuffer> inMemory = memory.find(key); // only valid keys are ever kept
    if (inMemory.isPresent()) {
      return Optional.of(Blob.inMemory(inMemory.get()));
    }
    Path file = path(key);
    long generation = memory.generation();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (!memory.fits(size)) {
        return Optional.of(new Blob(size, () -> Files.newInputStream(file)));
      }
      ByteBuffer bytes = ByteBuffer.allocateDirect((int) size);
      while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
        // read to the end
      }
      if (bytes.hasRemaining()) {
        return Optional.of(new Blob(size, () -> Files.newInputStream(file)));
      }
      bytes.flip();
      memory.keep(key, bytes, generation);
      return Optional.of(Blob.inMemory(bytes));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public void remove(String key) throws IOException {
    try {
      Files.deleteIfExists(path(key));
    } finally {
      memory.forget(key);
    }
  }

  /** Bytes of blobs held in memory now. */
  public long memoryBytes() {
    return memory.bytes();
  }

  private Path path(String key) {
    Path p = root.resolve(BlobStore.checkKey(key)).normalize();
    if (!p.startsWith(root)) {
      throw new IllegalArgumentException("bad blob key: '" + key + "'");
    }
    return p;
  }
}
