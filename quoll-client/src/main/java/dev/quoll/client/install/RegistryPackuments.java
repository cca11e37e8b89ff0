package dev.quoll.client.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.ClientException;
import dev.quoll.client.cache.TarballDownloads;
import dev.quoll.client.registry.FetchedPackument;
import dev.quoll.client.registry.RegistryClient;
import dev.quoll.client.tree.PackumentSource;
import dev.quoll.core.CoreException;
import dev.quoll.core.integrity.Integrity;
import dev.quoll.core.packument.Packument;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A {@link PackumentSource} backed by the {@link RegistryClient}: each packument is fetched at most
 * once per install, in the background when the tree builder hints at it.
 *
 * <p>Contract: {@link #prefetch} starts a fetch on a virtual thread for every name not yet asked
 * for; when a fetched document arrives, the dependencies of its {@code latest} version (and peer
 * dependencies) are prefetched as well, a guess at what the builder will ask for next (most ranges
 * resolve to the newest version). {@link #packument} waits for the fetch of that name. With {@code
 * --before}, versions published later are removed (npm-pick-manifest's {@code before} rule via
 * {@link FetchedPackument#versionsBefore}). A failed prefetch is reported only when the builder
 * asks for that name.
 */
public final class RegistryPackuments implements PackumentSource, AutoCloseable {
  private static final boolean TRACE = Boolean.getBoolean("quoll.trace");
  private final RegistryClient client;
  private final boolean speculate;
  private final Map<String, CompletableFuture<Packument>> fetches = new ConcurrentHashMap<>();
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final TarballDownloads downloads; // null: no tarball prefetch

  /**
   * @param client the registry client (its {@code before} option filters versions)
   * @param speculate whether to prefetch the dependencies of each fetched packument's latest
   *     version
   */
  public RegistryPackuments(RegistryClient client, boolean speculate) {
    this(client, speculate, null);
  }

  /**
   * A source that also starts downloading the tarball of every version the tree builder picks
   * ({@link #picked}), so that downloads overlap tree building.
   *
   * @param client the registry client (its {@code before} option filters versions)
   * @param speculate whether to prefetch the dependencies of each fetched packument's latest
   *     version
   * @param downloads the tarball pipeline the reifier will read from (closed with this source)
   */
  public RegistryPackuments(RegistryClient client, boolean speculate, TarballDownloads downloads) {
    this.client = client;
    this.speculate = speculate;
    this.downloads = downloads;
  }

  /**
   * @throws CoreException {@code E404} and the other fetch failures of {@link
   *     RegistryClient#packument}
   */
  @Override
  public Packument packument(String name) {
    try {
      CompletableFuture<Packument> f = start(name);
      if (TRACE) {
        long t0 = System.nanoTime();
        boolean done = f.isDone();
        f.join();
        System.err.printf(
            "packument %s %s %.0f ms%n",
            name, done ? "ready" : "wait", (System.nanoTime() - t0) / 1e6);
      }
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new ClientException("EFETCH", String.valueOf(e.getCause()), e.getCause());
    }
  }

  @Override
  public void prefetch(Collection<String> names) {
    for (String n : names) {
      start(n);
    }
  }

  /** Starts the tarball download when this source was given a {@link TarballDownloads}. */
  @Override
  public void picked(String name, String id, String resolved, String integrity) {
    if (downloads != null) {
      Integrity.parse(integrity).ifPresent(i -> downloads.prefetch(name, id, resolved, i));
    }
  }

  /** How many packuments were requested so far. */
  public int requested() {
    return fetches.size();
  }

  private CompletableFuture<Packument> start(String name) {
    return fetches.computeIfAbsent(
        name, n -> CompletableFuture.supplyAsync(() -> fetch(n), workers));
  }

  private Packument fetch(String name) {
    FetchedPackument fetched = client.packument(name);
    ObjectNode doc =
        client.options().beforeDate().map(fetched::versionsBefore).orElse(fetched.document());
    if (speculate) {
      speculate(doc);
    }
    return Packument.from(doc);
  }

  private void speculate(ObjectNode doc) {
    String latest = doc.path("dist-tags").path("latest").asText("");
    JsonNode v = doc.path("versions").path(latest);
    for (String field : new String[] {"dependencies", "peerDependencies"}) {
      for (Map.Entry<String, JsonNode> e : v.path(field).properties()) {
        String spec = e.getValue().asText("");
        if (spec.startsWith("npm:")) {
          String rest = spec.substring(4);
          int at = rest.indexOf('@', 1);
          start(at < 0 ? rest : rest.substring(0, at));
        } else if (!spec.contains(":") && !spec.contains("/")) {
          start(e.getKey());
        }
      }
    }
  }

  /** Stops the background fetches still running, and the tarball downloads when given. */
  @Override
  public void close() {
    workers.shutdownNow();
    if (downloads != null) {
      downloads.close();
    }
  }
}
