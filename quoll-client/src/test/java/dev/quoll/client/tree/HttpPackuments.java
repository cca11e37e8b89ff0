package dev.quoll.client.tree;

import dev.quoll.core.CoreException;
import dev.quoll.core.packument.Packument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only packument source over HTTP (full documents), with a disk cache so reruns are fast and
 * parallel prefetching. Scoped names are requested as {@code @scope%2fname}.
 *
 * <p>The registry sends neither an ETag nor a Last-Modified (and its HEAD answers carry another
 * length than its GET), so a cached copy cannot be revalidated cheaply. Instead a cached copy is
 * used only when it has every version the caller says must exist (e.g. the versions npm locked in
 * the same run); otherwise, or with {@code refresh}, the packument is fetched again and the cache
 * rewritten. A copy that went stale when the registry gained a version is thus replaced.
 */
final class HttpPackuments implements PackumentSource {
  private final String registry;
  private final Path cache;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
  private final Map<String, CompletableFuture<Packument>> inFlight = new ConcurrentHashMap<>();
  private final java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(12);
  // one virtual thread per load; never closed: it holds no threads once the loads are done
  private final java.util.concurrent.Executor workers =
      java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

  private final Map<String, Set<String>> required;
  private final boolean refresh;

  /** A source that uses every cached copy. */
  HttpPackuments(String registry, Path cache) {
    this(registry, cache, Map.of(), false);
  }

  /**
   * @param registry the registry URL
   * @param cache the folder of cached packuments
   * @param required per package name, versions a cached copy must have to be used
   * @param refresh whether to fetch every packument again (and rewrite the cache) regardless
   */
  HttpPackuments(String registry, Path cache, Map<String, Set<String>> required, boolean refresh) {
    this.registry = registry.endsWith("/") ? registry : registry + "/";
    this.cache = cache;
    this.required = Map.copyOf(required);
    this.refresh = refresh;
  }

  @Override
  public Packument packument(String name) {
    try {
      return start(name).join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  @Override
  public void prefetch(Collection<String> names) {
    names.forEach(this::start);
  }

  private CompletableFuture<Packument> start(String name) {
    return inFlight.computeIfAbsent(
        name, n -> CompletableFuture.supplyAsync(() -> load(n), workers));
  }

  private Packument load(String name) {
    Path file = cache.resolve(name.replace("/", "%2f") + ".json");
    try {
      if (!refresh && Files.exists(file)) {
        Packument cached = Packument.parse(Files.readAllBytes(file));
        if (cached.versions().containsAll(required.getOrDefault(name, Set.of()))) {
          return cached;
        }
      }
      String escaped = name.replace("/", "%2f");
      HttpRequest req =
          HttpRequest.newBuilder(URI.create(registry + escaped))
              .header("accept", "application/json")
              .timeout(Duration.ofSeconds(60))
              .build();
      HttpResponse<byte[]> resp = null;
      for (int attempt = 0; attempt < 5; attempt++) {
        permits.acquire();
        try {
          resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
          break;
        } catch (IOException e) {
          if (attempt == 4) {
            throw new CoreException("EFETCH", "GET " + registry + escaped + ": " + e, e);
          }
          Thread.sleep(200L << attempt);
        } finally {
          permits.release();
        }
      }
      if (resp.statusCode() == 404) {
        throw new CoreException("E404", "404 Not Found - GET " + registry + escaped);
      }
      if (resp.statusCode() != 200) {
        throw new CoreException("E" + resp.statusCode(), "GET " + registry + escaped);
      }
      Files.createDirectories(cache);
      Path tmp = Files.createTempFile(cache, "p", ".tmp");
      Files.write(tmp, resp.body());
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return Packument.parse(resp.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
