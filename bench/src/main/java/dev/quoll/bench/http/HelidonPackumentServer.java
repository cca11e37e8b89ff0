package dev.quoll.bench.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The packument read path on Helidon SE 4's WebServer (its own HTTP stack, one virtual thread per
 * connection and per HTTP/2 stream by design): HTTP/1.1 with keep-alive and, with
 * helidon-webserver-http2 on the class path, h2c (prior knowledge or Upgrade), on one listener
 * bound to 127.0.0.1, with TCP_NODELAY set (see {@link #TCP_NO_DELAY}). A single catch-all route
 * reads the raw path from {@code prologue().uriPath().rawPath()}.
 *
 * <p>Usage: {@code HelidonPackumentServer <packument directory> <port file>} (see {@link Launch}).
 */
public final class HelidonPackumentServer {

  private static final String NAME = "helidon";
  private static final Header GZIP =
      HeaderValues.createCached(HeaderNames.CONTENT_ENCODING, "gzip");
  private static final Header VARY = HeaderValues.createCached(HeaderNames.VARY, "Accept-Encoding");
  private static final Header CACHE =
      HeaderValues.createCached(HeaderNames.CACHE_CONTROL, "public, max-age=300");

  /**
   * Helidon leaves Nagle's algorithm on by default ({@code tcpNoDelay} false), which with delayed
   * ACKs stalls keep-alive responses of a few dozen KB by ~40 ms; Jetty disables it by default. The
   * comparison runs with it disabled (as the registry would); {@code
   * -Dquoll.bench.helidon.tcpNoDelay=false} measures Helidon's default.
   */
  private static final boolean TCP_NO_DELAY =
      Boolean.parseBoolean(System.getProperty("quoll.bench.helidon.tcpNoDelay", "true"));

  /**
   * How the body is written: {@code send} (default) hands the bytes to {@code
   * ServerResponse.send(byte[])}, which copies headers and entity into one buffer and writes it;
   * {@code stream} sets Content-Length and writes the bytes to {@code
   * ServerResponse.outputStream()}. Chosen with {@code -Dquoll.bench.helidon.write=stream}.
   */
  private static final boolean STREAM =
      System.getProperty("quoll.bench.helidon.write", "send").equals("stream");

  private HelidonPackumentServer() {}

  /**
   * Starts the server and serves until SIGTERM, then stops gracefully (up to 5 s).
   *
   * @param args {@code <packument directory> <port file>}
   */
  public static void main(String[] args) {
    Launch launch = Launch.fromArgs(NAME, args);
    long t0 = System.nanoTime();
    WebServer server =
        WebServer.builder()
            .host("127.0.0.1")
            .port(0)
            .shutdownGracePeriod(Duration.ofSeconds(5))
            .connectionOptions(socket -> socket.tcpNoDelay(TCP_NO_DELAY))
            .routing(routing -> routing.any(new PackumentHandler(launch.store())))
            .build()
            .start();
    launch.started(NAME, server.port(), t0);
    Launch.awaitShutdown(server::stop);
  }

  /** Answers GET /name and GET /@scope/name (slash raw or %2f) from the store. */
  private static final class PackumentHandler implements Handler {

    private final PackumentStore store;
    private final AtomicBoolean reported = new AtomicBoolean();

    PackumentHandler(PackumentStore store) {
      this.store = store;
    }

    @Override
    public void handle(ServerRequest request, ServerResponse response) {
      Launch.reportThread(NAME, reported);
      if (request.prologue().method() != Method.GET) {
        response.status(Status.METHOD_NOT_ALLOWED_405).send();
        return;
      }
      Optional<Packument> found = store.find(request.prologue().uriPath().rawPath());
      if (found.isEmpty()) {
        response.status(Status.NOT_FOUND_404).send();
        return;
      }
      Packument packument = found.get();
      response.header(HeaderNames.ETAG, packument.etag());
      response.header(CACHE);
      response.header(VARY);
      var headers = request.headers();
      if (Negotiation.notModified(
          headers.first(HeaderNames.IF_NONE_MATCH).orElse(null), packument.etag())) {
        response.status(Status.NOT_MODIFIED_304).send();
        return;
      }
      boolean gzip =
          Negotiation.acceptsGzip(headers.first(HeaderNames.ACCEPT_ENCODING).orElse(null));
      response.header(HeaderValues.CONTENT_TYPE_JSON);
      if (gzip) {
        response.header(GZIP);
      }
      byte[] body = gzip ? packument.gzip() : packument.json();
      if (STREAM) {
        response.headers().contentLength(body.length);
        try (OutputStream out = response.outputStream()) {
          out.write(body);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      } else {
        response.send(body);
      }
    }
  }
}
