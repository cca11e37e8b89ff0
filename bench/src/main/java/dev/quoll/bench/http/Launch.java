package dev.quoll.bench.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What both benchmark servers' {@code main} methods share: reading the arguments, loading the
 * packuments, publishing the bound port to bench/http/run, and waiting for SIGTERM.
 *
 * <p>Arguments: {@code <packument directory> <port file>}. Once listening, the server writes its
 * port (decimal, one line) to the port file atomically and prints one line to stderr with the time
 * spent loading packuments and the time spent starting the server, in milliseconds.
 *
 * @param store the loaded packuments
 * @param portFile where to publish the port
 * @param loadMillis time spent in {@link PackumentStore#load}
 */
record Launch(PackumentStore store, Path portFile, long loadMillis) {

  /** Parses the arguments and loads the packuments; exits with status 2 on bad usage. */
  static Launch fromArgs(String server, String[] args) {
    if (args.length != 2) {
      System.err.println("usage: " + server + " <packument directory> <port file>");
      System.exit(2);
    }
    long t0 = System.nanoTime();
    PackumentStore store = PackumentStore.load(Path.of(args[0]));
    return new Launch(store, Path.of(args[1]), (System.nanoTime() - t0) / 1_000_000);
  }

  /** Publishes the port and reports timings; {@code startNanos} is when server set-up began. */
  void started(String server, int port, long startNanos) {
    long startMillis = (System.nanoTime() - startNanos) / 1_000_000;
    try {
      Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
      Files.writeString(tmp, port + "\n");
      Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.err.printf(
        "%s: %d packuments loaded in %d ms; listening on 127.0.0.1:%d after %d ms of server"
            + " start-up (JDK %s)%n",
        server, store.size(), loadMillis, port, startMillis, Runtime.version());
  }

  /** Blocks until the JVM shuts down (SIGTERM runs {@code stop} from a shutdown hook). */
  static void awaitShutdown(Runnable stop) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stop.run();
                  stopped.countDown();
                }));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Prints once, from the first request, whether handlers run on virtual threads. */
  static void reportThread(String server, AtomicBoolean reported) {
    if (!reported.getAndSet(true)) {
      System.err.println(server + ": first request handled on " + Thread.currentThread());
    }
  }
}
