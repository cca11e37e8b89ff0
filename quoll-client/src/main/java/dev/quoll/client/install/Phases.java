package dev.quoll.client.install;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Phase timings of an install on stderr, when the system property {@code quoll.trace} is {@code
 * true} ({@code QUOLL_JAVA_OPTS=-Dquoll.trace=true}): one line per phase, {@code quoll trace:
 * <phase> <ms> ms (cpu <ms> ms, main <ms> ms)}, with the wall-clock milliseconds since the previous
 * mark (the first since JVM start), the CPU time the whole process used meanwhile (every thread:
 * JIT compilers and GC included) and the CPU time of the thread that marked (on a shared machine
 * the CPU times say what a phase costs, when the wall time mostly says how busy the machine was).
 */
public final class Phases {
  private static final boolean ON = Boolean.getBoolean("quoll.trace");
  // the management classes are loaded only when tracing: they cost start-up time
  private static long last = ON ? ManagementFactory.getRuntimeMXBean().getStartTime() : 0;
  private static long lastCpu;
  private static long lastThreadCpu;

  private Phases() {}

  /**
   * Prints the time since the previous mark, when tracing.
   *
   * @param phase the phase that just ended, e.g. {@code read}
   */
  public static synchronized void mark(String phase) {
    if (ON) {
      long now = System.currentTimeMillis();
      long cpu =
          ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
              .getProcessCpuTime();
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long threadCpu = threads.getCurrentThreadCpuTime();
      System.err.printf(
          "quoll trace: %s %d ms (cpu %d ms, main %d ms)%n",
          phase,
          now - last,
          (cpu - lastCpu) / 1_000_000,
          Math.max(0, threadCpu - lastThreadCpu) / 1_000_000);
      last = now;
      lastCpu = cpu;
      lastThreadCpu = threadCpu;
    }
  }
}
