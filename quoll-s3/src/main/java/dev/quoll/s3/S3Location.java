package dev.quoll.s3;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where an {@link S3BlobStore} keeps blobs, parsed from the {@code blob-store} setting {@code
 * s3://bucket[/prefix]?endpoint=URL&path-style=true&presign-seconds=N}.
 *
 * @param bucket the bucket name (the URL's host)
 * @param prefix a key prefix ending in {@code /}, or empty text for the bucket's root
 * @param endpoint an S3-compatible server's URL (MinIO, s3proxy, R2); empty for AWS itself
 * @param pathStyle address the bucket in the path ({@code endpoint/bucket/key}) instead of the host
 * @param presign how long presigned tarball URLs live; zero turns redirects off
 */
public record S3Location(
    String bucket, String prefix, Optional<URI> endpoint, boolean pathStyle, Duration presign) {

  /**
   * Parses the setting.
   *
   * @param uri e.g. {@code s3://npm-tarballs/prod?endpoint=http://minio:9000&path-style=true}
   * @return the location
   * @throws IllegalArgumentException for another scheme, a missing bucket, an unknown parameter or
   *     a value that does not parse
   */
  public static S3Location parse(URI uri) {
    if (!"s3".equals(uri.getScheme()) || uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("expected s3://bucket[/prefix]?..., got " + uri);
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
    Map<String, String> q = query(uri.getRawQuery());
    Optional<URI> endpoint = Optional.ofNullable(q.remove("endpoint")).map(URI::create);
    endpoint.ifPresent(
        e -> {
          if (!"http".equals(e.getScheme()) && !"https".equals(e.getScheme())) {
            throw new IllegalArgumentException("endpoint must be an http(s) URL, got " + e);
          }
        });
    boolean pathStyle = Boolean.parseBoolean(q.getOrDefault("path-style", "false"));
    q.remove("path-style");
    long seconds;
    try {
      seconds = Long.parseLong(q.getOrDefault("presign-seconds", "0"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("presign-seconds must be a number of seconds");
    }
    q.remove("presign-seconds");
    if (seconds < 0 || seconds > 7 * 24 * 3600) {
      throw new IllegalArgumentException("presign-seconds must be between 0 and 604800");
    }
    if (!q.isEmpty()) {
      throw new IllegalArgumentException("unknown s3:// parameter(s) " + q.keySet());
    }
    return new S3Location(
        uri.getHost(),
        path.isEmpty() ? "" : path + "/",
        endpoint,
        pathStyle,
        Duration.ofSeconds(seconds));
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }
}
