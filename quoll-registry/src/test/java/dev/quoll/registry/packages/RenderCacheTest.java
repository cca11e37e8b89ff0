package dev.quoll.registry.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The byte-bounded LRU cache of rendered documents. */
class RenderCacheTest {
  private final RenderCache<String> cache = new RenderCache<>(10, s -> s.length());

  @Test
  void evictsLeastRecentlyUsedBeyondTheByteBound() {
    cache.save("a", "aaaa");
    cache.save("b", "bbbb");
    cache.find("a");
    cache.save("c", "cccc");
    assertEquals(Optional.of("aaaa"), cache.find("a"));
    assertEquals(Optional.empty(), cache.find("b"));
    assertEquals(Optional.of("cccc"), cache.find("c"));
    assertEquals(8, cache.bytes());
  }

  @Test
  void aValueLargerThanTheBoundIsNotKeptAndReplacingAdjustsTheSize() {
    cache.save("a", "x".repeat(11));
    assertEquals(Optional.empty(), cache.find("a"));
    cache.save("a", "12");
    cache.save("a", "123");
    assertEquals(3, cache.bytes());
    cache.remove("a");
    cache.remove("a");
    assertEquals(0, cache.bytes());
  }

  @Test
  void saveIfKeepsTheWinner() {
    cache.save("a", "new");
    cache.saveIf("a", "old", kept -> false);
    assertEquals(Optional.of("new"), cache.find("a"));
    cache.saveIf("b", "first", kept -> false);
    assertEquals(Optional.of("first"), cache.find("b"));
  }
}
