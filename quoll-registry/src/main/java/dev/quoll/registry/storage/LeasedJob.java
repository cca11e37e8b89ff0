package dev.quoll.registry.storage;

import java.time.Clock;
import java.time.Duration;

/**
 * A background job that, with several nodes on one database, runs on exactly one node at a time:
 * before each pass it takes or renews its lease through {@link JobLeases}, and it runs the pass
 * only while it holds it.
 *
 * <p>Guarantees: a pass starts only when this holder's lease is held until at least {@code now +
 * ttl}, and {@code ttl} must exceed the interval, so the holder renews before the lease expires and
 * keeps the job for as long as it runs; a holder that stops (closed, killed, or cut off from the
 * database) stops renewing, and the first other node to ask after the lease expires takes the job
 * over — within {@code ttl + interval} of the last renewal. A pass that throws is reported and
 * retried at the next interval. A pass that runs longer than {@code ttl} can overlap a pass on the
 * node that took over, so passes must be short (bounded batches) and safe to repeat.
 */
public final class LeasedJob implements AutoCloseable {
  private final JobLeases leases;
  private final String job;
  private final String holder;
  private final Duration ttl;
  private final Duration interval;
  private final Clock clock;
  private final Runnable pass;
  private final Thread thread;
  private volatile boolean closed;

  /**
   * @param leases the shared leases
   * @param job the job's name, e.g. {@code uplink-refresh}
   * @param holder this node's unique name
   * @param ttl how long a lease lasts unless renewed; more than {@code interval}
   * @param interval the wait between passes
   * @param clock the time source
   * @param pass one bounded, repeatable unit of the work
   * @throws IllegalArgumentException when {@code ttl} is not more than {@code interval}
   */
  public LeasedJob(
      JobLeases leases,
      String job,
      String holder,
      Duration ttl,
      Duration interval,
      Clock clock,
      Runnable pass) {
    if (ttl.compareTo(interval) <= 0) {
      throw new IllegalArgumentException("a lease must outlast the interval between passes");
    }
    this.leases = leases;
    this.job = job;
    this.holder = holder;
    this.ttl = ttl;
    this.interval = interval;
    this.clock = clock;
    this.pass = pass;
    this.thread = Thread.ofPlatform().daemon().name("quoll-job-" + job).unstarted(this::loop);
  }

  /**
   * A holder name unique to this process: host name, process id and a random suffix.
   *
   * @return e.g. {@code node-a:4242:5f3a9c}
   */
  public static String processHolder() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "unknown-host";
    }
    return host
        + ":"
        + ProcessHandle.current().pid()
        + ":"
        + Long.toHexString(new java.security.SecureRandom().nextLong() >>> 40);
  }

  /**
   * Starts passes every {@code interval} in a daemon thread.
   *
   * @return this job
   */
  public LeasedJob start() {
    thread.start();
    return this;
  }

  /**
   * Takes or renews the lease and, when held, runs one pass in the calling thread.
   *
   * @return {@code true} when this holder held the lease and ran the pass
   * @throws dev.quoll.registry.RegistryException {@code INTERNAL} when the lease store fails
   */
  public boolean runOnce() {
    if (!leases.tryAcquire(job, holder, ttl, clock.instant())) {
      return false;
    }
    pass.run();
    return true;
  }

  private void loop() {
    while (!closed) {
      try {
        runOnce();
      } catch (RuntimeException e) {
        System.err.println("quoll: background job " + job + " failed, retrying: " + e);
      }
      try {
        Thread.sleep(interval);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Stops the passes and gives the lease up, so another node can take the job at once. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      leases.release(job, holder);
    } catch (RuntimeException e) {
      // the lease expires on its own
    }
  }
}
