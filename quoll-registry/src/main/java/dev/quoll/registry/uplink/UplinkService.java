package dev.quoll.registry.uplink;

import dev.quoll.core.CoreException;
import dev.quoll.core.integrity.IntegrityChecker;
import dev.quoll.core.integrity.VerifyingInputStream;
import dev.quoll.core.name.PackageName;
import dev.quoll.core.packument.Dist;
import dev.quoll.core.packument.Packument;
import dev.quoll.core.packument.VersionManifest;
import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import dev.quoll.registry.packages.RenderCache;
import dev.quoll.registry.packages.RenderedPackument;
import dev.quoll.registry.storage.BlobStore;
import dev.quoll.registry.storage.MetadataStore;
import dev.quoll.registry.storage.MetadataStore.UplinkPackument;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Packages not published here, proxied from the uplink (architecture note "Uplink").
 *
 * <p>Guarantees: a packument is fetched once and kept (database and rendered bytes); within {@code
 * maxAge} it is served without asking the upstream, after that it is revalidated with the upstream
 * ETag; when the upstream fails, the cached copy is served and marked stale ({@link
 * Served#stale()}), and without one the request fails with 502. Served documents have their tarball
 * URLs rewritten to this registry; the abbreviated form is derived locally. A tarball is downloaded
 * on first request, checked against the version's {@code dist.integrity} (else {@code dist.shasum})
 * while it streams into the blob store, and kept: a mismatch stores nothing and fails with 502.
 *
 * <p>An upstream 404 is remembered ({@link UplinkMisses}: in this node's memory, or in the database
 * shared by every node) for {@code missingMaxAge} and answered as not found without asking again.
 * Concurrent requests that need the upstream for the same package (or the same tarball) make one
 * upstream request: the first does the work, the others wait and share its answer ({@link
 * SingleFlight}).
 */
public final class UplinkService {
  private static final String BLOB_PREFIX = "~uplink/";
  private final UplinkClient client;
  private final MetadataStore store;
  private final BlobStore blobs;
  private final String baseUrl;
  private final Duration maxAge;
  private final Clock clock;
  private final RenderCache<Cached> cache;
  private final Duration missingMaxAge;
  private final UplinkMisses misses;
  private final SingleFlight<String, Optional<Served>> packumentFlights = new SingleFlight<>();
  private final SingleFlight<String, Optional<BlobStore.Blob>> tarballFlights =
      new SingleFlight<>();

  private record Cached(UplinkPackument source, RenderedPackument rendered) {}

  /**
   * A document from the uplink.
   *
   * @param rendered the rewritten, rendered documents
   * @param stale whether the upstream could not confirm it just now
   */
  public record Served(RenderedPackument rendered, boolean stale) {}

  /**
   * @param client the upstream client
   * @param store where fetched packuments are kept
   * @param blobs where fetched tarballs are kept
   * @param baseUrl this registry's public URL (ends in {@code /})
   * @param maxAge how long a fetched packument is served without revalidation
   * @param missingMaxAge how long an upstream 404 is remembered (zero: not at all)
   * @param clock the time source
   * @param cacheBytes the most bytes of documents kept in memory
   */
  public UplinkService(
      UplinkClient client,
      MetadataStore store,
      BlobStore blobs,
      URI baseUrl,
      Duration maxAge,
      Duration missingMaxAge,
      Clock clock,
      long cacheBytes) {
    this(
        client,
        store,
        blobs,
        baseUrl,
        maxAge,
        missingMaxAge,
        clock,
        cacheBytes,
        new MemoryUplinkMisses());
  }

  /**
   * An uplink proxy whose remembered 404s live in the given place (the database when several nodes
   * serve).
   *
   * @param client the upstream client
   * @param store where fetched packuments are kept
   * @param blobs where fetched tarballs are kept
   * @param baseUrl this registry's public URL (ends in {@code /})
   * @param maxAge how long a fetched packument is served without revalidation
   * @param missingMaxAge how long an upstream 404 is remembered (zero: not at all)
   * @param clock the time source
   * @param cacheBytes the most bytes of documents kept in memory
   * @param misses where upstream 404s are remembered
   */
  public UplinkService(
      UplinkClient client,
      MetadataStore store,
      BlobStore blobs,
      URI baseUrl,
      Duration maxAge,
      Duration missingMaxAge,
      Clock clock,
      long cacheBytes,
      UplinkMisses misses) {
    this.misses = misses;
    this.missingMaxAge = missingMaxAge;
    this.cache =
        new RenderCache<>(
            cacheBytes, c -> c.rendered().byteSize() + 2L * c.source().document().length());
    this.client = client;
    this.store = store;
    this.blobs = blobs;
    this.baseUrl = baseUrl.toString();
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /**
   * @param name a package not published here
   * @return its documents, or empty when the upstream does not have it
   * @throws RegistryException {@code BAD_GATEWAY} when the upstream fails and nothing is cached
   */
  public Optional<Served> findPackument(PackageName name) {
    Optional<Served> fresh = freshFromCache(name);
    if (fresh.isPresent()) {
      return fresh;
    }
    return packumentFlights.run(name.name(), () -> fetchPackument(name, false));
  }

  /**
   * Revalidates cached packuments with the upstream now, whatever their age: one pass of the
   * background refresh ({@code storage.LeasedJob} {@code uplink-refresh}, one node at a time). The
   * refreshed rows carry a new check time, and every node's next read past {@code maxAge} takes
   * them from the database instead of asking the upstream itself.
   *
   * @param names package names cached from the uplink, e.g. from {@code
   *     storage.StaleUplinkPackuments}
   * @return how many the upstream confirmed or replaced (a failure or 404 is not counted; a 404
   *     drops the cached copy as a read would)
   */
  public int refresh(List<String> names) {
    int done = 0;
    for (String n : names) {
      try {
        PackageName name = PackageName.parseLegacy(n);
        if (packumentFlights
            .run(n, () -> fetchPackument(name, true))
            .filter(s -> !s.stale())
            .isPresent()) {
          done++;
        }
      } catch (CoreException | RegistryException e) {
        System.err.println("quoll: uplink refresh of " + n + " failed: " + e.getMessage());
      }
    }
    return done;
  }

  private boolean isFresh(Cached c, Instant now) {
    return c.source().checked().plus(maxAge).isAfter(now);
  }

  private Optional<Served> freshFromCache(PackageName name) {
    return cache
        .find(name.name())
        .filter(c -> c.source().checked().plus(maxAge).isAfter(clock.instant()))
        .map(c -> new Served(c.rendered(), false));
  }

  private Optional<Served> fetchPackument(PackageName name, boolean force) {
    Cached cached = cache.find(name.name()).orElse(null);
    Instant now = clock.instant();
    if (cached == null || !force && !isFresh(cached, now)) {
      // not in memory, or stale there: another node (the refresh job) may have revalidated it
      Cached mine = cached;
      Optional<UplinkPackument> row = store.findUplinkPackument(name.name());
      if (row.isPresent()
          && (mine == null || row.get().checked().isAfter(mine.source().checked()))) {
        UplinkPackument p = row.get();
        cached =
            new Cached(
                p,
                mine != null && mine.source().document().equals(p.document())
                    ? mine.rendered()
                    : render(p));
        cache.save(name.name(), cached);
      }
    }
    if (!force && cached != null && isFresh(cached, now)) {
      return Optional.of(new Served(cached.rendered(), false));
    }
    if (cached == null && !missingMaxAge.isZero() && misses.isMissing(name.name(), now)) {
      return Optional.empty();
    }
    Optional<String> etag = Optional.ofNullable(cached).map(c -> c.source().etag());
    return switch (client.packument(name.escapedName(), etag)) {
      case UplinkClient.Fetch.Fresh f -> {
        UplinkPackument p =
            new UplinkPackument(
                name.name(), new String(f.body(), StandardCharsets.UTF_8), f.etag(), now);
        Cached next;
        try {
          next = new Cached(p, render(p));
        } catch (CoreException e) {
          throw new RegistryException(
              Kind.BAD_GATEWAY, "upstream sent an unreadable document for " + name);
        }
        store.saveUplinkPackument(p);
        cache.save(name.name(), next);
        if (cached == null && !missingMaxAge.isZero()) {
          misses.forget(name.name());
        }
        yield Optional.of(new Served(next.rendered(), false));
      }
      case UplinkClient.Fetch.NotModified nm -> {
        UplinkPackument p =
            new UplinkPackument(
                name.name(), cached.source().document(), cached.source().etag(), now);
        store.saveUplinkPackument(p);
        cache.save(name.name(), new Cached(p, cached.rendered()));
        yield Optional.of(new Served(cached.rendered(), false));
      }
      case UplinkClient.Fetch.Missing m -> {
        cache.remove(name.name());
        rememberMissing(name.name(), now);
        yield Optional.empty();
      }
      case UplinkClient.Fetch.Failed failed -> {
        if (cached == null) {
          throw new RegistryException(
              Kind.BAD_GATEWAY, "Uplink failed for " + name + ": " + failed.reason());
        }
        yield Optional.of(new Served(cached.rendered(), true));
      }
    };
  }

  /**
   * A tarball of an uplink package, downloaded and verified on first use.
   *
   * @param name the package
   * @param file the file name, e.g. {@code p-1.0.0.tgz}
   * @return the kept blob, or empty when no version of the upstream document has that file
   * @throws RegistryException {@code BAD_GATEWAY} when the download fails or does not match its
   *     integrity
   */
  public Optional<BlobStore.Blob> findTarball(PackageName name, String file) {
    String key;
    try {
      key = BlobStore.checkKey(BLOB_PREFIX + name.name() + "/-/" + file);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    try {
      Optional<BlobStore.Blob> kept = blobs.find(key);
      if (kept.isPresent()) {
        return kept;
      }
    } catch (IOException e) {
      throw new RegistryException(Kind.BAD_GATEWAY, "Uplink tarball failed: " + e.getMessage(), e);
    }
    return tarballFlights.run(key, () -> fetchTarball(name, file, key));
  }

  private Optional<BlobStore.Blob> fetchTarball(PackageName name, String file, String key) {
    try {
      Optional<BlobStore.Blob> kept = blobs.find(key);
      if (kept.isPresent()) {
        return kept;
      }
      Optional<Served> doc = findPackument(name);
      if (doc.isEmpty()) {
        return Optional.empty();
      }
      Packument upstream =
          Packument.parse(
              cache
                  .find(name.name())
                  .map(c -> c.source().document())
                  .or(() -> store.findUplinkPackument(name.name()).map(UplinkPackument::document))
                  .orElseThrow()
                  .getBytes(StandardCharsets.UTF_8));
      for (VersionManifest v : upstream.versionManifests().values()) {
        Optional<Dist> dist = v.dist();
        Optional<String> url = dist.flatMap(Dist::tarball);
        if (url.isPresent() && url.get().substring(url.get().lastIndexOf('/') + 1).equals(file)) {
          return download(key, URI.create(url.get()), dist.get());
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new RegistryException(Kind.BAD_GATEWAY, "Uplink tarball failed: " + e.getMessage(), e);
    }
  }

  private void rememberMissing(String name, Instant now) {
    if (missingMaxAge.isZero()) {
      return;
    }
    misses.remember(name, now.plus(missingMaxAge), now);
  }

  private Optional<BlobStore.Blob> download(String key, URI url, Dist dist) throws IOException {
    IntegrityChecker checker =
        dist.integrity().isPresent()
            ? IntegrityChecker.of(dist.integrity().get(), -1)
            : IntegrityChecker.ofShasum(
                dist.shasum()
                    .orElseThrow(
                        () ->
                            new RegistryException(
                                Kind.BAD_GATEWAY, "upstream version has no integrity")));
    Optional<InputStream> body = client.tarball(url);
    if (body.isEmpty()) {
      return Optional.empty();
    }
    try (InputStream in = new VerifyingInputStream(body.get(), checker)) {
      blobs.save(key, in);
    } catch (CoreException e) {
      throw new RegistryException(
          Kind.BAD_GATEWAY, "Uplink tarball failed its integrity check: " + e.getMessage(), e);
    }
    return blobs.find(key);
  }

  private RenderedPackument render(UplinkPackument p) {
    Packument doc = Packument.parse(p.document().getBytes(StandardCharsets.UTF_8));
    return RenderedPackument.of(doc.withTarballBase(baseUrl), 0);
  }
}
