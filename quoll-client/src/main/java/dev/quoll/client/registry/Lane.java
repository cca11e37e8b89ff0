package dev.quoll.client.registry;

import java.net.http.HttpClient;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * One kind of the {@link RegistryClient}'s traffic: its own {@link HttpClient} (so its own HTTP/2
 * connection per origin, with its own stream limit and flow-control window) and its own request
 * permits.
 *
 * <p>Why two lanes: packuments gate the tree builder, tarballs only the end of the install. On one
 * shared connection the tarball bodies being downloaded in the background took the stream slots and
 * the connection's receive window from the packuments the builder was waiting for; on separate
 * connections a packument request never queues behind a tarball.
 *
 * <p>TLS: the client offers the JDK's default cipher suites, ChaCha20-Poly1305 first ({@link
 * #chaChaFirst}; {@code -Dquoll.preferChaCha=false} keeps the JDK's order, AES-GCM first). Why: the
 * client JVM runs C1 only, which has none of the AES-GCM intrinsics, so AES-GCM is decrypted in
 * plain Java; ChaCha20 is cheaper there. Downloading the 833 tarballs of angular-quickstart (47 MB)
 * took 1.5-1.6 s of user CPU with ChaCha20 against 2.5-2.6 s with AES-GCM (C1, 2026-11-21).
 * registry.npmjs.org honours the client's order; a server without ChaCha20 picks another suite.
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
              .sslParameters(sslParameters())
              .executor(executor)
              .build();
    }
    return http;
  }

  private static SSLParameters sslParameters() {
    SSLParameters p;
    try {
      p = SSLContext.getDefault().getDefaultSSLParameters();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no default TLS context", e);
    }
    if (Boolean.parseBoolean(System.getProperty("quoll.preferChaCha", "true"))) {
      p.setCipherSuites(chaChaFirst(p.getCipherSuites()));
    }
    return p;
  }

  /**
   * The same cipher suites, those with ChaCha20 first, each group in the given order.
   *
   * @param suites JSSE cipher suite names, e.g. {@code TLS_AES_256_GCM_SHA384}
   * @return a reordered copy
   */
  static String[] chaChaFirst(String[] suites) {
    List<String> out = new ArrayList<>(suites.length);
    for (String s : suites) {
      if (s.contains("_CHACHA20_")) {
        out.add(s);
      }
    }
    for (String s : suites) {
      if (!s.contains("_CHACHA20_")) {
        out.add(s);
      }
    }
    return out.toArray(String[]::new);
  }

  /** Closes the HTTP client when it was built. */
  synchronized void close() {
    if (http != null) {
      http.close();
    }
  }
}
