package dev.quoll.registry.http;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
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
  private final Optional<ServerConnector> redirect;
  private final boolean tls;

  /**
   * TLS settings.
   *
   * @param certFile PEM certificate chain
   * @param keyFile PEM PKCS#8 private key
   * @param redirectPort a plain-HTTP port that answers 301 to https, if any (0: any free port)
   */
  public record Tls(Path certFile, Path keyFile, Optional<Integer> redirectPort) {}

  /**
   * Creates a plain-HTTP server and binds its port.
   *
   * @param host the address to listen on
   * @param port the port, 0 for any free port
   * @throws Exception when the port cannot be bound
   */
  public RegistryServer(String host, int port) throws Exception {
    this(host, port, Optional.empty());
  }

  /**
   * Creates the server and binds its port(s) (so {@link #port()} is known before {@link #start}).
   * With TLS, the main connector speaks HTTP/1.1 over TLS (Jetty's {@link SslContextFactory}, key
   * and chain from PEM) and the optional redirect connector answers every plain request with 301 to
   * the same path on https.
   *
   * @param host the address to listen on
   * @param port the port, 0 for any free port
   * @param tls TLS settings, or empty for plain HTTP (with h2c)
   * @throws Exception when a port cannot be bound or the PEM files cannot be read
   */
  public RegistryServer(String host, int port, Optional<Tls> tls) throws Exception {
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
    this.tls = tls.isPresent();
    if (tls.isPresent()) {
      char[] pw = java.util.UUID.randomUUID().toString().toCharArray();
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStore(PemKeyStore.load(tls.get().certFile(), tls.get().keyFile(), pw));
      ssl.setKeyStorePassword(new String(pw));
      HttpConfiguration https = new HttpConfiguration(config);
      SecureRequestCustomizer secure = new SecureRequestCustomizer();
      secure.setSniHostCheck(false);
      https.addCustomizer(secure);
      connector =
          new ServerConnector(
              server,
              new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
              new HttpConnectionFactory(https));
    } else {
      connector =
          new ServerConnector(
              server, new HttpConnectionFactory(config), new HTTP2CServerConnectionFactory(config));
    }
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    if (tls.isPresent() && tls.get().redirectPort().isPresent()) {
      ServerConnector plain = new ServerConnector(server, new HttpConnectionFactory(config));
      plain.setName(REDIRECT);
      plain.setHost(host);
      plain.setPort(tls.get().redirectPort().get());
      server.addConnector(plain);
      plain.open();
      redirect = Optional.of(plain);
    } else {
      redirect = Optional.empty();
    }
    server.setStopTimeout(5_000);
    connector.open();
  }

  private static final String REDIRECT = "quoll-redirect";

  /**
   * Starts serving.
   *
   * @param handler the request handler
   * @throws Exception when Jetty cannot start
   */
  public void start(Handler handler) throws Exception {
    int httpsPort = port();
    Handler.Abstract redirecting =
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback)
              throws Exception {
            if (REDIRECT.equals(request.getConnectionMetaData().getConnector().getName())) {
              String host = Request.getServerName(request);
              if (host.contains(":") && !host.startsWith("[")) {
                host = "[" + host + "]";
              }
              HttpURI uri = request.getHttpURI();
              String target =
                  "https://"
                      + host
                      + (httpsPort == 443 ? "" : ":" + httpsPort)
                      + uri.getPath()
                      + (uri.getQuery() == null ? "" : "?" + uri.getQuery());
              response.setStatus(301);
              response.getHeaders().put("Location", target);
              response.getHeaders().put("Content-Length", 0);
              callback.succeeded();
              return true;
            }
            return handler.handle(request, response, callback);
          }
        };
    if (redirect.isPresent()) {
      redirecting.setServer(server);
    }
    server.setHandler(new GracefulHandler(redirect.isPresent() ? redirecting : handler));
    server.start();
  }

  /** The plain-HTTP redirect port, when one is configured. */
  public Optional<Integer> redirectPort() {
    return redirect.map(ServerConnector::getLocalPort);
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
    return URI.create((tls ? "https://" : "http://") + host + ":" + port() + "/");
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
