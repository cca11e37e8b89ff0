package dev.quoll.client.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.core.integrity.Integrity;
import dev.quoll.core.json.Json;
import dev.quoll.core.path.FolderSpread;
import dev.quoll.core.path.UniqueNames;
import dev.quoll.core.tarball.ExtractOptions;
import dev.quoll.core.tarball.Extraction;
import dev.quoll.core.tarball.ExtractionResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Packages kept unpacked, one entry per integrity, so that an install can hard-link their files
 * instead of unpacking the tarball again (the way pnpm's and bun's stores work; npm always
 * unpacks).
 *
 * <p>Layout: {@code <root>/<algorithm>/<hex[0,2]>/<hex[2,]>/} holds {@code package/} (the files)
 * and {@code index} ({@link StoreIndex}: every folder and file with the size and modification time
 * it had when unpacked).
 *
 * <p>Contract: an entry is only ever made from a tarball read through {@link ContentCache#open}
 * (every byte verified against the integrity) or from one {@link TarballDownloads} verified while
 * downloading it in this process and extracted with core's safe {@link Extraction} (npm's file
 * modes); it is built under {@code <root>/tmp/<random>} and renamed into place after its index is
 * written, so an entry with a readable index is complete; a crash mid-unpack leaves only a
 * temporary folder, which is never read. An entry without a valid index (an older layout, a damaged
 * one) is treated as absent and replaced. This class never writes into an existing entry; {@link
 * #discard} moves one out of the way. The integrity of stored files is not re-hashed on use: {@link
 * StoreLinker} checks each file's size and modification time against the index (pnpm's rule for its
 * store), and callers discard and re-unpack an entry that fails the check. Thread-safe; concurrent
 * writers of the same entry are harmless (the first rename wins, the others' identical folders are
 * deleted).
 */
public final class UnpackedStore {
  private static final String INDEX = "index";
  private static final String PACKAGE = "package";
  private final Path root;

  /**
   * @param root the store folder, e.g. {@code <cache>/_quoll/unpacked}
   */
  public UnpackedStore(Path root) {
    this.root = root.toAbsolutePath();
  }

  /**
   * The package folder of a complete entry, when present.
   *
   * @param integrity the tarball's integrity
   * @return the folder holding the package's files
   */
  public Optional<Path> find(Integrity integrity) {
    return load(integrity).map(StoredPackage::dir);
  }

  /**
   * A complete entry with its index, when present (one file read).
   *
   * @param integrity the tarball's integrity
   * @return the entry; empty when missing or its index is unreadable
   */
  public Optional<StoredPackage> load(Integrity integrity) {
    Path entry = entryFor(integrity);
    String text;
    try {
      text = Files.readString(entry.resolve(INDEX), StandardCharsets.UTF_8);
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    }
    return StoreIndex.parse(entry.resolve(PACKAGE), text);
  }

  /**
   * Unpacks a cached tarball into the store (verifying every byte), unless already there.
   *
   * @param packageId for error messages
   * @param integrity the tarball's integrity (the tarball must be in {@code cache})
   * @param cache the tarball cache
   * @param options extraction options (bin modes, strictness)
   * @return the complete entry
   * @throws dev.quoll.client.ClientException {@code EINTEGRITY} when the cached tarball does not
   *     match, {@code ENOTCACHED} when it is missing
   * @throws dev.quoll.core.CoreException {@code EBADTAR} for a refused archive
   * @throws UncheckedIOException when the file system fails
   */
  public StoredPackage add(
      String packageId, Integrity integrity, ContentCache cache, ExtractOptions options) {
    return add(packageId, integrity, () -> cache.open(packageId, integrity), options);
  }

  /**
   * Opens a tarball's verified bytes (see {@link #add(String, Integrity, Tarball,
   * ExtractOptions)}).
   */
  @FunctionalInterface
  public interface Tarball {
    /**
     * @return the tarball's bytes, either verified already or verifying as they are read (a
     *     mismatch fails at the stream's end)
     * @throws IOException when it cannot be opened
     */
    InputStream open() throws IOException;
  }

