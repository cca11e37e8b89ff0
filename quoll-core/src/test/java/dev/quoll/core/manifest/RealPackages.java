package dev.quoll.core.manifest;

import dev.quoll.testkit.NpmOracle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Real published packages, downloaded from the npm registry at test time (cached under {@code
 * target/manifest-fixtures}) and unpacked, so the normalisation steps see a real package.json next
 * to its real README, bin and man folders, binding.gyp, server.js and .d.ts files.
 */
final class RealPackages {
  /** Pinned name@version pairs chosen for what their manifests exercise. */
  static final List<String> PACKAGES =
      List.of(
          // bin as string, object, directories.bin, man pages
          "semver@7.6.3",
          "mkdirp@0.5.6",
          "rimraf@2.7.1",
          "which@2.0.2",
          "uuid@3.4.0",
          "glob@7.2.3",
          "minimist@1.2.8",
          "nopt@3.0.6",
          "optimist@0.6.1",
          "coffee-script@1.12.7",
          "esprima@4.0.1",
          "js-yaml@3.14.1",
          "node-uuid@1.4.8",
          "jade@1.11.0",
          "uglify-js@2.8.29",
          // directories.man expanded from real man pages, bundleDependencies, bin string
          "npm@1.4.29",
          "nodeunit@0.11.3",
          // scripts calling ./node_modules/.bin/...
          "audio-metadata@0.3.0",
          "libxmljs@0.19.7",
          // repository shorthands, people strings, old-style fields
          "ms@2.1.3",
          "debug@4.3.4",
          "is-number@7.0.0",
          "inherits@2.0.4",
          "commander@2.20.3",
          "once@1.4.0",
          "wrappy@1.0.2",
          "abbrev@1.1.1",
          "underscore@1.13.6",
          "colors@1.4.0",
          "async@2.6.4",
          "qs@6.11.0",
          "express@4.18.2",
          "connect@2.30.2",
          "request@2.88.2",
          "chalk@4.1.2",
          "yargs@17.7.2",
          "graceful-fs@4.2.11",
          "readable-stream@2.3.8",
          "jsonfile@6.1.0",
          "tar@2.2.2",
          "fstream@1.0.12",
          "lodash.merge@4.6.2",
          // native addons: binding.gyp with and without install scripts
          "bufferutil@4.0.8",
          "utf-8-validate@5.0.10",
          "heapdump@0.3.15",
          "microtime@3.1.1",
          "node-gyp-build@4.8.1",
          "bindings@1.5.0",
          "weak@1.0.1",
          // types next to main, exports, workspaces-era manifests
          "@types/node@20.11.30",
          "tslib@2.6.2",
          "zod@3.22.4",
          "ws@8.13.0");

  private RealPackages() {}

  /** A package unpacked into a folder. */
  record Unpacked(String spec, Path dir) {}

  /**
   * Downloads (once) and unpacks every package into a new temporary folder.
   *
   * @param into the parent folder
   * @return one unpacked folder per package, in list order
   */
  static List<Unpacked> unpackAll(Path into) throws IOException {
    List<Unpacked> out = new ArrayList<>();
    List<Path> tarballs = tarballs();
    for (int i = 0; i < PACKAGES.size(); i++) {
      String spec = PACKAGES.get(i);
      Path dir = into.resolve(spec.replace('/', '+'));
      Files.createDirectories(dir);
      unpack(tarballs.get(i), dir, false);
      out.add(new Unpacked(spec, dir));
    }
    return out;
  }

  /**
   * The package.json text of every package, as published.
   *
   * @return one text per package, in list order
   */
  static List<String> packageJsons() throws IOException {
    List<String> out = new ArrayList<>();
    for (Path tgz : tarballs()) {
      Path dir = Files.createTempDirectory("quoll-pj-");
      try {
        unpack(tgz, dir, true);
        out.add(Files.readString(dir.resolve("package.json"), StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(dir.resolve("package.json"));
        Files.delete(dir);
      }
    }
    return out;
  }

  /** The cached tarballs, downloaded on first use. */
  private static List<Path> tarballs() throws IOException {
    Path cache = NpmOracle.repositoryRoot().resolve("target/manifest-fixtures");
    Files.createDirectories(cache);
    HttpClient http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(20))
            .build();
    List<Path> out = new ArrayList<>();
    for (String spec : PACKAGES) {
      int at = spec.lastIndexOf('@');
      String name = spec.substring(0, at);
      String version = spec.substring(at + 1);
      String base = name.contains("/") ? name.substring(name.indexOf('/') + 1) : name;
      Path tgz = cache.resolve(spec.replace('/', '+') + ".tgz");
      if (!Files.exists(tgz)) {
        download(
            http,
            "https://registry.npmjs.org/" + name + "/-/" + base + "-" + version + ".tgz",
            tgz);
      }
      out.add(tgz);
    }
    return out;
  }

  private static void download(HttpClient http, String url, Path to) throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        HttpResponse<Path> r =
            http.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofFile(to.resolveSibling(to.getFileName() + ".part")));
        if (r.statusCode() != 200) {
          throw new IOException("GET " + url + " -> " + r.statusCode());
        }
        Files.move(r.body(), to, StandardCopyOption.REPLACE_EXISTING);
        return;
      } catch (IOException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
    throw last;
  }

  /**
   * Unpacks regular files, dropping the first path component (usually {@code package/}); only the
   * top-level package.json when {@code manifestOnly}.
   */
  private static void unpack(Path tgz, Path dir, boolean manifestOnly) throws IOException {
    try (InputStream in = Files.newInputStream(tgz);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        if (!e.isFile()) {
          continue;
        }
        String name = e.getName();
        int slash = name.indexOf('/');
        if (slash < 0) {
          continue;
        }
        String rel = name.substring(slash + 1);
        if (manifestOnly && !rel.equals("package.json")) {
          continue;
        }
        Path target = dir.resolve(rel).normalize();
        if (!target.startsWith(dir)) {
          continue;
        }
        Files.createDirectories(target.getParent());
        try {
          Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException ex) {
          throw new UncheckedIOException(ex);
        }
      }
    }
  }
}
