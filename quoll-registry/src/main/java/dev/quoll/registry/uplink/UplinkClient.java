package dev.quoll.registry.uplink;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * HTTP access to the upstream registry: one shared {@link HttpClient} (connections and resolved
 * addresses are reused; environment note on DNS bursts), packument GETs with revalidation, tarball
 * streams. Gzip responses are decoded here ({@link HttpClient} does not).
 */
public final class UplinkClient {
  private final URI base;
  private final HttpClient http;
  private final Duration timeout;

  /**
   * @param base the upstream registry URL, ending in {@code /}
   * @param timeout the limit for connecting and for a response's headers
   */
  public UplinkClient(URI base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /** The upstream base URL. */
  public URI base() {
    return base;
  }

  /** The outcome of a packument fetch. */
  public sealed interface Fetch {
    /**
     * A new document.
     *
     * @param body the JSON bytes
     * @param etag the upstream ETag, or empty text
     */
    record Fresh(byte[] body, String etag) implements Fetch {}

    /** 304: the cached document is still current. */
    record NotModified() implements Fetch {}

    /** 404: the upstream has no such package. */
    record Missing() implements Fetch {}

    /**
     * The upstream could not be asked (network, timeout, 5xx, unexpected status).
     *
     * @param reason one line
     */
    record Failed(String reason) implements Fetch {}
  }

  /**
   * GETs the full packument ({@code Accept: application/json}; the abbreviated one is derived
   * locally, since some upstreams ignore that header — environment note).
   *
   * @param escapedName the name as one path segment ({@code @s%2fp})
   * @param etag the cached ETag to revalidate, or empty
   * @return what the upstream said
   */
  public Fetch packument(String escapedName, Optional<String> etag) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(escapedName))
            .timeout(timeout)
            .header("Accept", "application/json")
            .header("Accept-Encoding", "gzip");
    etag.filter(e -> !e.isEmpty()).ifPresent(e -> b.header("If-None-Match", e));
    try {
      HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = decoded(r)) {
        return switch (r.statusCode()) {
          case 200 -> new Fetch.Fresh(in.readAllBytes(), r.headers().firstValue("ETag").orElse(""));
          case 304 -> new Fetch.NotModified();
          case 404 -> new Fetch.Missing();
          default -> new Fetch.Failed("upstream answered " + r.statusCode());
        };
      }
    } catch (IOException e) {
      return new Fetch.Failed("upstream unreachable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Fetch.Failed("interrupted");
    }
  }

  /**
   * Opens a tarball stream.
   *
   * @param url the absolute tarball URL from the upstream packument
   * @return the body stream (the caller closes it), or empty on 404
   * @throws IOException when the upstream fails or answers another status
   */
  public Optional<InputStream> tarball(URI url) throws IOException {
    try {
      HttpResponse<InputStream> r =
          http.send(
              HttpRequest.newBuilder(url).timeout(timeout).build(),
              HttpResponse.BodyHandlers.ofInputStream());
      if (r.statusCode() == 404) {
        r.body().close();
        return Optional.empty();
      }
      if (r.statusCode() != 200) {
        r.body().close();
        throw new IOException("upstream answered " + r.statusCode() + " for " + url);
      }
      return Optional.of(decoded(r));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static InputStream decoded(HttpResponse<InputStream> r) throws IOException {
    boolean gzip =
        r.headers()
            .firstValue("Content-Encoding")
            .map(v -> v.equalsIgnoreCase("gzip"))
            .orElse(false);
    return gzip ? new GZIPInputStream(r.body()) : r.body();
  }
}
