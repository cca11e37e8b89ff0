package dev.quoll.registry.uplink;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Collapses concurrent calls with the same key into one: the first caller (the leader) runs the
 * work, callers arriving while it runs wait for and share its result or its exception; a caller
 * arriving after the leader finished starts a new run (the work must therefore re-check whatever
 * the previous run cached).
 *
 * @param <K> the key type, e.g. a package name
 * @param <V> the result type
 */
final class SingleFlight<K, V> {
  private final ConcurrentHashMap<K, CompletableFuture<V>> running = new ConcurrentHashMap<>();

  /**
   * @param key what the work is about
   * @param work the work; runs on the leader's thread
   * @return the leader's result
   * @throws RuntimeException the leader's unchecked exception (the same instance for everyone)
   */
  V run(K key, Supplier<V> work) {
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> theirs = running.putIfAbsent(key, mine);
    if (theirs != null) {
      try {
        return theirs.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        if (e.getCause() instanceof Error err) {
          throw err;
        }
        throw e;
      }
    }
    try {
      V v = work.get();
      mine.complete(v);
      return v;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      running.remove(key, mine);
    }
  }
}
