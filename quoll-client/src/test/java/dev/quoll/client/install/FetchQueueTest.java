package dev.quoll.client.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FetchQueueTest {

  @Test
  void backgroundLoadsAreBoundedAndAWaitedForKeyJumpsTheQueue() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    Map<String, Integer> calls = new ConcurrentHashMap<>();
    try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
      FetchQueue<String> q =
          new FetchQueue<>(
              k -> {
                calls.merge(k, 1, Integer::sum);
                int r = running.incrementAndGet();
                most.accumulateAndGet(r, Math::max);
                try {
                  if (!k.equals("urgent")) {
                    release.await();
                  }
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                } finally {
                  running.decrementAndGet();
                }
                return k.toUpperCase();
              },
              ex,
              2);
      List<String> keys = List.of("a", "b", "c", "d", "e", "urgent");
      for (String k : keys) {
        q.hint(k);
      }
      Thread.sleep(100);
      assertEquals(2, running.get(), "two background slots");
      // "urgent" is still queued behind c, d, e: asking for it starts it at once
      assertEquals("URGENT", q.get("urgent").get(5, TimeUnit.SECONDS));
      assertSame(q.get("a"), q.hint("a"));
      release.countDown();
      for (String k : keys) {
        assertEquals(k.toUpperCase(), q.get(k).get(5, TimeUnit.SECONDS));
      }
      assertTrue(most.get() <= 3, "at most two background loads and the waited-for one");
      assertEquals(keys.size(), calls.size());
      calls.values().forEach(n -> assertEquals(1, n, "each key loads once"));
      assertEquals(keys.size(), q.size());
    }
  }

  @Test
  void aFailedLoadFailsItsFutureAndFreesItsSlot() throws Exception {
    try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
      FetchQueue<String> q =
          new FetchQueue<>(
              k -> {
                if (k.startsWith("bad")) {
                  throw new IllegalArgumentException(k);
                }
                return k;
              },
              ex,
              1);
      for (int i = 0; i < 5; i++) {
        q.hint("bad" + i);
      }
      q.hint("good");
      assertEquals("good", q.hint("good").get(5, TimeUnit.SECONDS));
      assertTrue(q.get("bad3").isCompletedExceptionally());
    }
  }
}
