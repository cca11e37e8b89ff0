package dev.quoll.client.install;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.ClientException;
import dev.quoll.client.cache.TarballDownloads;
import dev.quoll.client.cache.UnpackAhead;
import dev.quoll.client.registry.FetchedPackument;
import dev.quoll.client.registry.RegistryClient;
import dev.quoll.client.reify.Reifier;
import dev.quoll.client.tree.PackumentSource;
import dev.quoll.core.CoreException;
import dev.quoll.core.integrity.Integrity;
import dev.quoll.core.packument.Packument;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A {@link PackumentSource} backed by the {@link RegistryClient}: each packument is fetched at most
 * once per install, in the background when the tree builder hints at it.
 *
 * <p>Contract: {@link #prefetch} starts a fetch on a virtual thread for every name not yet asked
 * for. When speculating, {@link #wanted} hands each dependency spec to a {@link PickAhead}, which
 * resolves it as soon as its packument arrives and prefetches the picked version's dependencies in
 * turn (the whole graph is requested in about as many round trips as it is deep, not in the tree
 * builder's order); without speculation {@link #wanted} only prefetches the name. {@link
 * #packument} waits for the fetch of that name. With {@code --before}, versions published later are
 * removed (npm-pick-manifest's {@code before} rule via {@link FetchedPackument#versionsBefore}). A
 * failed prefetch is reported only when the builder asks for that name.
 */
public final class RegistryPackuments implements PackumentSource, AutoCloseable {
  private static final boolean TRACE = Boolean.getBoolean("quoll.trace");
  private final RegistryClient client;
  private final boolean speculate;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final FetchQueue<Packument> fetches =
      new FetchQueue<>(this::fetch, workers, BACKGROUND_FETCHES);
  private final TarballDownloads downloads; // null: no tarball prefetch
  private final UnpackAhead unpacker; // null: tarballs are only downloaded ahead
  private final PickAhead ahead = new PickAhead(fetches::hint, MAX_SPECULATIVE);

  /**
   * Background (hinted) packument fetches running at once; a packument the builder waits for starts
   * at once regardless. 24 kept two cores busy parsing without delaying the waited-for ones
   * (react-webpack, cold).
   */
  private static final int BACKGROUND_FETCHES = Integer.getInteger("quoll.backgroundFetches", 24);

  /** The most packuments fetched by speculation (a guard against a runaway graph). */
  private static final int MAX_SPECULATIVE = 5000;

  /**
   * @param client the registry client (its {@code before} option filters versions)
   * @param speculate whether to prefetch ahead of the builder ({@link PickAhead})
   */
  public RegistryPackuments(RegistryClient client, boolean speculate) {
    this(client, speculate, null);
  }

  /**
   * A source that also starts downloading the tarball of every version the tree builder picks
   * ({@link #picked}), so that downloads overlap tree building.
   *
   * @param client the registry client (its {@code before} option filters versions)
   * @param speculate whether to prefetch ahead of the builder ({@link PickAhead})
   * @param downloads the tarball pipeline the reifier will read from (closed with this source)
   */
  public RegistryPackuments(RegistryClient client, boolean speculate, TarballDownloads downloads) {
    this(client, speculate, downloads, null);
  }

  /**
   * A source that also starts downloading the tarball of every version the tree builder picks and,
   * for versions without install scripts, unpacks it into the store once verified ({@link
   * UnpackAhead}, with {@link Reifier#extractOptions}: the options reify uses), so that reify only
   * links.
   *
   * @param client the registry client (its {@code before} option filters versions)
   * @param speculate whether to prefetch ahead of the builder ({@link PickAhead})
   * @param downloads the tarball pipeline the reifier will read from (closed with this source)
   * @param unpacker the background unpacker the reifier claims entries from, writing to the
   *     reifier's store through {@code downloads} (closed with this source, before {@code
   *     downloads})
   */
  public RegistryPackuments(
      RegistryClient client, boolean speculate, TarballDownloads downloads, UnpackAhead unpacker) {
    this.client = client;
    this.speculate = speculate;
    this.downloads = downloads;
    this.unpacker = unpacker;
  }

  /**
   * @throws CoreException {@code E404} and the other fetch failures of {@link
   *     RegistryClient#packument}
   */
  @Override
  public Packument packument(String name) {
    try {
      CompletableFuture<Packument> f = fetches.get(name);
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
      fetches.hint(n);
    }
  }

  /** Prefetches {@code realName}, and with speculation what its picked version depends on. */
  @Override
  public void wanted(String name, String spec, String realName) {
    if (speculate) {
      ahead.want(name, spec);
    } else {
      fetches.hint(realName);
    }
  }

  /** Starts the tarball download when this source was given a {@link TarballDownloads}. */
  @Override
  public void picked(String name, String id, String resolved, String integrity) {
    if (downloads != null) {
      Integrity.parse(integrity).ifPresent(i -> downloads.prefetch(name, id, resolved, i));
    }
  }

  /**
   * Starts the tarball download when this source was given a {@link TarballDownloads}, and unpacks
   * it ahead when given an {@link UnpackAhead} and the version has no install scripts (those reify
   * unpacks into node_modules, not from the store).
   */
  @Override
  public void picked(
      String name,
      String id,
      String resolved,
      String integrity,
      Map<String, String> bin,
      boolean hasInstallScript) {
    if (unpacker == null || hasInstallScript) {
      picked(name, id, resolved, integrity);
      return;
    }
    Integrity.parse(integrity)
        .ifPresent(i -> unpacker.unpack(name, id, resolved, i, Reifier.extractOptions(bin)));
  }

  /** How many packuments were requested so far. */
  public int requested() {
    return fetches.size();
  }

  private Packument fetch(String name) {
    FetchedPackument fetched = client.packument(name);
    ObjectNode doc =
        client.options().beforeDate().map(fetched::versionsBefore).orElse(fetched.document());
    Packument p = Packument.from(doc);
    if (speculate) {
      ahead.arrived(p);
    }
    return p;
  }

  /** Stops the background fetches still running, and the tarball downloads when given. */
  @Override
  public void close() {
    workers.shutdownNow();
    if (unpacker != null) {
      unpacker.close();
    }
    if (downloads != null) {
      downloads.close();
    }
  }
}
