package dev.quoll.client.cache;

import dev.quoll.core.integrity.Integrity;
import dev.quoll.core.tarball.ExtractOptions;
import dev.quoll.core.tarball.Extraction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;

/**
 * Packages kept unpacked, one folder per integrity, so that an install can hard-link their files
 * instead of unpacking the tarball again (the way pnpm's and bun's stores work; npm always
 * unpacks).
 *
 * <p>Contract: a folder is only ever made from a tarball read through {@link ContentCache#open}
 * (every byte verified against the integrity) and extracted with core's safe {@link Extraction}; it
 * is built under a temporary name and renamed into place with a completion marker, so a present
 * folder is always complete. Once made it is never written by this class again. What is not
 * guaranteed: a hard-linked file shares its bytes with the store, so a later edit of the file in
 * node_modules also changes the store copy; callers therefore link only packages without install
 * scripts.
 */
public final class UnpackedStore {
  private static final String MARKER = ".quoll-complete";
  private final Path root;

  /**
   * @param root the store folder, e.g. {@code <cache>/_quoll/unpacked}
   */
  public UnpackedStore(Path root) {
    this.root = root.toAbsolutePath();
  }

  /**
   * The complete unpacked folder of a package, when present.
   *
   * @param integrity the tarball's integrity
   * @return the folder holding the package's files
   */
  public Optional<Path> find(Integrity integrity) {
    Path dir = dirFor(integrity);
    return Files.exists(dir.resolve(MARKER)) ? Optional.of(dir) : Optional.empty();
  }

  /**
   * Unpacks a cached tarball into the store (verifying every byte), unless already there.
   *
   * @param packageId for error messages
   * @param integrity the tarball's integrity (the tarball must be in {@code cache})
   * @param cache the tarball cache
   * @param options extraction options (bin modes, strictness)
   * @return the complete folder
   * @throws dev.quoll.client.ClientException {@code EINTEGRITY} when the cached tarball does not
   *     match, {@code ENOTCACHED} when it is missing
   * @throws dev.quoll.core.CoreException {@code EBADTAR} for a refused archive
   */
  public Path add(
      String packageId, Integrity integrity, ContentCache cache, ExtractOptions options) {
    Optional<Path> found = find(integrity);
    if (found.isPresent()) {
      return found.get();
    }
    Path dir = dirFor(integrity);
    Path tmp = root.resolve("tmp").resolve(UUID.randomUUID().toString());
    try {
      Files.createDirectories(tmp.getParent());
      try (InputStream in = cache.open(packageId, integrity)) {
        Extraction.extract(in, tmp, options);
      }
      Files.createFile(tmp.resolve(MARKER));
      Files.createDirectories(dir.getParent());
      try {
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        // another writer of the same package (e.g. two locations of one version) finished first:
        // its folder is equally complete; anything else is a real failure
        if (find(integrity).isEmpty()) {
          throw e;
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  /**
   * Recreates a store folder at {@code target} with directories created and every file hard-linked
   * (the marker left out).
   *
   * @param from a folder returned by {@link #find} or {@link #add}
   * @param target a folder that does not exist yet
   * @throws UncheckedIOException when the file system fails (e.g. another device)
   */
  public static void linkTree(Path from, Path target) {
    try {
      Files.walkFileTree(
          from,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              Files.createDirectories(target.resolve(from.relativize(dir).toString()));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              if (!(file.getParent().equals(from)
                  && file.getFileName().toString().equals(MARKER))) {
                Files.createLink(target.resolve(from.relativize(file).toString()), file);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path dirFor(Integrity integrity) {
    String algo = integrity.pickAlgorithm();
    String hex = integrity.get(algo).getFirst().hexDigest();
    return root.resolve(algo).resolve(hex.substring(0, 2)).resolve(hex.substring(2));
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a stray temporary folder is never read
    }
  }
}
