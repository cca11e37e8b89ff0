package dev.quoll.bench.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The in-memory packuments a benchmark server answers from: a map from package name to the bytes
 * rendered at write time. Lookups are by raw request path (see {@link RawPackagePath}).
 */
public final class PackumentStore {

  private final Map<String, Packument> byName;

  private PackumentStore(Map<String, Packument> byName) {
    this.byName = Map.copyOf(byName);
  }

  /**
   * Loads every {@code <file>.json} of a directory together with its gzip form {@code
   * <file>.json.gz}. The package name is the file name with {@code %2f} turned back into {@code /}
   * (so {@code @types%2fnode.json} holds {@code @types/node}). The entity tag is the base64url
   * SHA-256 of the JSON bytes, quoted.
   *
   * @param directory the directory bench/http/run downloads the packuments into
   * @return the store; empty when the directory holds no {@code .json} file
   * @throws UncheckedIOException when a file cannot be read (including a missing {@code .gz})
   */
  public static PackumentStore load(Path directory) {
    Map<String, Packument> byName = new HashMap<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        String base = file.getFileName().toString();
        String name = base.substring(0, base.length() - ".json".length()).replace("%2f", "/");
        byte[] json = Files.readAllBytes(file);
        byte[] gzip = Files.readAllBytes(file.resolveSibling(base + ".gz"));
        byName.put(name, new Packument(name, json, gzip, etagOf(json)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new PackumentStore(byName);
  }

  /**
   * Finds the packument a raw request path names.
   *
   * @param rawPath the undecoded request path, e.g. {@code /@types%2Fnode}
   * @return the packument, or empty when the path names no stored package
   */
  public Optional<Packument> find(String rawPath) {
    return RawPackagePath.packageName(rawPath).map(byName::get);
  }

  /**
   * Returns the number of stored packuments.
   *
   * @return the count, at least 0
   */
  public int size() {
    return byName.size();
  }

  private static String etagOf(byte[] json) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
      return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + '"';
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
