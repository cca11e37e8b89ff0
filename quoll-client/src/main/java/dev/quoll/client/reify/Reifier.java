package dev.quoll.client.reify;

import dev.quoll.client.ClientException;
import dev.quoll.client.cache.ContentCache;
import dev.quoll.client.cache.StoreLinker;
import dev.quoll.client.cache.StoredPackage;
import dev.quoll.client.cache.TarballDownloads;
import dev.quoll.client.cache.UnpackAhead;
import dev.quoll.client.cache.UnpackedStore;
import dev.quoll.client.fetch.GitPreparer;
import dev.quoll.client.fetch.PackageFetcher;
import dev.quoll.client.registry.HttpStatusException;
import dev.quoll.client.registry.RegistryClient;
import dev.quoll.core.CoreException;
import dev.quoll.core.integrity.Integrity;
import dev.quoll.core.path.FolderSpread;
import dev.quoll.core.path.FolderTrees;
import dev.quoll.core.path.UniqueNames;
import dev.quoll.core.tarball.ExtractOptions;
import dev.quoll.core.tarball.Extraction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Makes a project's node_modules match a {@link ReifyPlan} (arborist 9's {@code reify}, for an
 * ideal tree already built).
 *
 * <p>Contract:
 *
 * <ol>
 *   <li><b>Diff.</b> The packages on disk ({@link ActualTree}) are compared with the plan by
 *       location: a package is kept when name, version and (when known on both sides) integrity, or
 *       the link target, are the same and no package folder above it changes. Everything else
 *       planned is added; everything on disk that is not kept is removed. Bundled packages ({@code
 *       inBundle}) are never fetched: they are kept with the package that bundles them or arrive
 *       again inside its tarball.
 *   <li><b>Stage.</b> Tarballs are fetched (once, into the {@link ContentCache}, unless already
 *       there; a {@code file:} tarball is read from the project folder, a git dependency is cloned
 *       and packed first by {@link PackageFetcher#gitTarball}, its integrity computed over the
 *       packed bytes) and extracted from the cache file, in parallel, into a staging folder {@code
 *       node_modules/.quoll-stage-<id>} inside the project; every byte is verified against the
 *       integrity once: while it is downloaded (registry tarballs all go through one {@link
 *       TarballDownloads} pipeline, which bounds its own requests), or during extraction for a
 *       tarball cached before. Nothing outside the staging folder is touched in this phase; a
 *       failure of a non-optional package deletes the staging folder and fails with node_modules as
 *       it was. With an {@link UnpackedStore} ({@link #linkingFrom}), packages without install
 *       scripts are instead placed in the staging folder by hard links from the store entry of
 *       their integrity (unpacked from the verified cached tarball on first use), on a bounded pool
 *       of link threads. Given a {@link PlaceAhead} ({@link #reify(ReifyPlan, Optional)}), its
 *       staging folder is this run's, and a package it placed for the same location and integrity
 *       is adopted instead of being placed again. The folder the packages are made in is marked by
 *       {@link FolderSpread} first when 64 or more are added.
 *   <li><b>Swap.</b> Old folders are renamed into the staging folder, new ones renamed into place,
 *       links created, shallow first; every step is journaled.
 *   <li><b>Build.</b> For the added packages, in arborist's order (depth, then location): all
 *       {@code preinstall} scripts, then bins linked into {@code .bin} ({@link BinLinker}), then
 *       {@code install} ({@code node-gyp rebuild} when {@code binding.gyp} exists and neither
 *       {@code install} nor {@code preinstall} is set), then {@code postinstall}; links' targets
 *       also run {@code prepare} ({@link ScriptBuild}). Links kept in place at the top of
 *       node_modules or pointing inside the project (workspaces) run their scripts again, as in
 *       arborist. No script runs with {@code ignoreScripts}.
 *   <li><b>Failure.</b> A failing optional package (fetch, integrity, extraction or script) is
 *       removed together with the packages placed inside it and reported as skipped. Any other
 *       failure reverts the journal, so node_modules is exactly as it was, and is rethrown ({@code
 *       ELIFECYCLE} for a script).
 *   <li><b>Commit.</b> The staging folder (holding the old folders) is deleted, empty scope folders
 *       are removed, and npm's hidden lockfile {@code node_modules/.package-lock.json} is deleted
 *       when anything changed (the caller writes the new one).
 * </ol>
 */
public final class Reifier {
  private final RegistryClient client;
  private final ContentCache cache;
  private final Optional<UnpackedStore> store;
  private final int linkThreads;
  private final Optional<TarballDownloads> downloads;
  private final Optional<UnpackAhead> ahead;
  private final Optional<GitPreparer> gitPreparer;

  /** From how many added packages on the staging folder is marked by {@link FolderSpread}. */
  private static final int SPREAD_MIN = 64;

  /** Packages linked from the store at once by default (measured: see bench/RESULTS.md). */
  public static final int DEFAULT_LINK_THREADS = 8;

  /**
   * A reifier that unpacks every package from its verified tarball, as npm does, downloading
   * missing tarballs through a {@link TarballDownloads} pipeline of its own for each {@link #reify}
   * (its executor closed when {@code reify} returns).
   *
   * @param client fetches tarballs missing from the cache
   * @param cache the content-addressed tarball cache
   */
  public Reifier(RegistryClient client, ContentCache cache) {
    this(
        client,
        cache,
        Optional.empty(),
        DEFAULT_LINK_THREADS,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private Reifier(
      RegistryClient client,
      ContentCache cache,
      Optional<UnpackedStore> store,
      int linkThreads,
      Optional<TarballDownloads> downloads,
      Optional<UnpackAhead> ahead,
      Optional<GitPreparer> gitPreparer) {
    this.client = client;
    this.cache = cache;
    this.store = store;
    this.linkThreads = linkThreads;
    this.downloads = downloads;
    this.ahead = ahead;
    this.gitPreparer = gitPreparer;
  }

  /**
   * This reifier, but getting missing tarballs through a download pipeline that may already have
   * started (or finished) them while the tree was built; it must write to this reifier's cache. The
   * caller closes it. Tarballs it downloaded in this process are unpacked without hashing them a
   * second time ({@link TarballDownloads#open}).
   *
   * @param pipeline the downloads
   * @return a new reifier
   */
  public Reifier downloadingWith(TarballDownloads pipeline) {
    return new Reifier(
        client, cache, store, linkThreads, Optional.of(pipeline), ahead, gitPreparer);
  }

  /**
   * This reifier, but preparing git dependencies that need it before packing them ({@link
   * PackageFetcher#gitTarball(String, boolean, Optional)}); without one they fail with {@code
   * EGITPREPARE} unless scripts are ignored.
   *
   * @param preparer the preparer, or empty
   * @return a new reifier
   */
  public Reifier preparingGitWith(Optional<GitPreparer> preparer) {
    return new Reifier(client, cache, store, linkThreads, downloads, ahead, preparer);
  }

  /**
   * This reifier, but taking the store entries that {@code unpacker} unpacked (or is unpacking)
   * while the tree was built instead of unpacking them again ({@link UnpackAhead#claim}); packages
   * it has not started are unpacked by reify as usual. Only used with {@link #linkingFrom}, whose
   * store {@code unpacker} must fill, with {@link #downloadingWith} its pipeline. The caller closes
   * it.
   *
   * @param unpacker the background unpacker
   * @return a new reifier
   */
  public Reifier unpackingAheadWith(UnpackAhead unpacker) {
    return new Reifier(
        client, cache, store, linkThreads, downloads, Optional.of(unpacker), gitPreparer);
  }

  /**
   * This reifier, but placing packages without install scripts ({@code hasInstallScript} false, or
   * scripts ignored) from an {@link UnpackedStore} (filled from the verified tarball on first use)
   * by hard links instead of unpacking them, as pnpm and bun do ({@link
   * dev.quoll.client.cache.StoreLinker}: files copied when the store is on another file system; a
   * store entry whose files changed size or time since unpacking is unpacked again). An edit of
   * such a file in node_modules in place also changes the store copy, which the next install
   * detects by that size-and-time rule.
   *
   * @param unpacked the store
   * @return a new reifier, with {@link #DEFAULT_LINK_THREADS} link threads
   */
  public Reifier linkingFrom(UnpackedStore unpacked) {
    return linkingFrom(unpacked, DEFAULT_LINK_THREADS);
  }

  /**
   * As {@link #linkingFrom(UnpackedStore)}, with a chosen number of packages linked at once.
   *
   * @param unpacked the store
   * @param threads packages linked at once (1 or more; IO-bound, so more than the cores)
   * @return a new reifier
   * @throws IllegalArgumentException when {@code threads < 1}
   */
  public Reifier linkingFrom(UnpackedStore unpacked, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
    return new Reifier(
        client, cache, Optional.of(unpacked), threads, downloads, ahead, gitPreparer);
  }

  /**
   * A fetcher for the packages of a project that do not come from a registry ({@code file:}
   * tarballs, remote tarball URLs, git), storing tarballs in this reifier's cache.
   *
   * @param projectDir the project folder
   * @return a new fetcher
   */
  public PackageFetcher sourceFetcher(Path projectDir) {
    return new PackageFetcher(client, cache, projectDir);
  }

  /**
   * Reifies a plan.
   *
   * @param plan the packages to place, the project root and options
   * @return what changed
   * @throws ClientException {@code EINTEGRITY} naming the package, {@code E<status>} and network
   *     codes from the registry, {@code ELIFECYCLE} for a failing script, {@code EBADTAR} for a
   *     broken tarball; node_modules is left as it was
   * @throws UncheckedIOException when the file system fails (also rolled back)
   */
  public ReifyResult reify(ReifyPlan plan) {
    return reify(plan, Optional.empty());
  }

  /**
   * Starts placing a lockfile's packages from the unpacked store while the ideal tree is built
   * ({@link PlaceAhead}), for a later {@link #reify(ReifyPlan, Optional)}.
   *
   * @param root the project folder
   * @param candidates the lockfile's registry packages, in lockfile order (asked for only when
   *     placing can start)
   * @return the running placements; empty without an unpacked store ({@link #linkingFrom}), when
   *     the project has a node_modules folder, with no candidates, or when the folders cannot be
   *     created
   */
  public Optional<PlaceAhead> placeAhead(
      Path root, Supplier<List<PlaceAhead.Candidate>> candidates) {
    return store.flatMap(s -> PlaceAhead.start(root, candidates, s, linkThreads));
  }

  /**
   * As {@link #reify(ReifyPlan)}, adopting the staging folder of {@code placed} (started by {@link
   * #placeAhead} for this project) and claiming the packages it placed; the caller still closes
   * {@code placed} afterwards.
   *
   * @param plan the packages to place, the project root and options
   * @param placed packages placed ahead, if any
   * @return what changed
   * @throws ClientException as {@link #reify(ReifyPlan)}
   * @throws UncheckedIOException as {@link #reify(ReifyPlan)}
   */
  public ReifyResult reify(ReifyPlan plan, Optional<PlaceAhead> placed) {
    Path root = plan.root();
    Map<String, ActualTree.Installed> actual = ActualTree.scan(root, linkedFolders(plan));
    ReifyDiff diff = ReifyDiff.of(plan.packages(), actual);
    if (plan.options().dryRun()) {
      return new ReifyResult(locs(diff.add()), diff.removeAll(), diff.keep(), List.of(), List.of())
          .withPrevious(actual);
    }
    if (diff.add().isEmpty() && diff.removeAll().isEmpty()) {
      List<ScriptRun> ran = Collections.synchronizedList(new ArrayList<>());
      new ScriptBuild(
              root,
              plan.options(),
              new BinLinker(root, new Journal()),
              l -> false,
              l -> false,
              p -> {
                throw new IllegalStateException("kept links are never dropped");
              },
              ran,
              new ConcurrentHashMap<>())
          .build(List.of(), keptLinks(plan, diff));
      return new ReifyResult(List.of(), List.of(), diff.keep(), List.of(), List.copyOf(ran));
    }
    Path nm = root.resolve("node_modules");
    Journal journal = new Journal();
    Path stage =
        placed
            .map(PlaceAhead::stage)
            .orElseGet(() -> nm.resolve(".quoll-stage-" + UniqueNames.next()));
    // PlaceAhead starts only where there is no node_modules, and makes it
    boolean createdNm = placed.isPresent() || !Files.isDirectory(nm);
    try {
      Files.createDirectories(stage);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // one way to download: the given pipeline, else one for this run (its executor closed below)
    TarballDownloads own =
        downloads.isPresent()
            ? null
            : new TarballDownloads(client, cache, plan.options().fetchConcurrency());
    Run run = new Run(plan, stage, journal, downloads.orElse(own), placed);
    Thread onExit = rollbackOnExit(journal, stage, createdNm ? nm : null);
    try {
      ReifyResult result = run.execute(diff, actual).withPrevious(actual);
      journal.commit();
      cleanUp(stage, nm, diff);
      return result;
    } catch (RuntimeException | Error e) {
      try {
        journal.undo();
      } finally {
        FolderTrees.delete(stage);
        if (createdNm) {
          FolderTrees.delete(nm);
        }
      }
      throw e;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(onExit);
      } catch (IllegalStateException e) {
        // the process is being stopped: the hook is running or has run
      }
      if (own != null) {
        own.close();
      }
    }
  }

  /**
   * Registers what a process stopped mid-reify (Ctrl-C, SIGTERM) does before it exits, as
   * arborist's reify does on a signal: the journal is reverted unless it was committed, and the
   * staging folder (and node_modules, when this run created it) is deleted, best effort.
   */
  private static Thread rollbackOnExit(Journal journal, Path stage, Path createdNm) {
    Thread hook =
        new Thread(
            () -> {
              try {
                if (journal.undoUnlessCommitted()) {
                  FolderTrees.delete(stage);
                  if (createdNm != null) {
                    FolderTrees.delete(createdNm);
                  }
                }
              } catch (RuntimeException e) {
                // best effort while the process exits
              }
            },
            "quoll-reify-rollback");
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  /**
   * The options reify extracts a package's tarball with (into node_modules or into the store):
   * strict, and the bin files made executable (npm's pacote/bin-links modes). {@link UnpackAhead}
   * must unpack with these to make the same store entry.
   *
   * @param bin the package's {@code bin} (command to package-relative file; {@code \\} read as
   *     {@code /}), as {@link PlacedPackage#bin} holds it
   * @return the options
   */
  public static ExtractOptions extractOptions(Map<String, String> bin) {
    Set<String> paths =
        bin.values().stream()
            .map(v -> dev.quoll.core.path.PosixPath.normalize(v.replace('\\', '/')))
            .collect(Collectors.toSet());
    return ExtractOptions.DEFAULT.withBinPaths(paths).withStrict(true);
  }

  /** The project folders the plan links to or places packages in (workspaces, file: folders). */
  private static Set<String> linkedFolders(ReifyPlan plan) {
    Set<String> out = new java.util.TreeSet<>();
    for (PlacedPackage p : plan.packages()) {
      if (p.source() instanceof PackageSource.Link l
          && Locations.isValid(l.target() + "/node_modules/x")) {
        out.add(l.target());
      }
      if (!Locations.folderOf(p.location()).isEmpty()) {
        out.add(Locations.folderOf(p.location()));
      }
    }
    return out;
  }

  /**
   * Links left in place that arborist's {@code reify} rebuilds on every install: those directly in
   * the root's node_modules, or pointing inside the project (workspaces, {@code file:} folders).
   */
  private static List<PlacedPackage> keptLinks(ReifyPlan plan, ReifyDiff diff) {
    Set<String> kept = new java.util.HashSet<>(diff.keep());
    return plan.packages().stream()
        .filter(p -> kept.contains(p.location()))
        .filter(
            p ->
                p.source() instanceof PackageSource.Link l
                    && (Locations.depth(p.location()) == 1 || !l.target().startsWith("..")))
        .toList();
  }

  private static List<String> locs(List<PlacedPackage> ps) {
    return ps.stream().map(PlacedPackage::location).toList();
  }

  private static void cleanUp(Path stage, Path nm, ReifyDiff diff) {
    FolderTrees.delete(stage);
    for (String loc : diff.removeAll()) {
      Path parent = nm.getParent().resolve(loc).getParent();
      if (parent.getFileName().toString().startsWith("@")) {
        try {
          Files.deleteIfExists(parent);
        } catch (DirectoryNotEmptyException e) {
          // other packages of the scope remain
        } catch (IOException e) {
          // best effort
        }
      }
    }
    try {
      Files.deleteIfExists(nm.resolve(".package-lock.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One reify run's state. */
  private final class Run {
    private final ReifyPlan plan;
    private final Path root;
    private final Path stage;
    private final Journal journal;
    private final BinLinker bins;
    private final Set<String> skipped = ConcurrentHashMap.newKeySet();
    private final List<ScriptRun> scripts = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Path> staged = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> linkedBins = new ConcurrentHashMap<>();
    private final TarballDownloads pipeline;
    private LinkPool linkPool;
    // placed from store entries whose package.json names no bins: their package.json is not read
    private final Set<String> binFree = ConcurrentHashMap.newKeySet();
    private final Optional<PlaceAhead> placed;
    // FolderSpread of the staging folder's "new", when many package folders are made there
    private CompletableFuture<Boolean> spread = CompletableFuture.completedFuture(false);

    Run(
        ReifyPlan plan,
        Path stage,
        Journal journal,
        TarballDownloads pipeline,
        Optional<PlaceAhead> placed) {
      this.plan = plan;
      this.placed = placed;
      this.pipeline = pipeline;
      this.root = plan.root();
      this.stage = stage;
      this.journal = journal;
      this.bins = new BinLinker(root, journal);
    }

    ReifyResult execute(ReifyDiff diff, Map<String, ActualTree.Installed> actual) {
      try {
        fetchAll(diff.add());
      } finally {
        placed.ifPresent(PlaceAhead::stop); // nothing more lands in the staging folder
      }
      swap(diff, actual);
      List<PlacedPackage> landed =
          diff.add().stream().filter(p -> !isSkipped(p.location())).toList();
      builder().build(landed, keptLinks(plan, diff));
      List<String> added =
          diff.add().stream().map(PlacedPackage::location).filter(l -> !isSkipped(l)).toList();
      List<String> skippedList = skipped.stream().sorted(Locations.BY_DEPTH).toList();
      return new ReifyResult(
          added, diff.removeAll(), diff.keep(), skippedList, List.copyOf(scripts));
    }

    private ScriptBuild builder() {
      return new ScriptBuild(
          root,
          plan.options(),
          bins,
          this::isSkipped,
          binFree::contains,
          this::dropOptional,
          scripts,
          linkedBins);
    }

    private boolean isSkipped(String loc) {
      return skipped.stream().anyMatch(s -> s.equals(loc) || Locations.isInside(loc, s));
    }

    // ---- stage ----

    private void fetchAll(List<PlacedPackage> add) {
      Semaphore fetches = new Semaphore(plan.options().fetchConcurrency());
      Semaphore extracts = new Semaphore(plan.options().extractConcurrency());
      // a list, not a map: hashing a whole PlacedPackage (a record) per package costs more
      List<Map.Entry<PlacedPackage, Future<?>>> futures = new ArrayList<>();
      try {
        // once (or already made by PlaceAhead): each package's folder is made in it
        Files.createDirectories(stage.resolve("new"));
        if (placed.isEmpty() && add.size() >= SPREAD_MIN) {
          spread = FolderSpread.markAsync(stage.resolve("new"));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // the pool is closed after the executor, which waits for every task
      try (LinkPool pool = new LinkPool(linkThreads);
          ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
        linkPool = pool;
        int i = 0;
        for (PlacedPackage p : add) {
          if (p.source() instanceof PackageSource.Tarball t) {
            Path dir = stage.resolve("new").resolve(Integer.toString(i++));
            futures.add(Map.entry(p, ex.submit(() -> fetchOne(p, t, dir, fetches, extracts))));
          } else if (p.source() instanceof PackageSource.Git g) {
            Path dir = stage.resolve("new").resolve(Integer.toString(i++));
            futures.add(
                Map.entry(
                    p,
                    ex.submit(
                        () -> fetchOne(p, gitTarball(p, g, fetches), dir, fetches, extracts))));
          }
        }
      }
      RuntimeException first = null;
      for (Map.Entry<PlacedPackage, Future<?>> e : futures) {
        try {
          e.getValue().get();
        } catch (java.util.concurrent.ExecutionException ex) {
          RuntimeException cause =
              ex.getCause() instanceof RuntimeException r
                  ? r
                  : new UncheckedIOException(new IOException(ex.getCause()));
          if (e.getKey().optional()) {
            skipped.add(e.getKey().location());
          } else if (first == null) {
            first = cause;
          }
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
          throw new ClientException("EINTR", "interrupted");
        }
      }
      if (first != null) {
        throw first;
      }
    }

    private Void fetchOne(
        PlacedPackage p, PackageSource.Tarball t, Path dir, Semaphore fetches, Semaphore extracts)
        throws InterruptedException {
      spread.join(); // before this package's folders are made
      ExtractOptions opts = extractOptions(p.bin());
      if (store.isPresent() && (plan.options().ignoreScripts() || !p.hasInstallScript())) {
        Optional<PlaceAhead.Placed> early =
            placed.flatMap(a -> a.claim(p.location(), t.integrity()));
        if (early.isPresent()) {
          if (!early.get().mayHaveBins()) {
            binFree.add(p.location());
          }
          staged.put(p.location(), early.get().dir());
          return null;
        }
        fromStore(p, t, dir, opts, fetches, extracts);
        staged.put(p.location(), dir);
        return null;
      }
      if (cache.find(t.integrity()).isEmpty()) {
        download(p, t, fetches);
      }
      extracts.acquire();
      try {
        extract(p, t, dir, opts);
      } catch (CoreException e) {
        if (!damagedCopy(e, t.integrity())) {
          throw e;
        }
        // a damaged cache entry: drop it, fetch again, and check again
        cache.remove(t.integrity());
        FolderTrees.delete(dir);
        extracts.release();
        try {
          download(p, t, fetches);
        } finally {
          extracts.acquire();
        }
        extract(p, t, dir, opts);
      } finally {
        extracts.release();
      }
      staged.put(p.location(), dir);
      return null;
    }

    /** Clones and packs a git dependency into the cache (a fetch slot); the tarball it became. */
    private PackageSource.Tarball gitTarball(
        PlacedPackage p, PackageSource.Git g, Semaphore fetches) throws InterruptedException {
      byte[] tgz;
      fetches.acquire();
      try {
        tgz = PackageFetcher.gitTarball(g.resolved(), plan.options().ignoreScripts(), gitPreparer);
      } finally {
        fetches.release();
      }
      return new PackageSource.Tarball(g.resolved(), cache.putBytes(p.id(), tgz));
    }

    /**
     * Places a package from the unpacked store: unpacked there first when missing (from the
     * verified cached tarball, downloaded when needed), then linked on the bounded link pool. An
     * entry whose files changed since they were unpacked is discarded and unpacked again, once.
     */
    private void fromStore(
        PlacedPackage p,
        PackageSource.Tarball t,
        Path dir,
        ExtractOptions opts,
        Semaphore fetches,
        Semaphore extracts)
        throws InterruptedException {
      UnpackedStore s = store.get();
      for (int attempt = 0; ; attempt++) {
        // an unpack started while the tree was built is waited for, never repeated
        Optional<StoredPackage> entry =
            attempt == 0 ? ahead.flatMap(a -> a.claim(t.integrity())) : Optional.empty();
        if (entry.isEmpty()) {
          entry = s.load(t.integrity());
        }
        if (entry.isEmpty()) {
          if (cache.find(t.integrity()).isEmpty()) {
            download(p, t, fetches);
          }
          extracts.acquire();
          try {
            entry =
                Optional.of(
                    s.add(p.id(), t.integrity(), () -> pipeline.open(p.id(), t.integrity()), opts));
          } catch (CoreException e) {
            if (attempt == 0 && damagedCopy(e, t.integrity())) {
              cache.remove(t.integrity()); // fetched again on the next attempt
              continue;
            }
            throw e instanceof ClientException
                ? e
                : new ClientException(e.code(), p.id() + ": " + e.getMessage(), e);
          } finally {
            extracts.release();
          }
        }
        try {
          linkPool.place(entry.get(), dir);
          if (!entry.get().mayHaveBins()) {
            binFree.add(p.location());
          }
          return;
        } catch (StoreLinker.StaleEntryException e) {
          FolderTrees.delete(dir);
          s.discard(t.integrity());
          if (attempt > 0) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }

    /**
     * Whether a failure to unpack a cached tarball came from a damaged cache copy (as pacote's
     * "cached data ... seems to be corrupted. Refreshing cache."): an integrity or size mismatch,
     * or any other failure (e.g. a gzip CRC error, met before the last byte is hashed) of a copy
     * whose bytes no longer match the integrity when read again in full.
     */
    private boolean damagedCopy(CoreException e, Integrity integrity) {
      if (e.code().equals("EINTEGRITY") || e.code().equals("EBADSIZE")) {
        return true;
      }
      try (InputStream in = cache.open("cached tarball", integrity)) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
        return false;
      } catch (CoreException | IOException | UncheckedIOException damaged) {
        return true;
      }
    }

    private void extract(PlacedPackage p, PackageSource.Tarball t, Path dir, ExtractOptions opts) {
      try (InputStream in = pipeline.open(p.id(), t.integrity())) {
        Extraction.extract(in, dir, opts);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (CoreException e) {
        if (e instanceof ClientException) {
          throw e;
        }
        throw new ClientException(e.code(), p.id() + ": " + e.getMessage(), e);
      }
    }

    /**
     * Brings a tarball into the cache: a {@code file:} tarball is read from the project (a fetch
     * slot), any other goes through the download pipeline, which bounds its own requests and joins
     * a download already under way (no fetch slot is held while waiting for it).
     */
    private void download(PlacedPackage p, PackageSource.Tarball t, Semaphore fetches)
        throws InterruptedException {
      if (!t.resolved().startsWith("file:")) {
        try {
          pipeline.ensure(p.name(), p.id(), t.resolved(), t.integrity());
        } catch (HttpStatusException e) {
          // arborist extracts `${node.name}@${resolved}`: npm's E404 names the folder's name
          String folder = p.location().substring(p.location().lastIndexOf("node_modules/") + 13);
          throw e.withPkgid(folder + "@" + e.url());
        }
        return;
      }
      fetches.acquire();
      try (InputStream in =
          Files.newInputStream(root.resolve(t.resolved().substring(5)).normalize())) {
        cache.put(p.id(), t.integrity(), in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        fetches.release();
      }
    }

    // ---- swap ----

    private void swap(ReifyDiff diff, Map<String, ActualTree.Installed> actual) {
      try {
        Files.createDirectories(stage.resolve("retired"));
        int i = 0;
        for (String loc : diff.removeTop()) {
          Path dir = root.resolve(loc);
          if (!Files.isSymbolicLink(dir)) {
            bins.unlink(loc, BinLinker.binsOf(dir, Map.of()));
          }
          journal.move(dir, stage.resolve("retired").resolve(Integer.toString(i++)));
        }
        for (PlacedPackage p : diff.add()) {
          if (isSkipped(p.location())) {
            continue;
          }
          Path dest = root.resolve(p.location());
          journal.createDirectories(dest.getParent());
          switch (p.source()) {
            case PackageSource.Tarball t -> journal.move(staged.get(p.location()), dest);
            case PackageSource.Git g -> journal.move(staged.get(p.location()), dest);
            case PackageSource.Link l ->
                journal.symlink(
                    dest, dest.getParent().relativize(root.resolve(l.target()).normalize()));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Removes a failed optional package (and what is placed inside it), journaled. */
    private void dropOptional(PlacedPackage p) {
      skipped.add(p.location());
      try {
        Map<String, String> b = linkedBins.get(p.location());
        if (b != null) {
          bins.unlink(p.location(), b);
          journal.removeIfEmpty(
              root.resolve(Locations.nodeModulesOf(p.location())).resolve(".bin"));
        }
        Path dest = root.resolve(p.location());
        journal.move(dest, stage.resolve("retired").resolve("opt-" + UniqueNames.next()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
