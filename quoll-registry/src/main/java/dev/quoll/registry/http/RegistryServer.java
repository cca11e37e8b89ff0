package dev.quoll.registry.http;

import java.net.URI;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The registry's Jetty 12 server (core Handler API, no servlets; bench/RESULTS.md "HTTP server
 * choice"): one connector for HTTP/1.1 with keep-alive and h2c (HTTP/2 over cleartext, by prior
 * knowledge or {@code Upgrade: h2c}), handlers on virtual threads (a {@link QueuedThreadPool} with
 * a virtual-threads executor), URI compliance {@code DEFAULT} plus {@code AMBIGUOUS_PATH_SEPARATOR}
 * so {@code %2f} in scoped names reaches the router, a graceful stop that lets running requests
 * finish for up to 5 s ({@link GracefulHandler}).
 */
public final class RegistryServer implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;

  /**
   * Creates the server and binds its port (so {@link #port()} is known before {@link #start}).
   *
   * @param host the address to listen on
   * @param port the port, 0 for any free port
   * @throws Exception when the port cannot be bound
   */
  public RegistryServer(String host, int port) throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("quoll-http");
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server = new Server(threads);
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    config.setSendDateHeader(true);
    config.setUriCompliance(
        UriCompliance.DEFAULT.with(
            "npm scoped names", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
    connector =
        new ServerConnector(
            server, new HttpConnectionFactory(config), new HTTP2CServerConnectionFactory(config));
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setStopTimeout(5_000);
    connector.open();
  }

  /**
   * Starts serving.
   *
   * @param handler the request handler
   * @throws Exception when Jetty cannot start
   */
  public void start(Handler handler) throws Exception {
    server.setHandler(new GracefulHandler(handler));
    server.start();
  }

  /** The port actually listened on (the free port chosen when 0 was asked for). */
  public int port() {
    return connector.getLocalPort();
  }

  /** The local URL, e.g. {@code http://127.0.0.1:4873/}. */
  public URI localUrl() {
    String host = connector.getHost();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + port() + "/");
  }

  /** Stops gracefully: no new connections, running requests finish (up to 5 s). */
  @Override
  public void close() throws Exception {
    server.stop();
  }

  /** Blocks until the server has stopped. */
  public void join() throws InterruptedException {
    server.join();
  }
}
