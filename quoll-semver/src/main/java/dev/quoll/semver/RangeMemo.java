package dev.quoll.semver;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parsed-range memo node-semver 7 keeps ({@code classes/range.js}: an LRU cache of 1,000
 * entries keyed by the options' flags and the range text; "this is a very hot path, and fully
 * deterministic"). A dependency tree asks for the same few hundred ranges again and again (every
 * edge's validity, every {@code satisfies}), and a cold JVM parses each one in its interpreter, so
 * the memo matters more here than in node.
 *
 * <p>Contract: {@link #get} returns a range previously {@link #put} under the same key unless more
 * than {@code capacity} other keys were used since (least recently used first out). Only valid
 * ranges are stored; {@link Range} is immutable, so a shared instance is indistinguishable from a
 * fresh parse. Thread-safe (one lock; the critical sections are a map lookup).
 */
final class RangeMemo {
  private final Map<String, Range> entries;

  /**
   * @param capacity how many ranges are kept (node-semver: 1,000)
   */
  RangeMemo(int capacity) {
    this.entries =
        new LinkedHashMap<>(64, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Range> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The memo key of a range text under the given options (node-semver's flags, then the text). */
  static String key(String text, Options options) {
    return (options.loose() ? "L" : "-") + (options.includePrerelease() ? "P" : "-") + text;
  }

  /** The range stored under {@code key}, or null. */
  synchronized Range get(String key) {
    return entries.get(key);
  }

  /** Stores a parsed range under {@code key}. */
  synchronized void put(String key, Range range) {
    entries.put(key, range);
  }
}
