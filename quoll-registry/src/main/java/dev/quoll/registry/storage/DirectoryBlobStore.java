package dev.quoll.registry.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * blob under a key.
 */
public final class DirectoryBlobStore implements BlobStore {
  private final Path root;

  /**
   * @param root the directory holding the blobs; created when missing
   * @throws IOException when the directory cannot be created
   */
  public DirectoryBlobStore(Path root) throws IOException {
    this.root = Files.createDirectories(root).toRealPath();
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
      }
      return size;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public Optional<Blob> find(String key) throws IOException {
    Path file = path(key);
    try {
      long size = Files.size(file);
      return Optional.of(new Blob(size, () -> Files.newInputStream(file)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public void remove(String key) throws IOException {
    Files.deleteIfExists(path(key));
  }

  private Path path(String key) {
    Path p = root.resolve(BlobStore.checkKey(key)).normalize();
    if (!p.startsWith(root)) {
      throw new IllegalArgumentException("bad blob key: '" + key + "'");
    }
    return p;
  }
}
