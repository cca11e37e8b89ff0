package dev.quoll.bench.http;

import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * The packument read path on Jetty 12's core Handler API (no servlets): HTTP/1.1 with keep-alive
 * and h2c (HTTP/2 over cleartext, prior knowledge or Upgrade) on one connector bound to 127.0.0.1,
 * handlers run on virtual threads (a {@link QueuedThreadPool} whose virtual-threads executor runs
 * every blocking task, as Jetty's documentation recommends).
 *
 * <p>Jetty rejects {@code %2F} in paths by default (URI compliance violation {@code
 * AMBIGUOUS_PATH_SEPARATOR}, answered 400); scoped package names need it, so this server allows
 * that one violation and reads the raw path from {@code HttpURI.getPath()}.
 *
 * <p>Usage: {@code JettyPackumentServer <packument directory> <port file>} (see {@link Launch}).
 */
public final class JettyPackumentServer {

  private static final String NAME = "jetty";
  private static final HttpField JSON =
      new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");
  private static final HttpField GZIP =
      new PreEncodedHttpField(HttpHeader.CONTENT_ENCODING, "gzip");
  private static final HttpField VARY = new PreEncodedHttpField(HttpHeader.VARY, "Accept-Encoding");
  private static final HttpField CACHE =
      new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "public, max-age=300");

  /**
   * The thread pool: {@code qtp} (default) is a QueuedThreadPool for selectors and non-blocking
   * tasks with a virtual-threads executor for blocking ones (handlers); {@code virtual} is Jetty's
   * VirtualThreadPool, every task on a virtual thread. Chosen with {@code
   * -Dquoll.bench.jetty.pool=virtual}.
   */
  private static final boolean ALL_VIRTUAL =
      System.getProperty("quoll.bench.jetty.pool", "qtp").equals("virtual");

  /**
   * Whether {@code %2F} is allowed in paths (default true); {@code
   * -Dquoll.bench.jetty.encodedSlash=false} shows Jetty's default URI compliance at work.
   */
  private static final boolean ENCODED_SLASH =
      Boolean.parseBoolean(System.getProperty("quoll.bench.jetty.encodedSlash", "true"));

  private JettyPackumentServer() {}

  /**
   * Starts the server and serves until SIGTERM, then stops gracefully (up to 5 s).
   *
   * @param args {@code <packument directory> <port file>}
   * @throws Exception when Jetty fails to start
   */
  public static void main(String[] args) throws Exception {
    Launch launch = Launch.fromArgs(NAME, args);
    long t0 = System.nanoTime();
    ThreadPool threads;
    if (ALL_VIRTUAL) {
      threads = new VirtualThreadPool();
    } else {
      QueuedThreadPool queued = new QueuedThreadPool();
      queued.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
      threads = queued;
    }
    Server server = new Server(threads);
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    config.setUriCompliance(
        ENCODED_SLASH
            ? UriCompliance.DEFAULT.with(
                "npm scoped names", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR)
            : UriCompliance.DEFAULT);
    ServerConnector connector =
        new ServerConnector(
            server, new HttpConnectionFactory(config), new HTTP2CServerConnectionFactory(config));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(new PackumentHandler(launch.store()));
    server.setStopTimeout(5_000);
    server.start();
    launch.started(NAME, connector.getLocalPort(), t0);
    Launch.awaitShutdown(
        () -> {
          try {
            server.stop();
          } catch (Exception e) {
            e.printStackTrace();
          }
        });
  }

  /** Answers GET /name and GET /@scope/name (slash raw or %2f) from the store. */
  private static final class PackumentHandler extends Handler.Abstract {

    private final PackumentStore store;
    private final AtomicBoolean reported = new AtomicBoolean();

    PackumentHandler(PackumentStore store) {
      this.store = store;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      Launch.reportThread(NAME, reported);
      if (!HttpMethod.GET.is(request.getMethod())) {
        Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
        return true;
      }
      Optional<Packument> found = store.find(request.getHttpURI().getPath());
      if (found.isEmpty()) {
        Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
        return true;
      }
      Packument packument = found.get();
      var headers = response.getHeaders();
      headers.put(HttpHeader.ETAG, packument.etag());
      headers.put(CACHE);
      headers.put(VARY);
      if (Negotiation.notModified(
          request.getHeaders().get(HttpHeader.IF_NONE_MATCH), packument.etag())) {
        response.setStatus(HttpStatus.NOT_MODIFIED_304);
        callback.succeeded();
        return true;
      }
      boolean gzip = Negotiation.acceptsGzip(request.getHeaders().get(HttpHeader.ACCEPT_ENCODING));
      headers.put(JSON);
      if (gzip) {
        headers.put(GZIP);
      }
      headers.put(
          HttpHeader.CONTENT_LENGTH, gzip ? packument.gzip().length : packument.json().length);
      response.write(true, packument.body(gzip), callback);
      return true;
    }
  }
}
