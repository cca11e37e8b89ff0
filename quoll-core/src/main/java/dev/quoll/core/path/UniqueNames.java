package dev.quoll.core.path;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Names for temporary siblings (staging folders, files written beside their target and renamed over
 * it) that no other process or thread picks at the same time.
 *
 * <p>Contract: {@link #next} returns 32 lowercase hexadecimal digits (128 random bits from {@link
 * ThreadLocalRandom}), so two calls, in this process or another, collide with negligible
 * probability. The names are not secrets: every caller creates the file or folder exclusively (or
 * renames it within a folder the user owns), so a guessed name can only make that creation fail.
 * Not {@link java.util.UUID#randomUUID}: seeding its {@code SecureRandom} costs a cold process
 * several milliseconds of CPU on the critical path of a reinstall (measured with async-profiler,
 * session 7 in bench/RESULTS.md).
 */
public final class UniqueNames {
  private UniqueNames() {}

  /** 32 random lowercase hexadecimal digits. */
  public static String next() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    String high = Long.toHexString(r.nextLong());
    String low = Long.toHexString(r.nextLong());
    return "0".repeat(16 - high.length()) + high + "0".repeat(16 - low.length()) + low;
  }
}
