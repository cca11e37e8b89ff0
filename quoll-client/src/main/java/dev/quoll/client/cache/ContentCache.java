package dev.quoll.client.cache;

import dev.quoll.client.ClientException;
import dev.quoll.core.CoreException;
import dev.quoll.core.integrity.Hash;
import dev.quoll.core.integrity.Integrity;
import dev.quoll.core.integrity.IntegrityChecker;
import dev.quoll.core.integrity.VerifyingInputStream;
import dev.quoll.core.path.FolderSpread;
import dev.quoll.core.path.UniqueNames;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A content-addressed store of tarballs keyed by their integrity, in cacache's {@code content-v2}
 * layout ({@code <root>/content-v2/<algorithm>/<hex[0,2]>/<hex[2,4]>/<hex[4,]>}), so the content
 * files of npm's own {@code _cacache} folder can be read as they are.
 *
 * <p>Contract: {@link #put} streams the bytes once into a unique temporary file under {@code
 * <root>/tmp}, hashing them as they pass; only bytes that match the expected integrity are renamed
 * (atomically, on the same file system) to their content path, so a reader never sees a partial or
 * wrong file and concurrent writers of the same content are harmless (the last rename leaves
 * identical bytes). A mismatch deletes the temporary file and fails with {@code EINTEGRITY} naming
 * the package. {@link #open} re-verifies every byte as it is read: a reader must read to the end
 * (the stream then throws {@code EINTEGRITY} instead of reporting the end when the file was
 * altered). The content path is chosen by the strongest algorithm of the integrity ({@link
 * Integrity#pickAlgorithm()}). Thread-safe.
 */
public final class ContentCache {
  private final Path root;

  /**
   * @param root the cache folder (created on first write), e.g. {@code ~/.npm/_cacache}
   */
  public ContentCache(Path root) {
    this.root = root.toAbsolutePath();
  }

  /** The cache folder. */
  public Path root() {
    return root;
  }

  /**
   * The content path for an integrity, whether or not the file exists.
   *
   * @param integrity the expected integrity
   * @return {@code <root>/content-v2/<algo>/<xx>/<yy>/<rest>}
   */
  public Path contentPath(Integrity integrity) {
    String algo = integrity.pickAlgorithm();
    Hash hash = integrity.get(algo).getFirst();
    String hex = hash.hexDigest();
    return root.resolve("content-v2")
        .resolve(algo)
        .resolve(hex.substring(0, 2))
        .resolve(hex.substring(2, 4))
        .resolve(hex.substring(4));
  }

  /**
   * The stored file for an integrity, when present (not verified; {@link #open} verifies).
   *
   * @param integrity the expected integrity
   * @return the content file
   */
  public Optional<Path> find(Integrity integrity) {
    Path p = contentPath(integrity);
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  /**
   * Streams {@code in} into the cache, verifying it against {@code expected}.
   *
   * @param packageId what the bytes are, for error messages (e.g. {@code lodash@4.17.21})
   * @param expected the integrity the bytes must match
   * @param in the bytes; read to the end, not closed
   * @return the content path now holding the verified bytes
   * @throws ClientException {@code EINTEGRITY} (or {@code EBADSIZE}) naming the package when the
   *     bytes do not match; nothing is left in the cache then
   * @throws UncheckedIOException when reading or the file system fails
   */
  public Path put(String packageId, Integrity expected, InputStream in) {
    Path target = contentPath(expected);
    Path tmp = root.resolve("tmp").resolve(UniqueNames.next());
    try {
      FolderSpread.createMarked(root); // content-v2 and tmp in fresh block groups
      Files.createDirectories(tmp.getParent());
      IntegrityChecker checker = IntegrityChecker.of(expected);
      try (OutputStream out = Files.newOutputStream(tmp)) {
        byte[] buf = new byte[128 * 1024];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          checker.update(buf, 0, n);
          out.write(buf, 0, n);
        }
      }
      try {
        checker.verify();
      } catch (CoreException e) {
        throw mismatch(packageId, e);
      }
      Files.createDirectories(target.getParent());
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // best effort: a stray temporary file is never read
      }
    }
  }

  /**
   * Stores bytes that have no integrity yet (a tarball read from a file or packed from a git
   * checkout) under the sha512 computed over them.
   *
   * @param packageId what the bytes are, for error messages
   * @param data the bytes
   * @return their sha512 integrity, under which they are now stored
   * @throws UncheckedIOException when the file system fails
   */
  public Integrity putBytes(String packageId, byte[] data) {
    Integrity integrity = Integrity.fromData(data);
    put(packageId, integrity, new ByteArrayInputStream(data));
    return integrity;
  }

  /**
   * Opens stored content for reading with verification of every byte.
   *
   * @param packageId what the bytes are, for error messages
   * @param expected the integrity the bytes must match
   * @return a stream that throws {@code EINTEGRITY} at its end when the content does not match
   * @throws ClientException {@code ENOTCACHED} when the content is not stored
   * @throws UncheckedIOException when the file cannot be opened
   */
  public InputStream open(String packageId, Integrity expected) {
    Path p = contentPath(expected);
    try {
      InputStream raw = Files.newInputStream(p);
      return new NamedVerifyingStream(
          packageId, new VerifyingInputStream(raw, IntegrityChecker.of(expected)));
    } catch (NoSuchFileException e) {
      throw new ClientException("ENOTCACHED", packageId + " is not in the cache");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Removes stored content (e.g. after it failed verification on read).
   *
   * @param integrity the content's integrity
   */
  public void remove(Integrity integrity) {
    try {
      Files.deleteIfExists(contentPath(integrity));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ClientException mismatch(String packageId, CoreException e) {
    return new ClientException(e.code(), packageId + ": " + e.getMessage(), e);
  }

  /** Rethrows the verifying stream's failure with the package named. */
  private static final class NamedVerifyingStream extends InputStream {
    private final String packageId;
    private final VerifyingInputStream in;

    NamedVerifyingStream(String packageId, VerifyingInputStream in) {
      this.packageId = packageId;
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      try {
        return in.read();
      } catch (ClientException e) {
        throw e;
      } catch (CoreException e) {
        throw mismatch(packageId, e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (ClientException e) {
        throw e;
      } catch (CoreException e) {
        throw mismatch(packageId, e);
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
