package dev.quoll.registry.storage;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class DirectoryBlobStoreTest extends BlobStoreContract {
  @TempDir Path dir;
  private int n;

  @Override
  protected BlobStore store() throws IOException {
    return new DirectoryBlobStore(dir.resolve("blobs-" + n++));
  }
}
