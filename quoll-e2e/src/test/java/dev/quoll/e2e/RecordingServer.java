package dev.quoll.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server on a free 127.0.0.1 port that serves fixed bodies by path (404 otherwise) and
 * records every request with its {@code authorization} header: the "other host" of the credential
 * tests.
 */
final class RecordingServer implements AutoCloseable {
  /**
   * One request as received.
   *
   * @param method the HTTP method
   * @param path the raw request path
   * @param authorization the {@code authorization} header, or empty when none was sent
   */
  record Request(String method, String path, String authorization) {}

  private final HttpServer server;
  private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
  private final Map<String, String> redirects = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  RecordingServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          String path = ex.getRequestURI().getRawPath();
          String auth = ex.getRequestHeaders().getFirst("authorization");
          requests.add(new Request(ex.getRequestMethod(), path, auth == null ? "" : auth));
          byte[] body = bodies.get(path);
          String location = redirects.get(path);
          if (location != null) {
            ex.getResponseHeaders().set("location", location);
            ex.sendResponseHeaders(302, -1);
          } else if (body == null) {
            byte[] nf = "{\"error\":\"Not found\"}".getBytes();
            ex.sendResponseHeaders(404, nf.length);
            ex.getResponseBody().write(nf);
          } else {
            ex.getResponseHeaders().set("content-type", "application/octet-stream");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
          }
          ex.close();
        });
    server.start();
  }

  /** Serves {@code body} at {@code path} (e.g. {@code /t/x-1.0.0.tgz}). */
  void serve(String path, byte[] body) {
    bodies.put(path, body);
  }

  /** Answers {@code path} with {@code 302 Found} to {@code location} (an absolute URL). */
  void redirect(String path, String location) {
    redirects.put(path, location);
  }

  /** The server's URL for a path, e.g. {@code http://127.0.0.1:40000/t/x-1.0.0.tgz}. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Every request so far, in arrival order. */
  List<Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
