package dev.quoll.client.fetch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/** A temporary folder deleted with everything in it on {@link #close()} (best effort). */
final class TempFolder implements AutoCloseable {
  private final Path path;

  private TempFolder(Path path) {
    this.path = path;
  }

  /** Creates a folder in the system's temporary directory. */
  static TempFolder create(String prefix) {
    try {
      return new TempFolder(Files.createTempDirectory(prefix));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The folder. */
  Path path() {
    return path;
  }

  @Override
  public void close() {
    try (var walk = Files.walk(path)) {
      List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
      for (Path p : all) {
        p.toFile().setWritable(true);
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // best effort: a stray temporary folder is never read again
    }
  }
}
