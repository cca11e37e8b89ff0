package dev.quoll.client.cache;

import dev.quoll.client.ClientException;
import dev.quoll.client.registry.RegistryClient;
import dev.quoll.core.integrity.Integrity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * The download pipeline of tarballs into the {@link ContentCache}: each tarball (keyed by its
 * integrity) is downloaded at most once per install, either ahead of time ({@link #prefetch}, while
 * the ideal tree is still being built) or on demand ({@link #ensure}, from reify), which joins a
 * download already under way.
 *
 * <p>Contract: at most {@code concurrency} downloads run at once (each on its own virtual thread);
 * the bytes are hashed as they stream into the cache ({@link ContentCache#put}), so nothing
 * unverified is ever stored and no second pass reads them. A failed prefetch is not reported; the
 * next {@link #ensure} of that integrity downloads again and reports its own failure (so a prefetch
 * that lost a DNS burst is retried, on top of the {@link RegistryClient}'s own retries). Prefetched
 * tarballs that the final tree does not use stay in the cache, as pnpm's do. {@link #open} reads a
 * tarball that this pipeline downloaded (and so verified while streaming it into the cache) without
 * hashing it again, and any other cached tarball through {@link ContentCache#open}, which verifies
 * every byte: each byte is hashed once per install. Thread-safe.
 */
public final class TarballDownloads implements AutoCloseable {
  private final RegistryClient client;
  private final ContentCache cache;
  private final Semaphore permits;
  private final Map<String, CompletableFuture<Path>> downloads = new ConcurrentHashMap<>();
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  // integrities whose content file this pipeline wrote after verifying the bytes
  private final Set<String> verified = ConcurrentHashMap.newKeySet();

  /**
   * @param client fetches the tarballs
   * @param cache where verified tarballs go
   * @param concurrency downloads at once (at least 1)
   */
  public TarballDownloads(RegistryClient client, ContentCache cache, int concurrency) {
    this.client = client;
    this.cache = cache;
    this.permits = new Semaphore(Math.max(1, concurrency));
  }

  /** The cache downloads go to. */
  public ContentCache cache() {
    return cache;
  }

  /**
   * Starts downloading a tarball in the background unless it is cached or already under way, or is
   * a {@code file:} tarball (read from the project when it is installed, never downloaded).
   *
   * @param packageName the package (chooses the registry and credentials)
   * @param id {@code name@version}, for error messages
   * @param resolved the tarball URL as the packument or lockfile gives it
   * @param integrity the expected integrity
   * @return the download, completing with the content path once the bytes are verified and in the
   *     cache (at once when the tarball was cached already; failing when the download fails, which
   *     is reported only by a later {@link #ensure}); empty for a {@code file:} tarball
   */
  public Optional<CompletableFuture<Path>> prefetch(
      String packageName, String id, String resolved, Integrity integrity) {
    if (resolved.startsWith("file:")) {
      return Optional.empty();
    }
    Optional<Path> cached = cache.find(integrity);
    if (cached.isPresent()) {
      return Optional.of(CompletableFuture.completedFuture(cached.get()));
    }
    return Optional.of(start(packageName, id, resolved, integrity));
  }

  /**
   * Makes sure a tarball is in the cache: returns at once when it is, waits for a download under
   * way, else downloads it now.
   *
   * @param packageName the package (chooses the registry and credentials)
   * @param id {@code name@version}, for error messages
   * @param resolved the tarball URL as the packument or lockfile gives it
   * @param integrity the expected integrity
   * @return the content path of the verified tarball
   * @throws ClientException {@code EINTEGRITY} naming the package, {@code E<status>} and network
   *     codes from the registry
   * @throws UncheckedIOException when the file system fails
   */
  public Path ensure(String packageName, String id, String resolved, Integrity integrity) {
    Optional<Path> found = cache.find(integrity);
    if (found.isPresent()) {
      return found.get();
    }
    CompletableFuture<Path> f = start(packageName, id, resolved, integrity);
    try {
      Path p = f.join();
      if (Files.isRegularFile(p)) {
        return p;
      }
    } catch (CompletionException e) {
      // reported by the attempt below
    }
    // a failed prefetch, or a copy removed since (damaged): one more attempt, reported as is
    downloads.remove(integrity.toString(), f);
    return download(packageName, id, resolved, integrity);
  }

  /**
   * Opens a cached tarball's bytes for reading. A tarball this pipeline downloaded is read as it
   * is: its bytes were hashed and matched {@code integrity} while they streamed into the cache,
   * moments ago in this process. Any other (cached by an earlier run, or by another writer) is read
   * through {@link ContentCache#open}, which verifies every byte by the end of the stream.
   *
   * @param id {@code name@version}, for error messages
   * @param integrity the expected integrity
   * @return the bytes; the caller reads them to the end and closes the stream
   * @throws ClientException {@code ENOTCACHED} when the tarball is not in the cache; the stream
   *     throws {@code EINTEGRITY} at its end when unverified content does not match
   * @throws UncheckedIOException when the file cannot be opened
   */
  public InputStream open(String id, Integrity integrity) {
    if (verified.contains(integrity.toString())) {
      try {
        return Files.newInputStream(cache.contentPath(integrity));
      } catch (NoSuchFileException e) {
        throw new ClientException("ENOTCACHED", id + " is not in the cache");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return cache.open(id, integrity);
  }

  private CompletableFuture<Path> start(
      String packageName, String id, String resolved, Integrity integrity) {
    return downloads.computeIfAbsent(
        integrity.toString(),
        k ->
            CompletableFuture.supplyAsync(
                () -> download(packageName, id, resolved, integrity), workers));
  }

  private Path download(String packageName, String id, String resolved, Integrity integrity) {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException("EINTR", "interrupted");
    }
    try (InputStream in =
        client.openTarball(packageName, client.tarballUrl(resolved, packageName))) {
      Path p = cache.put(id, integrity, in);
      verified.add(integrity.toString());
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      permits.release();
    }
  }

  /** Stops the downloads still running (their temporary files are removed by the cache). */
  @Override
  public void close() {
    workers.shutdownNow();
  }
}
