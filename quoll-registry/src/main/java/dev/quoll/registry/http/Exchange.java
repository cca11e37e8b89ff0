package dev.quoll.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One request and its response, as the registry's handlers see them: the raw path, headers, a body
 * read with a size cap, and JSON or byte answers. Handlers run on virtual threads, so every method
 * here blocks until its I/O is done. It counts the status and body bytes for the request log.
 */
public final class Exchange {
  private final Request request;
  private final Response response;
  private final String method;
  private int status = 200;
  private long bytes;

  Exchange(Request request, Response response) {
    this.request = request;
    this.response = response;
    this.method = request.getMethod().toUpperCase(Locale.ROOT);
  }

  /**
   * A value computed once for this request and kept on it (a request attribute).
   *
   * @param name the attribute name, e.g. {@code quoll.credential}
   * @return the kept value, or empty when none was kept
   */
  @SuppressWarnings("unchecked")
  <T> Optional<T> kept(String name) {
    return Optional.ofNullable((T) request.getAttribute(name));
  }

  /**
   * Keeps a value for the rest of this request.
   *
   * @param name the attribute name
   * @param value the value
   */
  void keep(String name, Object value) {
    request.setAttribute(name, value);
  }

  /** The method, upper case. */
  public String method() {
    return method;
  }

  /** The raw request path (percent-encoding intact), without the query. */
  public String rawPath() {
    String p = request.getHttpURI().getPath();
    return p == null ? "/" : p;
  }

  /**
   * @param name a query parameter name
   * @return whether the query has {@code name=true}, as npm's {@code ?write=true}
   */
  public boolean queryFlag(String name) {
    String q = request.getHttpURI().getQuery();
    if (q == null) {
      return false;
    }
    for (String part : q.split("&")) {
      if (part.equals(name + "=true")) {
        return true;
      }
    }
    return false;
  }

  /** The connection's remote IP address (no proxy header applied), or null when unknown. */
  public String remoteAddress() {
    return Request.getRemoteAddr(request);
  }

  /**
   * @param name a query parameter name
   * @return its first value (percent-decoded), or empty
   */
  public java.util.Optional<String> query(String name) {
    String q = request.getHttpURI().getQuery();
    if (q == null) {
      return java.util.Optional.empty();
    }
    for (String part : q.split("&")) {
      int eq = part.indexOf('=');
      String k = eq < 0 ? part : part.substring(0, eq);
      if (k.equals(name)) {
        try {
          return java.util.Optional.of(
              java.net.URLDecoder.decode(
                  eq < 0 ? "" : part.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw new RegistryException(Kind.BAD_REQUEST, "Bad percent-encoding in query");
        }
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * @param name a header name
   * @return its first value, or null
   */
  public String header(String name) {
    return request.getHeaders().get(name);
  }

  /**
   * @param header a known header
   * @return its first value, or null
   */
  String header(HttpHeader header) {
    return request.getHeaders().get(header);
  }

  /** Sets a known response header. */
  void setHeader(HttpHeader header, String value) {
    response.getHeaders().put(header, value);
  }

  /** Sets a response header. */
  public void setHeader(String name, String value) {
    response.getHeaders().put(name, value);
  }

  /** Sets a response header from a prepared field (no name lookup or encoding per request). */
  void setHeader(HttpField field) {
    response.getHeaders().put(field);
  }

  /**
   * Reads the whole request body.
   *
   * @param limit the largest accepted body in bytes
   * @return the body
   * @throws RegistryException {@code TOO_LARGE} when the body (or its declared length) is over the
   *     limit
   */
  public byte[] body(long limit) {
    try (InputStream in = Content.Source.asInputStream(request)) {
      if (request.getLength() > limit) {
        throw tooLarge(limit, in);
      }
      byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (b.length > limit) {
        throw tooLarge(limit, in);
      }
      return b;
    } catch (IOException e) {
      throw new RegistryException(Kind.BAD_REQUEST, "cannot read the request body", e);
    }
  }

  /** Answers with a JSON value. */
  public void json(int status, JsonNode value) {
    send(status, "application/json", Json.toBytes(value));
  }

  /** Answers {@code {"ok": true}} plus the given message fields. */
  public void ok(int status) {
    ObjectNode o = Json.object();
    o.put("ok", true);
    json(status, o);
  }

  /**
   * Answers npm's error shape {@code {"error": msg, "message": msg}} (wire note §1.5 recommends
   * both).
   */
  public void error(int status, String message) {
    ObjectNode o = Json.object();
    o.put("error", message);
    o.put("message", message);
    json(status, o);
  }

  /** Answers with bytes of a content type (no body for HEAD). */
  public void send(int status, String contentType, byte[] body) {
    send(status, contentType, ByteBuffer.wrap(body));
  }

  /**
   * Answers with the remaining bytes of a buffer (no body for HEAD); the buffer's position moves.
   */
  public void send(int status, String contentType, ByteBuffer body) {
    send(status, new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, contentType), body);
  }

  /** {@link #send(int, String, ByteBuffer)} with a prepared Content-Type field. */
  void send(int status, HttpField contentType, ByteBuffer body) {
    this.status = status;
    response.setStatus(status);
    HttpFields.Mutable headers = response.getHeaders();
    headers.put(contentType);
    headers.put(HttpHeader.CONTENT_LENGTH, body.remaining());
    if (method.equals("HEAD")) {
      return;
    }
    write(body);
  }

  /** Answers with a status and no body. */
  public void empty(int status) {
    this.status = status;
    response.setStatus(status);
  }

  /**
   * Answers with a stream of known length (no body for HEAD).
   *
   * @param in the content; closed here
   */
  public void stream(int status, String contentType, long length, InputStream in)
      throws IOException {
    this.status = status;
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
    try (in) {
      if (!method.equals("HEAD")) {
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
          bytes += in.transferTo(out);
        }
      }
    }
  }

  private void write(ByteBuffer body) {
    try {
      int n = body.remaining();
      Callback.Completable done = new Callback.Completable();
      response.write(true, body, done);
      done.get();
      bytes += n;
    } catch (Exception e) {
      throw new RegistryException(Kind.INTERNAL, "write failed", e);
    }
  }

  /** Whether a status was already set by an answer. */
  int status() {
    return status;
  }

  long bytes() {
    return bytes;
  }

  boolean committed() {
    return response.isCommitted();
  }

  /**
   * The 413 failure, after reading and discarding up to three times the limit of what is left of
   * the body, so a client that sends the whole body before reading the answer (npm, or any HTTP/2
   * client, which would otherwise get a reset stream) sees the 413; a larger body is cut off.
   */
  private static RegistryException tooLarge(long limit, InputStream rest) throws IOException {
    long budget = Math.max(limit, 1) * 3;
    byte[] sink = new byte[64 * 1024];
    for (int n; budget > 0 && (n = rest.read(sink, 0, (int) Math.min(sink.length, budget))) > 0; ) {
      budget -= n;
    }
    return new RegistryException(
        Kind.TOO_LARGE, "Request body is larger than the limit of " + limit + " bytes");
  }
}
