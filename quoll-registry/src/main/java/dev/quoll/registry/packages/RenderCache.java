package dev.quoll.registry.packages;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A least-recently-used cache of values by package name, bounded by the total bytes the values hold
 * (rendered packuments are large: a popular package's full and abbreviated documents with their
 * gzip forms can be tens of megabytes). Thread-safe; every method is one short critical section.
 *
 * @param <V> the cached value
 */
public final class RenderCache<V> {
  /** Measures a value's size in bytes. */
  @FunctionalInterface
  public interface Weigher<V> {
    /** The value's size in bytes. */
    long weigh(V value);
  }

  private final long maxBytes;
  private final Weigher<V> weigher;
  private final LinkedHashMap<String, V> entries = new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;

  /**
   * @param maxBytes the most bytes kept; a single larger value is not kept at all
   * @param weigher measures values
   */
  public RenderCache(long maxBytes, Weigher<V> weigher) {
    this.maxBytes = maxBytes;
    this.weigher = weigher;
  }

  /** The value for a name, marking it recently used. */
  public synchronized Optional<V> find(String name) {
    return Optional.ofNullable(entries.get(name));
  }

  /** Stores a value, evicting the least recently used ones beyond the byte bound. */
  public synchronized void save(String name, V value) {
    remove(name);
    long w = weigher.weigh(value);
    if (w > maxBytes) {
      return;
    }
    entries.put(name, value);
    bytes += w;
    var it = entries.entrySet().iterator();
    while (bytes > maxBytes && it.hasNext()) {
      Map.Entry<String, V> eldest = it.next();
      bytes -= weigher.weigh(eldest.getValue());
      it.remove();
    }
  }

  /**
   * Stores a value unless a kept one should win (e.g. it was rendered from a newer revision).
   *
   * @param replaces whether the value replaces the kept one
   */
  public synchronized void saveIf(String name, V value, java.util.function.Predicate<V> replaces) {
    V old = entries.get(name);
    if (old == null || replaces.test(old)) {
      save(name, value);
    }
  }

  /** Drops a name; an absent one is not an error. */
  public synchronized void remove(String name) {
    V old = entries.remove(name);
    if (old != null) {
      bytes -= weigher.weigh(old);
    }
  }

  /**
   * Drops a name when its kept value matches (e.g. was rendered from an older revision).
   *
   * @param drops whether the kept value goes
   */
  public synchronized void removeIf(String name, java.util.function.Predicate<V> drops) {
    V old = entries.get(name);
    if (old != null && drops.test(old)) {
      remove(name);
    }
  }

  /** The bytes currently held. */
  public synchronized long bytes() {
    return bytes;
  }
}
