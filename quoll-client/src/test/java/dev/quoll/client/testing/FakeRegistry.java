package dev.quoll.client.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.quoll.core.integrity.Integrity;
import dev.quoll.core.json.Json;
import dev.quoll.core.tarball.TarballWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/**
 * A registry on 127.0.0.1 for tests: packuments (full documents, with an ETag and {@code
 * Cache-Control: max-age}) and tarballs built with core's {@link TarballWriter}; records every
 * request; can be told to fail a path a number of times first.
 */
public final class FakeRegistry implements AutoCloseable {
  /** One recorded request. */
  public record Request(String method, String path, Map<String, String> headers) {}

  /** A published version. */
  public record Published(
      String name, String version, byte[] tgz, Integrity integrity, String url) {}

  private final HttpServer server;
  private final Map<String, Map<String, ObjectNode>> versions = new ConcurrentHashMap<>();
  private final Map<String, byte[]> tarballs = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();
  private final Map<String, Deque<Integer>> failures = new ConcurrentHashMap<>();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final Map<String, java.util.concurrent.CountDownLatch> holds = new ConcurrentHashMap<>();
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private volatile int maxAge = 300;

  /** Starts a registry on a free port. */
  public FakeRegistry() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  /** {@code http://127.0.0.1:<port>/}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** Sets the {@code Cache-Control: max-age} of packuments (seconds). */
  public void maxAge(int seconds) {
    maxAge = seconds;
  }

  /**
   * Publishes a version made of the given files (paths under {@code package/}); package.json is
   * generated from {@code manifest} with name and version added.
   */
  public Published publish(
      String name, String version, ObjectNode manifest, Map<String, String> files) {
    ObjectNode pj = manifest.deepCopy();
    pj.put("name", name);
    pj.put("version", version);
    Map<String, byte[]> all = new LinkedHashMap<>();
    all.put("package/package.json", Json.stringify(pj, "  ").getBytes(StandardCharsets.UTF_8));
    files.forEach(
        (k, v) ->
            all.put(
                k.startsWith("package/") || k.contains("..") ? k : "package/" + k,
                v.getBytes(StandardCharsets.UTF_8)));
    return publishRaw(name, version, pj, tgz(all, Map.of()));
  }

  /** Publishes a version with the given tarball bytes and manifest as they are. */
  public Published publishRaw(String name, String version, ObjectNode manifest, byte[] tgz) {
    Integrity integrity = Integrity.fromData(tgz);
    String base = name.contains("/") ? name.substring(name.indexOf('/') + 1) : name;
    String path = name + "/-/" + base + "-" + version + ".tgz";
    String url = url() + path;
    tarballs.put("/" + path, tgz);
    ObjectNode v = manifest.deepCopy();
    v.put("name", name);
    v.put("version", version);
    ObjectNode dist = v.putObject("dist");
    dist.put("tarball", url);
    dist.put("integrity", integrity.toString());
    versions.computeIfAbsent(name, k -> new ConcurrentHashMap<>()).put(version, v);
    return new Published(name, version, tgz, integrity, url);
  }

  /**
   * Sets a dist-tag of a package; without one, {@code latest} is the last version in string order.
   */
  public void distTag(String name, String tag, String version) {
    tags.computeIfAbsent(name, k -> new ConcurrentHashMap<>()).put(tag, version);
  }

  /** Replaces the bytes served for a tarball URL (tampering). */
  public void replaceTarball(String url, byte[] bytes) {
    tarballs.put(url.substring(url().length() - 1), bytes);
  }

