package dev.quoll.client.registry;

import dev.quoll.core.path.FolderSpread;
import dev.quoll.core.path.UniqueNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Packuments on disk with what is needed to revalidate them: the body, and a small header file with
 * the ETag, Last-Modified, the time stored and the freshness lifetime.
 *
 * <p>Contract: an entry is keyed by URL and {@code Accept} value (a full and an abbreviated
 * document never collide, as in make-fetch-happen); both files are written to temporary names and
 * renamed, body first then headers, so a reader sees either the old or the new entry, never a torn
 * one (a header file always describes a complete body). Thread-safe across processes.
 */
final class PackumentCache {
  private final Path dir;

  /** A stored response. */
  record Entry(byte[] body, String etag, String lastModified, Instant storedAt, Duration maxAge) {
    /** Whether the entry is still fresh at {@code now} ({@code Cache-Control: max-age}). */
    boolean freshAt(Instant now) {
      return storedAt.plus(maxAge).isAfter(now);
    }
  }

  PackumentCache(Path dir) {
    this.dir = dir;
  }

  Optional<Entry> read(String url, String accept) {
    String key = key(url, accept);
    try {
      String[] meta = Files.readString(dir.resolve(key + ".meta")).split("\n", -1);
      byte[] body = Files.readAllBytes(dir.resolve(key + ".json"));
      return Optional.of(
          new Entry(
              body,
              meta[0],
              meta[1],
              Instant.ofEpochMilli(Long.parseLong(meta[2])),
              Duration.ofSeconds(Long.parseLong(meta[3]))));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  void write(String url, String accept, Entry entry, boolean bodyChanged) {
    String key = key(url, accept);
    try {
      if (!Files.isDirectory(dir)) {
        // _quoll marked: this folder (and the store's) in fresh block groups
        FolderSpread.createMarked(dir.getParent());
        Files.createDirectories(dir);
      }
      if (bodyChanged) {
        atomicWrite(dir.resolve(key + ".json"), entry.body());
      }
      String meta =
          entry.etag()
              + "\n"
              + entry.lastModified()
              + "\n"
              + entry.storedAt().toEpochMilli()
              + "\n"
              + entry.maxAge().toSeconds()
              + "\n"
              + url.replace('\n', ' ');
      atomicWrite(dir.resolve(key + ".meta"), meta.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void atomicWrite(Path target, byte[] bytes) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + "." + UniqueNames.next() + ".tmp");
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static String key(String url, String accept) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(url.getBytes(StandardCharsets.UTF_8));
      md.update((byte) '\n');
      md.update(accept.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
