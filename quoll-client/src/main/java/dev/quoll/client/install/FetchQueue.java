package dev.quoll.client.install;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * At most one fetch per key, with two priorities: a fetch someone waits for starts at once; a
 * background (speculative) fetch waits in a first-in first-out queue until one of {@code
 * background} slots is free.
 *
 * <p>Contract: {@link #get} and {@link #hint} return the same future for a key; the loader runs at
 * most once per key, on the executor. A key hinted and then asked for with {@link #get} before its
 * background slot came up starts at once (it leaves the queue). Why: on two cores the packuments of
 * a large graph, requested all at once, are parsed side by side and each arrives late; the one the
 * tree builder waits for must not queue behind hundreds it will need only later.
 *
 * @param <T> the loaded value
 */
final class FetchQueue<T> {
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Job> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger running = new AtomicInteger();
  private final Function<String, T> loader;
  private final ExecutorService executor;
  private final int background;

  private final class Job {
    final String key;
    final CompletableFuture<T> future = new CompletableFuture<>();
    final AtomicBoolean started = new AtomicBoolean();

    Job(String key) {
      this.key = key;
    }
  }

  /**
   * @param loader loads one key (may throw; the future then fails with that exception)
   * @param executor runs the loads
   * @param background the most background loads running at once ({@code >= 1})
   */
  FetchQueue(Function<String, T> loader, ExecutorService executor, int background) {
    this.loader = loader;
    this.executor = executor;
    this.background = Math.max(1, background);
  }

  /** The future of a key, whose load starts now unless it started already. */
  CompletableFuture<T> get(String key) {
    Job j = jobs.computeIfAbsent(key, Job::new);
    run(j, false);
    return j.future;
  }

  /** The future of a key, whose load is queued behind the other background loads. */
  CompletableFuture<T> hint(String key) {
    boolean[] made = new boolean[1];
    Job j =
        jobs.computeIfAbsent(
            key,
            k -> {
              made[0] = true;
              return new Job(k);
            });
    if (made[0]) {
      queue.add(j);
      pump();
    }
    return j.future;
  }

  /** How many keys were asked for or hinted. */
  int size() {
    return jobs.size();
  }

  private void pump() {
    while (true) {
      int r = running.get();
      if (r >= background) {
        return;
      }
      if (!running.compareAndSet(r, r + 1)) {
        continue;
      }
      Job next;
      do {
        next = queue.poll();
      } while (next != null && next.started.get());
      if (next == null || !run(next, true)) {
        running.decrementAndGet();
        if (next == null) {
          if (!queue.isEmpty()) {
            continue; // a hint arrived between the poll and the decrement
          }
          return;
        }
      }
    }
  }

  /** Starts a job unless it started; true when this call started it. */
  private boolean run(Job j, boolean slot) {
    if (!j.started.compareAndSet(false, true)) {
      return false;
    }
    try {
      executor.execute(
          () -> {
            try {
              j.future.complete(loader.apply(j.key));
            } catch (Throwable t) {
              j.future.completeExceptionally(t);
            } finally {
              if (slot) {
                running.decrementAndGet();
                pump();
              }
            }
          });
    } catch (RuntimeException e) { // the executor was shut down
      j.future.completeExceptionally(e);
      if (slot) {
        running.decrementAndGet();
      }
    }
    return true;
  }
}