  /**
   * The tamper tests' wrong tarball: {@code p}'s URL now serves a valid tarball whose bytes do not
   * match {@code p}'s published integrity (its only file is {@code package/e.js} = {@code pwned}).
   */
  public void tamper(Published p) {
    replaceTarball(
        p.url(),
        tgz(
            Map.of("package/e.js", "pwned".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            Map.of()));
  }

  /** A fixed response: status, extra headers (name to the values of its lines), body. */
  private record Answer(int status, Map<String, List<String>> headers, String body) {}

  /**
   * Makes every request to {@code path} (raw, e.g. {@code /@s%2fp} or {@code /p/-/p-1.0.0.tgz})
   * answer {@code status} with these headers and body ({@code application/json} unless the headers
   * say otherwise), before any packument or tarball: e.g. a 401 with {@code WWW-Authenticate}.
   */
  public void answer(String path, int status, Map<String, List<String>> headers, String body) {
    answers.put(path, new Answer(status, Map.copyOf(headers), body));
  }

  /** Makes the next {@code times} requests to {@code path} answer {@code status}. */
  public void failNext(String path, int status, int times) {
    Deque<Integer> d = failures.computeIfAbsent(path, k -> new ArrayDeque<>());
    for (int i = 0; i < times; i++) {
      d.add(status);
    }
  }

  /**
   * Holds every request to a tarball URL (after recording it) until the returned latch is counted
   * down, so a test can act while that download is under way.
   */
  public java.util.concurrent.CountDownLatch hold(String url) {
    java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
    holds.put(url.substring(url().length() - 1), gate);
    return gate;
  }

  /** The requests so far. */
  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Forgets the recorded requests. */
  public void clearRequests() {
    requests.clear();
  }

  /**
   * The tamper tests' escaping tarball: a {@code package.json} and an entry {@code
   * package/../../../outside/pwned} that, unpacked naively into {@code <tmp>/x/node_modules/p},
   * would land in {@code <tmp>/outside/pwned}.
   */
  public static byte[] escapingTgz() {
    return tgz(
        Map.of(
            "package/package.json",
            "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "package/../../../outside/pwned",
            "x".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        Map.of());
  }

  /**
   * A gzipped tar of the given entries; {@code symlinks} adds symbolic-link entries (path to
   * target), written with commons-compress since npm's writer makes none.
   */
  public static byte[] tgz(Map<String, byte[]> files, Map<String, String> symlinks) {
    try {
      ByteArrayOutputStream tar = new ByteArrayOutputStream();
      if (symlinks.isEmpty()) {
        TarballWriter w = new TarballWriter(tar, TarballWriter.NPM_MTIME);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
          w.addFile(e.getKey(), 0644, e.getValue().length, new ByteArrayInputStream(e.getValue()));
        }
        w.finish();
      } else {
        try (var out = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(tar)) {
          for (Map.Entry<String, String> l : symlinks.entrySet()) {
            var entry =
                new org.apache.commons.compress.archivers.tar.TarArchiveEntry(
                    l.getKey(), org.apache.commons.compress.archivers.tar.TarConstants.LF_SYMLINK);
            entry.setLinkName(l.getValue());
            out.putArchiveEntry(entry);
            out.closeArchiveEntry();
          }
          for (Map.Entry<String, byte[]> e : files.entrySet()) {
            var entry = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(e.getKey());
            entry.setSize(e.getValue().length);
            out.putArchiveEntry(entry);
            out.write(e.getValue());
            out.closeArchiveEntry();
          }
        }
      }
      ByteArrayOutputStream gz = new ByteArrayOutputStream();
      try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
        g.write(tar.toByteArray());
      }
      return gz.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      Map<String, String> headers = new LinkedHashMap<>();
      Headers h = ex.getRequestHeaders();
      h.forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
      requests.add(new Request(ex.getRequestMethod(), path, headers));
      java.util.concurrent.CountDownLatch gate = holds.get(path);
      if (gate != null) {
        try {
          gate.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      Answer answer = answers.get(path);
      if (answer != null) {
        answer.headers().forEach((k, v) -> ex.getResponseHeaders().put(k, v));
        String type = answer.headers().containsKey("content-type") ? null : "application/json";
        if (type != null) {
          ex.getResponseHeaders().add("content-type", type);
        }
        byte[] b = answer.body().getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(answer.status(), b.length == 0 ? -1 : b.length);
        ex.getResponseBody().write(b);
        return;
      }
      Deque<Integer> fail = failures.get(path);
      Integer status = fail == null ? null : fail.poll();
      if (status != null) {
        send(
            ex,
            status,
            "{\"error\":\"injected\"}".getBytes(StandardCharsets.UTF_8),
            "application/json");
        return;
      }
      byte[] tgz = tarballs.get(path);
      if (tgz != null) {
        send(ex, 200, tgz, "application/octet-stream");
        return;
      }
      String name = path.substring(1).replace("%2f", "/").replace("%2F", "/");
      Map<String, ObjectNode> vs = versions.get(name);
      if (vs == null) {
        send(
            ex,
            404,
            "{\"error\":\"Not found\"}".getBytes(StandardCharsets.UTF_8),
            "application/json");
        return;
      }
      ObjectNode doc = Json.object();
      doc.put("name", name);
      ObjectNode distTags = doc.putObject("dist-tags");
      ObjectNode vv = doc.putObject("versions");
      ObjectNode time = doc.putObject("time");
      List<String> keys = new ArrayList<>(vs.keySet());
      keys.sort(null);
      int i = 0;
      for (String k : keys) {
        vv.set(k, vs.get(k));
        time.put(k, "2020-01-0" + (1 + Math.min(i++, 8)) + "T00:00:00.000Z");
        distTags.put("latest", k);
      }
      tags.getOrDefault(name, Map.of()).forEach(distTags::put);
      byte[] body = Json.stringify(doc).getBytes(StandardCharsets.UTF_8);
      String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"";
      ex.getResponseHeaders().add("etag", etag);
      ex.getResponseHeaders().add("cache-control", "public, max-age=" + maxAge);
      if (etag.equals(h.getFirst("if-none-match"))) {
        ex.sendResponseHeaders(304, -1);
        return;
      }
      send(ex, 200, body, "application/json");
    }
  }

  private static void send(HttpExchange ex, int status, byte[] body, String type)
      throws IOException {
    ex.getResponseHeaders().add("content-type", type);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    ex.getResponseBody().write(body);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
