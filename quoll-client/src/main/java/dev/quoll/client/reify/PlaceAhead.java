package dev.quoll.client.reify;

import dev.quoll.client.cache.StoreLinker;
import dev.quoll.client.cache.StoredPackage;
import dev.quoll.client.cache.UnpackedStore;
import dev.quoll.core.integrity.Integrity;
import dev.quoll.core.path.FolderSpread;
import dev.quoll.core.path.FolderTrees;
import dev.quoll.core.path.UniqueNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Places the packages a lockfile names from the {@link UnpackedStore} into reify's staging folder
 * while the ideal tree is still being built, so that an install from a lockfile with a warm store
 * and no node_modules (bench scenario B, and {@code ci} on a clean checkout) has linked most files
 * by the time reify starts. bun and pnpm also start linking before their trees are checked.
 *
 * <p>Contract: {@link #start} does nothing (empty) unless the project has no {@code node_modules}
 * folder; otherwise it creates {@code node_modules} and the staging folder {@code
 * node_modules/.quoll-stage-<id>/new} and links each candidate whose store entry is complete into
 * its own folder {@code new/a<N>} there ({@code new} marked by {@link FolderSpread} first), on a
 * bounded pool of platform daemon threads, with the same {@link StoreLinker} rules as reify (every
 * store file checked before it is linked). The candidates are a prediction only: reify's plan
 * decides. {@link Reifier#reify} {@link #claim claims} each package it places from the store by
 * location and integrity: a placement that is done (or running, which is waited for) is handed
 * over; one not yet started is taken away and never run, and reify places that package itself; a
 * failed one (missing or changed store entry) has deleted its folder and reify places that package
 * itself, which also repairs the store. So no package is placed twice and nothing reify would not
 * place is ever renamed into the tree. Folders nobody claims are deleted with the staging folder.
 * {@link #close} stops the pool (queued placements are dropped, running ones finish) and deletes
 * the staging folder if it still exists, and {@code node_modules} if this class created it and it
 * is empty; so an install that fails before reify, or a process stopped meanwhile (a shutdown hook
 * does the same), leaves the project as it was. Thread-safe.
 */
public final class PlaceAhead implements AutoCloseable {
  private static final boolean TRACE = Boolean.getBoolean("quoll.trace");

  /**
   * A package the lockfile places from a registry tarball.
   *
   * @param location its folder, e.g. {@code node_modules/a/node_modules/b}
   * @param integrity its tarball's integrity (the store entry's key)
   */
  public record Candidate(String location, Integrity integrity) {}

  /**
   * A package placed ahead.
   *
   * @param dir its folder in the staging folder (complete)
   * @param mayHaveBins the store entry's {@link StoredPackage#mayHaveBins()}
   */
  record Placed(Path dir, boolean mayHaveBins) {}

  /** One candidate's placement: run by the pool or taken away by reify, whichever comes first. */
  private static final class Job {
    static final int OPEN = 0;
    static final int RUNNING = 1;
    static final int TAKEN = 2;
    final Candidate candidate;
    final Path dir;
    final AtomicInteger state = new AtomicInteger(OPEN);
    final CompletableFuture<Optional<Placed>> done = new CompletableFuture<>();

    Job(Candidate candidate, Path dir) {
      this.candidate = candidate;
      this.dir = dir;
    }
  }

  private final Path nm;
  private final Path stage;
  private final UnpackedStore store;
  private final StoreLinker linker = new StoreLinker();
  private final ExecutorService pool;
  private final Map<String, Job> jobs = new LinkedHashMap<>();
  private final AtomicInteger placed = new AtomicInteger();
  private final AtomicInteger claimed = new AtomicInteger();
  private final Thread onExit;
  private final CompletableFuture<Boolean> spread;
  private volatile boolean stopped;

  private PlaceAhead(Path nm, Path stage, UnpackedStore store, int threads) {
    this.nm = nm;
    this.stage = stage;
    this.store = store;
    this.spread = FolderSpread.markAsync(stage.resolve("new"));
    this.pool =
        Executors.newFixedThreadPool(
            threads, Thread.ofPlatform().daemon().name("quoll-place-ahead-", 0).factory());
    this.onExit = new Thread(this::removeStage, "quoll-place-ahead-cleanup");
    Runtime.getRuntime().addShutdownHook(onExit);
  }

  /**
   * Starts placing {@code candidates} when {@code root} has no {@code node_modules} folder.
   *
   * @param root the project folder
   * @param candidates the packages to place, in the order to place them (locations unique); asked
   *     for only when node_modules is absent
   * @param store the unpacked store reify links from
   * @param threads placements at once (1 or more)
   * @return the running placements; empty when anything named {@code node_modules} exists (a
   *     folder, a file, a link, even a broken one), when there is nothing to place, or when the
   *     folders cannot be created (reify then meets that failure itself, as without this class)
   */
  public static Optional<PlaceAhead> start(
      Path root, Supplier<List<Candidate>> candidates, UnpackedStore store, int threads) {
    Path nm = root.resolve("node_modules");
    if (Files.exists(nm, LinkOption.NOFOLLOW_LINKS) || !Files.isDirectory(root)) {
      return Optional.empty();
    }
    List<Candidate> list = candidates.get();
    if (list.isEmpty()) {
      return Optional.empty();
    }
    Path stage = nm.resolve(".quoll-stage-" + UniqueNames.next());
    try {
      Files.createDirectory(nm);
    } catch (IOException e) {
      return Optional.empty(); // made meanwhile, or not writable
    }
    try {
      Files.createDirectories(stage.resolve("new"));
    } catch (IOException e) {
      try {
        FolderTrees.delete(nm);
      } catch (UncheckedIOException gone) {
        // best effort
      }
      return Optional.empty();
    }
    PlaceAhead ahead = new PlaceAhead(nm, stage, store, Math.max(1, threads));
    int i = 0;
    for (Candidate c : list) {
      Job job = new Job(c, stage.resolve("new").resolve("a" + i++));
      if (ahead.jobs.putIfAbsent(c.location(), job) == null) {
        ahead.pool.execute(() -> ahead.run(job));
      }
    }
    return Optional.of(ahead);
  }

  /** The staging folder ({@code node_modules/.quoll-stage-<id>}), which reify adopts. */
  Path stage() {
    return stage;
  }

  /**
   * Reify's side: the folder placed ahead for this location and integrity (waiting for a running
   * placement), else empty, after which this class never places that location.
   *
   * @param location the package's location in reify's plan
   * @param integrity its integrity in reify's plan
   * @return the complete folder; empty when the caller must place the package itself
   */
  Optional<Placed> claim(String location, Integrity integrity) {
    Job job = jobs.get(location);
    if (job == null || !job.candidate.integrity().equals(integrity)) {
      return Optional.empty();
    }
    if (job.state.compareAndSet(Job.OPEN, Job.TAKEN) || job.state.get() == Job.TAKEN) {
      return Optional.empty();
    }
    Optional<Placed> p = job.done.join(); // a running placement always completes normally
    p.ifPresent(x -> claimed.incrementAndGet());
    return p;
  }

  /** How many placements are complete so far (adopted or not). */
  int placed() {
    return placed.get();
  }

  /** How many placements reify adopted so far. */
  int claimed() {
    return claimed.get();
  }

  /** Drops the queued placements and waits for the running ones to finish. Idempotent. */
  void stop() {
    stopped = true;
    pool.shutdownNow();
    try {
      pool.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run(Job job) {
    if (stopped || !job.state.compareAndSet(Job.OPEN, Job.RUNNING)) {
      job.done.complete(Optional.empty());
      return;
    }
    try {
      spread.join(); // package folders spread over the file system's groups (FolderSpread)
      Optional<StoredPackage> entry = store.load(job.candidate.integrity());
      if (entry.isEmpty()) {
        job.done.complete(Optional.empty());
        return;
      }
      linker.place(entry.get(), job.dir);
      placed.incrementAndGet();
      job.done.complete(Optional.of(new Placed(job.dir, entry.get().mayHaveBins())));
    } catch (IOException | RuntimeException e) {
      // a changed store entry or a file-system failure: reify places this package itself
      try {
        FolderTrees.delete(job.dir);
      } catch (UncheckedIOException gone) {
        // left for the staging folder's deletion
      }
      job.done.complete(Optional.empty());
    }
  }

  /** Stops the pool and removes what reify did not adopt (see the class contract). */
  @Override
  public void close() {
    stop();
    if (TRACE) {
      System.err.printf(
          "quoll trace: place ahead: %d candidates, %d placed, %d claimed by reify%n",
          jobs.size(), placed.get(), claimed.get());
    }
    removeStage();
    try {
      Runtime.getRuntime().removeShutdownHook(onExit);
    } catch (IllegalStateException e) {
      // the process is being stopped: the hook is running or has run
    }
  }

  private void removeStage() {
    try {
      FolderTrees.delete(stage);
    } catch (UncheckedIOException e) {
      // best effort
    }
    try {
      Files.deleteIfExists(nm); // made by start()
    } catch (DirectoryNotEmptyException e) {
      // reify placed packages there: the install went on
    } catch (IOException e) {
      // best effort
    }
  }
}
