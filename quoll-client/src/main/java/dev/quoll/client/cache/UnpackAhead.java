package dev.quoll.client.cache;

import dev.quoll.core.integrity.Integrity;
import dev.quoll.core.tarball.ExtractOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unpacks prefetched tarballs into the {@link UnpackedStore} while the ideal tree is still being
 * built, so that reify finds the store entries ready and only links them (pnpm unpacks into its
 * store as each tarball arrives, too).
 *
 * <p>Contract: {@link #unpack} starts the tarball's download through {@link TarballDownloads} and,
 * once its bytes are verified and in the cache, unpacks it on a bounded pool of {@code threads}
 * daemon threads with {@link UnpackedStore#add} (the same entry, options and verification as
 * reify's own unpack; the store's temporary folder and rename protocol, so an entry is either
 * complete or absent). Each integrity is unpacked at most once by this class; later calls for it do
 * nothing. {@link #claim} is reify's side: an unpack already running (or done) is waited for and
 * its entry returned; one not yet started (download still under way, or queued behind the pool) is
 * taken away from the pool, which then skips it, and reify unpacks it itself on its own threads; so
 * no tarball is unpacked twice in one install. A failed unpack or download is not reported here:
 * {@link #claim} returns empty and reify's own path tries again and reports the failure. {@link
 * #close} stops the pool: queued unpacks are dropped, running ones are interrupted (their temporary
 * folders are deleted by the store) and waited for up to ten seconds. Thread-safe.
 */
public final class UnpackAhead implements AutoCloseable {
  private final UnpackedStore store;
  private final TarballDownloads downloads;
  private final ExecutorService pool;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final AtomicInteger unpacked = new AtomicInteger();
  private final AtomicInteger taken = new AtomicInteger();
  private final AtomicInteger used = new AtomicInteger();
  private final AtomicLong busyNanos = new AtomicLong();
  private static final boolean TRACE = Boolean.getBoolean("quoll.trace");
  private volatile boolean closed;

  /** One integrity's unpack: claimed by the pool's task or by reify, whichever comes first. */
  private static final class Job {
    static final int OPEN = 0;
    static final int RUNNING = 1; // the pool claimed it: done completes
    static final int TAKEN = 2; // a claimer took it: the pool never runs it
    final AtomicInteger state = new AtomicInteger(OPEN);
    final CompletableFuture<StoredPackage> done = new CompletableFuture<>();
  }

  /**
   * @param store where packages are unpacked
   * @param downloads the download pipeline reify also uses (its verified tarballs are read without
   *     hashing them again, {@link TarballDownloads#open})
   * @param threads unpacks at once (at least 1; each is a platform daemon thread)
   */
  public UnpackAhead(UnpackedStore store, TarballDownloads downloads, int threads) {
    this.store = store;
    this.downloads = downloads;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            Math.max(1, threads),
            r -> {
              Thread t = new Thread(r, "quoll-unpack-ahead-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Downloads a tarball (unless cached or under way) and unpacks it into the store once verified,
   * in the background; nothing when this integrity was given before, for a {@code file:} tarball,
   * or after {@link #close}.
   *
   * @param packageName the package (chooses the registry and credentials)
   * @param id {@code name@version}, for error messages
   * @param resolved the tarball URL as the packument gives it
   * @param integrity the expected integrity
   * @param options the extraction options reify will use for this package (bin modes, strict)
   */
  public void unpack(
      String packageName, String id, String resolved, Integrity integrity, ExtractOptions options) {
    if (closed) {
      return;
    }
    Job job = new Job();
    if (jobs.putIfAbsent(integrity.toString(), job) != null) {
      return;
    }
    Optional<CompletableFuture<Path>> download =
        downloads.prefetch(packageName, id, resolved, integrity);
    if (download.isEmpty()) {
      return; // never claimed by the pool: reify reads the file: tarball itself
    }
    download
        .get()
        .thenRun(
            () -> {
              try {
                pool.execute(() -> run(job, id, integrity, options));
              } catch (RejectedExecutionException e) {
                // closed: reify (if any) claims it and unpacks it itself
              }
            });
  }

  /**
   * Reify's side: the store entry of an unpack this class started (waiting for it when running),
   * else empty, after which this class never unpacks that integrity.
   *
   * @param integrity the tarball's integrity
   * @return the complete entry; empty when this class did not unpack it (not asked, not started
   *     yet, failed or cancelled): the caller unpacks it itself
   */
  public Optional<StoredPackage> claim(Integrity integrity) {
    Job job = jobs.get(integrity.toString());
    if (job == null
        || job.state.compareAndSet(Job.OPEN, Job.TAKEN)
        || job.state.get() == Job.TAKEN) {
      if (job != null) {
        taken.incrementAndGet();
      }
      return Optional.empty();
    }
    try {
      StoredPackage p = job.done.join();
      used.incrementAndGet();
      return Optional.of(p);
    } catch (CompletionException | CancellationException e) {
      return Optional.empty();
    }
  }

  /** How many entries this class unpacked (or found complete in the store) so far. */
  public int unpacked() {
    return unpacked.get();
  }

  private void run(Job job, String id, Integrity integrity, ExtractOptions options) {
    if (!job.state.compareAndSet(Job.OPEN, Job.RUNNING)) {
      return; // reify took it over
    }
    try {
      if (closed) {
        throw new CancellationException("closed");
      }
      long t0 = System.nanoTime();
      StoredPackage p = store.add(id, integrity, () -> downloads.open(id, integrity), options);
      busyNanos.addAndGet(System.nanoTime() - t0);
      unpacked.incrementAndGet();
      job.done.complete(p);
    } catch (RuntimeException | Error e) {
      job.done.completeExceptionally(e);
    }
  }

  /**
   * Drops the queued unpacks and interrupts the running ones (whose temporary folders the store
   * deletes), waiting up to ten seconds for them to stop.
   */
  @Override
  public void close() {
    closed = true;
    if (TRACE) {
      System.err.printf(
          "quoll trace: unpack ahead: %d requested, %d unpacked in %.0f ms, %d used by reify, %d"
              + " taken over%n",
          jobs.size(), unpacked.get(), busyNanos.get() / 1e6, used.get(), taken.get());
    }
    pool.shutdownNow();
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
