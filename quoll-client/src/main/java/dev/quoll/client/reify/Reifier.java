package dev.quoll.client.reify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.client.ClientException;
import dev.quoll.client.cache.ContentCache;
import dev.quoll.client.cache.TarballDownloads;
import dev.quoll.client.cache.UnpackedStore;
import dev.quoll.client.registry.RegistryClient;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.Json;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
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
 *       there) and extracted from the cache file, in parallel, into a staging folder {@code
 *       node_modules/.quoll-stage-<id>} inside the project; every byte is verified against the
 *       integrity during extraction. Nothing outside the staging folder is touched in this phase; a
 *       failure of a non-optional package deletes the staging folder and fails with node_modules as
 *       it was.
 *   <li><b>Swap.</b> Old folders are renamed into the staging folder, new ones renamed into place,
 *       links created, shallow first; every step is journaled.
 *   <li><b>Build.</b> For the added packages, in arborist's order (depth, then location): all
 *       {@code preinstall} scripts, then bins linked into {@code .bin} ({@link BinLinker}), then
 *       {@code install} ({@code node-gyp rebuild} when {@code binding.gyp} exists and neither
 *       {@code install} nor {@code preinstall} is set), then {@code postinstall}; links' targets
 *       also run {@code prepare}. Scripts of one event run in parallel, bounded by the extraction
 *       concurrency. No script runs with {@code ignoreScripts}.
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
  private final Optional<TarballDownloads> downloads;

  /**
   * A reifier that unpacks every package from its verified tarball, as npm does.
   *
   * @param client fetches tarballs missing from the cache
   * @param cache the content-addressed tarball cache
   */
  public Reifier(RegistryClient client, ContentCache cache) {
    this(client, cache, Optional.empty());
  }

  private Reifier(RegistryClient client, ContentCache cache, Optional<UnpackedStore> store) {
    this(client, cache, store, Optional.empty());
  }

  private Reifier(
      RegistryClient client,
      ContentCache cache,
      Optional<UnpackedStore> store,
      Optional<TarballDownloads> downloads) {
    this.client = client;
    this.cache = cache;
    this.store = store;
    this.downloads = downloads;
  }

  /**
   * This reifier, but getting missing tarballs through a download pipeline that may already have
   * started (or finished) them while the tree was built; it must write to this reifier's cache.
   *
   * @param pipeline the downloads
   * @return a new reifier
   */
  public Reifier downloadingWith(TarballDownloads pipeline) {
    return new Reifier(client, cache, store, Optional.of(pipeline));
  }

  /**
   * This reifier, but hard-linking the files of packages without install scripts ({@code
   * hasInstallScript} false, or scripts ignored) from an {@link UnpackedStore} (filled from the
   * verified tarball on first use) instead of unpacking them, as pnpm and bun do. Faster with a
   * warm store; an edit of such a file in node_modules also changes the store copy. The store must
   * be on the project's file system.
   *
   * @param unpacked the store
   * @return a new reifier
   */
  public Reifier linkingFrom(UnpackedStore unpacked) {
    return new Reifier(client, cache, Optional.of(unpacked), downloads);
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
    Path root = plan.root();
    Map<String, ActualTree.Installed> actual = ActualTree.scan(root);
    ReifyDiff diff = ReifyDiff.of(plan.packages(), actual);
    if (plan.options().dryRun()) {
      return new ReifyResult(locs(diff.add()), diff.removeAll(), diff.keep(), List.of(), List.of());
    }
    if (diff.add().isEmpty() && diff.removeAll().isEmpty()) {
      return new ReifyResult(List.of(), List.of(), diff.keep(), List.of(), List.of());
    }
    Path nm = root.resolve("node_modules");
    Journal journal = new Journal();
    Path stage = nm.resolve(".quoll-stage-" + UUID.randomUUID());
    boolean createdNm = !Files.isDirectory(nm);
    try {
      Files.createDirectories(stage);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Run run = new Run(plan, stage, journal);
    try {
      ReifyResult result = run.execute(diff, actual);
      journal.commit();
      cleanUp(stage, nm, diff);
      return result;
    } catch (RuntimeException | Error e) {
      try {
        journal.undo();
      } finally {
        deleteTree(stage);
        if (createdNm) {
          deleteTree(nm);
        }
      }
      throw e;
    }
  }

  private static List<String> locs(List<PlacedPackage> ps) {
    return ps.stream().map(PlacedPackage::location).toList();
  }

  private static void cleanUp(Path stage, Path nm, ReifyDiff diff) {
    deleteTree(stage);
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

  static void deleteTree(Path dir) {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      List<Path> all = walk.sorted(Collections.reverseOrder()).toList();
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
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
    private final Lifecycle lifecycle;
    private final Set<String> skipped = ConcurrentHashMap.newKeySet();
    private final List<ScriptRun> scripts = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Path> staged = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> linkedBins = new ConcurrentHashMap<>();

    Run(ReifyPlan plan, Path stage, Journal journal) {
      this.plan = plan;
      this.root = plan.root();
      this.stage = stage;
      this.journal = journal;
      this.bins = new BinLinker(root, journal);
      this.lifecycle = new Lifecycle(root, plan.options());
    }

    ReifyResult execute(ReifyDiff diff, Map<String, ActualTree.Installed> actual) {
      fetchAll(diff.add());
      swap(diff, actual);
      List<PlacedPackage> placed =
          diff.add().stream().filter(p -> !isSkipped(p.location())).toList();
      build(placed);
      List<String> added =
          diff.add().stream().map(PlacedPackage::location).filter(l -> !isSkipped(l)).toList();
      List<String> skippedList = skipped.stream().sorted(Locations.BY_DEPTH).toList();
      return new ReifyResult(
          added, diff.removeAll(), diff.keep(), skippedList, List.copyOf(scripts));
    }

    private boolean isSkipped(String loc) {
      return skipped.stream().anyMatch(s -> s.equals(loc) || Locations.isInside(loc, s));
    }

    // ---- stage ----

    private void fetchAll(List<PlacedPackage> add) {
      Semaphore fetches = new Semaphore(plan.options().fetchConcurrency());
      Semaphore extracts = new Semaphore(plan.options().extractConcurrency());
      Map<PlacedPackage, Future<?>> futures = new LinkedHashMap<>();
      try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
        int i = 0;
        for (PlacedPackage p : add) {
          if (p.source() instanceof PackageSource.Tarball t) {
            Path dir = stage.resolve("new").resolve(Integer.toString(i++));
            futures.put(p, ex.submit(() -> fetchOne(p, t, dir, fetches, extracts)));
          }
        }
      }
      RuntimeException first = null;
      for (Map.Entry<PlacedPackage, Future<?>> e : futures.entrySet()) {
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
      ExtractOptions opts = ExtractOptions.DEFAULT.withBinPaths(binPaths(p.bin())).withStrict(true);
      if (store.isPresent() && (plan.options().ignoreScripts() || !p.hasInstallScript())) {
        Optional<Path> unpacked = store.get().find(t.integrity());
        if (unpacked.isEmpty()) {
          if (cache.find(t.integrity()).isEmpty()) {
            download(p, t, fetches);
          }
          extracts.acquire();
          try {
            unpacked = Optional.of(store.get().add(p.id(), t.integrity(), cache, opts));
          } catch (CoreException e) {
            throw e instanceof ClientException
                ? e
                : new ClientException(e.code(), p.id() + ": " + e.getMessage(), e);
          } finally {
            extracts.release();
          }
        }
        UnpackedStore.linkTree(unpacked.get(), dir);
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
        if (!e.code().equals("EINTEGRITY") && !e.code().equals("EBADSIZE")) {
          throw e;
        }
        // a damaged cache entry: drop it, fetch again, and check again
        cache.remove(t.integrity());
        deleteTree(dir);
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

    private void extract(PlacedPackage p, PackageSource.Tarball t, Path dir, ExtractOptions opts) {
      try (InputStream in = cache.open(p.id(), t.integrity())) {
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

    private void download(PlacedPackage p, PackageSource.Tarball t, Semaphore fetches)
        throws InterruptedException {
      if (downloads.isPresent()) {
        fetches.acquire();
        try {
          downloads.get().ensure(p.name(), p.id(), t.resolved(), t.integrity());
        } finally {
          fetches.release();
        }
        return;
      }
      fetches.acquire();
      try (InputStream in =
          client.openTarball(p.name(), client.tarballUrl(t.resolved(), p.name()))) {
        cache.put(p.id(), t.integrity(), in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        fetches.release();
      }
    }

    private static Set<String> binPaths(Map<String, String> bin) {
      return bin.values().stream()
          .map(v -> dev.quoll.core.path.PosixPath.normalize(v.replace('\\', '/')))
          .collect(Collectors.toSet());
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
            case PackageSource.Link l ->
                journal.symlink(
                    dest, dest.getParent().relativize(root.resolve(l.target()).normalize()));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    // ---- build ----

    private record Item(PlacedPackage pkg, Path dir, JsonNode json, Map<String, String> scripts) {}

    private void build(List<PlacedPackage> placed) {
      List<Item> queue = new ArrayList<>();
      for (PlacedPackage p : placed) {
        Path dir =
            switch (p.source()) {
              case PackageSource.Tarball t -> root.resolve(p.location());
              case PackageSource.Link l -> root.resolve(l.target()).normalize();
            };
        Map<String, String> sc = new HashMap<>();
        if (plan.options().ignoreScripts()) {
          queue.add(new Item(p, dir, Json.object(), sc));
          continue;
        }
        JsonNode json = ActualTree.packageJson(dir).orElse(Json.object());
        if (json.get("scripts") instanceof com.fasterxml.jackson.databind.node.ObjectNode s) {
          s.properties()
              .forEach(
                  e -> {
                    if (e.getValue().isTextual()) {
                      sc.put(e.getKey(), e.getValue().textValue());
                    }
                  });
        }
        if (!sc.containsKey("install")
            && !sc.containsKey("preinstall")
            && Lifecycle.isGyp(dir, json)) {
          sc.put("install", Lifecycle.NODE_GYP_DEFAULT);
        }
        queue.add(new Item(p, dir, json, sc));
      }
      queue.sort((a, b) -> Locations.BY_DEPTH.compare(a.pkg().location(), b.pkg().location()));
      List<Item> deps =
          queue.stream().filter(it -> it.pkg().source() instanceof PackageSource.Tarball).toList();
      List<Item> links =
          queue.stream().filter(it -> it.pkg().source() instanceof PackageSource.Link).toList();
      buildPass(deps, List.of("preinstall"), List.of("install", "postinstall"));
      buildPass(links, List.of("preinstall", "prepare"), List.of("install", "postinstall"));
    }

    private void buildPass(List<Item> items, List<String> before, List<String> after) {
      if (!plan.options().ignoreScripts()) {
        for (String ev : before) {
          runEvent(items, ev);
        }
      }
      for (Item it : items) {
        if (isSkipped(it.pkg().location())) {
          continue;
        }
        Map<String, String> b = BinLinker.binsOf(it.dir(), it.pkg().bin());
        if (!b.isEmpty()) {
          try {
            bins.link(it.pkg().location(), b);
            linkedBins.put(it.pkg().location(), b);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
      if (!plan.options().ignoreScripts()) {
        for (String ev : after) {
          runEvent(items, ev);
        }
      }
    }

    private void runEvent(List<Item> items, String event) {
      List<Item> todo =
          items.stream()
              .filter(it -> it.scripts().containsKey(event) && !isSkipped(it.pkg().location()))
              .toList();
      if (todo.isEmpty()) {
        return;
      }
      Semaphore limit = new Semaphore(plan.options().extractConcurrency());
      Map<Item, Future<ScriptRun>> futures = new LinkedHashMap<>();
      try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
        for (Item it : todo) {
          futures.put(
              it,
              ex.submit(
                  () -> {
                    limit.acquire();
                    try {
                      return lifecycle.run(
                          it.pkg(), it.dir(), it.json(), event, it.scripts().get(event));
                    } finally {
                      limit.release();
                    }
                  }));
        }
      }
      for (Map.Entry<Item, Future<ScriptRun>> e : futures.entrySet()) {
        Item it = e.getKey();
        ScriptRun r;
        try {
          r = e.getValue().get();
        } catch (java.util.concurrent.ExecutionException ex) {
          r =
              new ScriptRun(
                  it.pkg().location(),
                  event,
                  it.scripts().get(event),
                  -1,
                  ex.getCause().toString());
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
          throw new ClientException("EINTR", "interrupted");
        }
        scripts.add(r);
        if (r.exitCode() != 0) {
          if (it.pkg().optional()) {
            dropOptional(it.pkg());
          } else {
            throw new ClientException(
                "ELIFECYCLE",
                it.pkg().id()
                    + " "
                    + event
                    + ": `"
                    + r.command()
                    + "` exited with code "
                    + r.exitCode()
                    + "\n"
                    + r.output());
          }
        }
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
        journal.move(dest, stage.resolve("retired").resolve("opt-" + UUID.randomUUID()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
