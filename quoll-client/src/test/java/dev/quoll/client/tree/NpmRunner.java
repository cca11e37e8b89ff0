package dev.quoll.client.tree;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Serves fake registries over HTTP on 127.0.0.1 (one URL prefix per scenario) and runs the real npm
 * CLI against them with an isolated cache and npmrc: the oracle of the differential tests.
 */
final class NpmRunner implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, FakeRegistry> registries = new ConcurrentHashMap<>();
  private final Path work;

  NpmRunner(Path work) {
    this.work = work;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.start();
  }

  /** A fake registry under its own prefix; its URLs point at this server. */
  FakeRegistry registry(String id, String text) {
    FakeRegistry r = new FakeRegistry(text, baseUrl(id));
    registries.put(id, r);
    return r;
  }

  /** The folder npm ran in for a scenario. */
  Path dir(String id) {
    return work.resolve(id);
  }

  String baseUrl(String id) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + id + "/";
  }

  private void handle(com.sun.net.httpserver.HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      String[] parts = path.split("/", 3);
      FakeRegistry reg = parts.length == 3 ? registries.get(parts[1]) : null;
      byte[] body = null;
      String type = "application/json";
      if (reg != null) {
        String rest = "/" + parts[2];
        if (rest.contains("/-/")) {
          body = reg.tarball(URLDecoder.decode(rest, StandardCharsets.UTF_8));
          type = "application/octet-stream";
        } else {
          var json = reg.json(URLDecoder.decode(parts[2], StandardCharsets.UTF_8));
          if (json != null) {
            body = dev.quoll.core.json.Json.stringify(json).getBytes(StandardCharsets.UTF_8);
          }
        }
      }
      if (body == null) {
        body = "{\"error\":\"Not found\"}".getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("content-type", "application/json");
        ex.sendResponseHeaders(404, body.length);
      } else {
        ex.getResponseHeaders().add("content-type", type);
        ex.sendResponseHeaders(200, body.length);
      }
      ex.getResponseBody().write(body);
    }
  }

  /** The outcome of one npm run: exit code, stderr, and the lockfile it wrote (if any). */
  record Result(int exit, String stderr, Optional<String> lockfile) {}

  /**
   * Runs {@code npm install --package-lock-only} in a fresh folder holding {@code packageJson} (and
   * {@code lockfile} when given), with extra args.
   */
  Result install(String id, String packageJson, String lockfile, List<String> extra) {
    return install(id, packageJson, lockfile, extra, Map.of());
  }

  /** As {@link #install(String, String, String, List)} with more files (relative path to text). */
  Result install(
      String id,
      String packageJson,
      String lockfile,
      List<String> extra,
      Map<String, String> files) {
    try {
      Path dir = work.resolve(id);
      Files.createDirectories(dir);
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path file = dir.resolve(f.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, f.getValue());
      }
      Files.writeString(dir.resolve("package.json"), packageJson);
      if (lockfile != null) {
        Files.writeString(dir.resolve("package-lock.json"), lockfile);
      } else {
        Files.deleteIfExists(dir.resolve("package-lock.json"));
      }
      Path rc = work.resolve("npmrc");
      Path grc = work.resolve("global-npmrc");
      if (!Files.exists(rc)) {
        Files.writeString(rc, "");
        Files.writeString(grc, "");
      }
      List<String> cmd = new ArrayList<>();
      cmd.addAll(
          List.of(
              "npm",
              "install",
              "--package-lock-only",
              "--ignore-scripts",
              "--no-audit",
              "--no-fund",
              "--no-update-notifier",
              "--loglevel=warn",
              "--registry=" + baseUrl(id),
              "--cache=" + work.resolve("cache"),
              "--userconfig=" + rc,
              "--globalconfig=" + grc));
      cmd.addAll(extra);
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
      pb.environment().keySet().removeIf(k -> k.toLowerCase().startsWith("npm_config_"));
      pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
      Path err = dir.resolve("npm-stderr.txt");
      pb.redirectError(err.toFile());
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("npm timed out in " + dir);
      }
      Path lock = dir.resolve("package-lock.json");
      return new Result(
          p.exitValue(),
          Files.readString(err),
          Files.exists(lock) ? Optional.of(Files.readString(lock)) : Optional.empty());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
