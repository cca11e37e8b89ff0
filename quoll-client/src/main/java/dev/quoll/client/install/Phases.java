package dev.quoll.client.install;

/**
 * Phase timings of an install on stderr, when the system property {@code quoll.trace} is {@code
 * true} ({@code QUOLL_JAVA_OPTS=-Dquoll.trace=true}): one line per phase with the milliseconds
 * since the previous mark (the first since JVM start).
 */
final class Phases {
  private static final boolean ON = Boolean.getBoolean("quoll.trace");
  private static long last =
      java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();

  private Phases() {}

  static synchronized void mark(String phase) {
    if (ON) {
      long now = System.currentTimeMillis();
      System.err.printf("quoll trace: %s %d ms%n", phase, now - last);
      last = now;
    }
  }
}