  /**
   * As {@link #add(String, Integrity, ContentCache, ExtractOptions)}, from a given source of the
   * tarball's bytes, opened only when the entry is missing: bytes that were verified already (e.g.
   * {@link TarballDownloads#open} for a tarball it just downloaded) or a stream that verifies them
   * by its end ({@link ContentCache#open}). Nothing else may be given.
   *
   * @param packageId for error messages
   * @param integrity the tarball's integrity
   * @param tarball opens the verified bytes
   * @param options extraction options (bin modes, strictness)
   * @return the complete entry
   * @throws dev.quoll.client.ClientException {@code EINTEGRITY} when the bytes do not match, {@code
   *     ENOTCACHED} when the tarball is missing
   * @throws dev.quoll.core.CoreException {@code EBADTAR} for a refused archive
   * @throws UncheckedIOException when the file system fails
   */
  public StoredPackage add(
      String packageId, Integrity integrity, Tarball tarball, ExtractOptions options) {
    Optional<StoredPackage> found = load(integrity);
    if (found.isPresent()) {
      return found.get();
    }
    Path entry = entryFor(integrity);
    Path tmp = root.resolve("tmp").resolve(UniqueNames.next());
    try {
      FolderSpread.createMarked(tmp.getParent()); // entries spread over the file system's groups
      Files.createDirectories(tmp);
      Path pkg = tmp.resolve(PACKAGE);
      ExtractionResult result;
      try (InputStream in = tarball.open()) {
        result = Extraction.extract(in, pkg, options);
      }
      List<StoredPackage.StoredFile> files = new ArrayList<>(result.files().size());
      for (String f : result.files()) {
        BasicFileAttributes a =
            Files.readAttributes(
                pkg.resolve(f), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        files.add(
            new StoredPackage.StoredFile(
                f, a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS)));
      }
      Files.writeString(
          tmp.resolve(INDEX), StoreIndex.format(files, mayHaveBins(pkg)), StandardCharsets.UTF_8);
      if (Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
        // checked in this order so that an entry another writer renamed into place meanwhile is
        // used, never discarded (a linker may already be reading it)
        Optional<StoredPackage> done = load(integrity);
        if (done.isPresent()) {
          return done.get();
        }
        discard(integrity); // incomplete or of an older layout
      }
      Files.createDirectories(entry.getParent());
      try {
        Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        // another writer of the same package finished first: its entry is equally complete
        Optional<StoredPackage> other = load(integrity);
        if (other.isPresent()) {
          return other.get();
        }
        throw e;
      }
      return load(integrity).orElseThrow(() -> new IOException("store entry vanished: " + entry));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  /**
   * Removes an entry (e.g. one whose files no longer match its index), so the next {@link #add}
   * unpacks it again. The entry is first renamed away, so no reader sees it half deleted.
   *
   * @param integrity the tarball's integrity
   * @throws UncheckedIOException when the file system fails
   */
  public void discard(Integrity integrity) {
    Path entry = entryFor(integrity);
    Path away = root.resolve("tmp").resolve("discarded-" + UniqueNames.next());
    try {
      Files.createDirectories(away.getParent());
      Files.move(entry, away, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return; // someone else discarded it already
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    deleteQuietly(away);
  }

  /** Whether package.json names bins (keys {@code bin} or {@code directories}); true if unsure. */
  private static boolean mayHaveBins(Path pkg) throws IOException {
    Path pj = pkg.resolve("package.json");
    if (!Files.isRegularFile(pj, LinkOption.NOFOLLOW_LINKS)) {
      return false; // no package.json: BinLinker finds no bins either
    }
    try {
      JsonNode json = Json.parse(Files.readAllBytes(pj));
      return !json.isObject() || json.has("bin") || json.has("directories");
    } catch (RuntimeException e) {
      return true;
    }
  }

  private Path entryFor(Integrity integrity) {
    String algo = integrity.pickAlgorithm();
    String hex = integrity.get(algo).getFirst().hexDigest();
    return root.resolve(algo).resolve(hex.substring(0, 2)).resolve(hex.substring(2));
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      // a stray temporary folder is never read
    }
  }
}
