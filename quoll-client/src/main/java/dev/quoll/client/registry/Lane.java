package dev.quoll.client.registry;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * One kind of the {@link RegistryClient}'s traffic: its own {@link HttpClient} (so its own HTTP/2
 * connection per origin, with its own stream limit and flow-control window) and its own request
 * permits.
 *
 * <p>Why two lanes: packuments gate the tree builder, tarballs only the end of the install. On one
 * shared connection the tarball bodies being downloaded in the background took the stream slots and
 * the connection's receive window from the packuments the builder was waiting for; on separate
 * connections a packument request never queues behind a tarball.
 */
final class Lane {
  private final String name;
  private final Semaphore permits;
  private final Executor executor;
  private HttpClient http;

  /**
   * @param name {@code packument} or {@code tarball} (for traces and the first-request gate)
   * @param maxStreams the most requests in flight at once (each until its body is read or closed)
   * @param executor the HTTP client's executor
   */
  Lane(String name, int maxStreams, Executor executor) {
    this.name = name;
    this.permits = new Semaphore(maxStreams);
    this.executor = executor;
  }

  /** The lane's name. */
  String name() {
    return name;
  }

  /** The lane's request permits. */
  Semaphore permits() {
    return permits;
  }

  /**
   * The HTTP client, built on first use: an install answered from the caches never pays for TLS
   * set-up (the default SSLContext loads the trust store).
   */
  synchronized HttpClient http() {
    if (http == null) {
      http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_2)
              .followRedirects(HttpClient.Redirect.NORMAL)
              .connectTimeout(Duration.ofSeconds(30))
              .executor(executor)
              .build();
    }
    return http;
  }

  /** Closes the HTTP client when it was built. */
  synchronized void close() {
    if (http != null) {
      http.close();
    }
  }
}
