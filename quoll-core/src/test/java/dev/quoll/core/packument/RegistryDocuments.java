package dev.quoll.core.packument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Real registry documents for the tests: fetched from the public npm registry during the test run
 * (with retries, because DNS look-ups drop in bursts on these machines) and cached under {@code
 * target/registry-cache} for the rest of the build.
 */
final class RegistryDocuments {
  static final String REGISTRY = "https://registry.npmjs.org";
  private static final Path CACHE = Path.of("target", "registry-cache");
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(15))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  private RegistryDocuments() {}

  /** The cached file of the full document of a package, fetched when missing. */
  static Path full(String name) {
    return fetch(name, "application/json", "full")
        .orElseThrow(() -> new IllegalStateException("registry has no package " + name));
  }

  /**
   * The full document when the registry answers 200, else empty (404 with or without a body).
   *
   * @param name package name
   */
  static Optional<Path> fullIfPresent(String name) {
    return fetch(name, "application/json", "full");
  }

  /** What the registry answers to npm's abbreviated-metadata Accept header. */
  static Path corgi(String name) {
    return fetch(
            name,
            "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*",
            "corgi")
        .orElseThrow(() -> new IllegalStateException("registry has no package " + name));
  }

  private static Optional<Path> fetch(String name, String accept, String kind) {
    Path file = CACHE.resolve(kind).resolve(name.replace("/", "%2f") + ".json");
    Path missing = CACHE.resolve(kind).resolve(name.replace("/", "%2f") + ".404");
    if (Files.exists(file)) {
      return Optional.of(file);
    }
    if (Files.exists(missing)) {
      return Optional.empty();
    }
    URI uri = URI.create(REGISTRY + "/" + name.replace("/", "%2f"));
    IOException last = null;
    for (int attempt = 0; attempt < 6; attempt++) {
      try {
        HttpResponse<byte[]> res =
            HTTP.send(
                HttpRequest.newBuilder(uri)
                    .header("accept", accept)
                    .timeout(Duration.ofSeconds(120))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        Files.createDirectories(file.getParent());
        if (res.statusCode() == 404) {
          Files.write(missing, res.body());
          return Optional.empty();
        }
        if (res.statusCode() == 200) {
          Path tmp = Files.createTempFile(file.getParent(), "fetch", ".tmp");
          Files.write(tmp, res.body());
          Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          return Optional.of(file);
        }
        last = new IOException("HTTP " + res.statusCode() + " for " + uri);
      } catch (IOException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(1000L << attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new UncheckedIOException("cannot fetch " + uri, last);
  }
}
