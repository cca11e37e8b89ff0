package dev.quoll.client.reify;

import dev.quoll.client.cache.StoreLinker;
import dev.quoll.client.cache.StoredPackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A bounded pool of platform threads that places store entries ({@link StoreLinker#place}) for one
 * reify run. Linking is a stream of small blocking file-system calls ({@code mkdir}, {@code lstat},
 * {@code link}); platform threads keep the number in flight at exactly {@code threads}, whatever
 * the number of cores (virtual threads would be bounded by their carriers instead).
 */
final class LinkPool implements AutoCloseable {
  private final StoreLinker linker = new StoreLinker();
  private final ExecutorService pool;

  /**
   * @param threads the number of packages placed at once (1 or more)
   */
  LinkPool(int threads) {
    this.pool =
        Executors.newFixedThreadPool(
            threads, Thread.ofPlatform().daemon().name("quoll-link-", 0).factory());
  }

  /**
   * Places {@code pkg} at {@code target} on the pool and waits.
   *
   * @throws StoreLinker.StaleEntryException when a store file changed since it was unpacked
   * @throws UncheckedIOException for other file-system failures
   */
  void place(StoredPackage pkg, Path target)
      throws StoreLinker.StaleEntryException, InterruptedException {
    Future<?> f =
        pool.submit(
            () -> {
              linker.place(pkg, target);
              return null;
            });
    try {
      f.get();
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case StoreLinker.StaleEntryException s -> throw s;
        case IOException io -> throw new UncheckedIOException(io);
        case RuntimeException r -> throw r;
        case Error err -> throw err;
        default -> throw new IllegalStateException(e.getCause());
      }
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
