package dev.quoll.registry.migrate;

import dev.quoll.core.CoreException;
import dev.quoll.core.integrity.IntegrityChecker;
import dev.quoll.core.integrity.VerifyingInputStream;
import dev.quoll.core.packument.Dist;
import dev.quoll.core.packument.Packument;
import dev.quoll.core.packument.VersionManifest;
import dev.quoll.registry.storage.BlobStore;
import dev.quoll.registry.storage.JdbcMetadataStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Moves a whole registry from one place to another ({@code quoll migrate}): the embedded SQLite +
 * directory store to PostgreSQL + S3, the reverse for backups, or any pairing.
 *
 * <p>Guarantees: tarballs first, then metadata (blobs are written before the metadata that points
 * at them). Every tarball a package document names — local versions under {@code name/-/file}, kept
 * uplink copies under {@code ~uplink/name/-/file} — is streamed from the source through its {@code
 * dist.integrity} (or {@code dist.shasum}) check into the target, so a corrupt source blob is
 * reported and never copied; a tarball already in the target is re-read and verified, and kept when
 * it matches, which makes an interrupted migration resumable (run it again). Then every table is
 * copied in one target transaction ({@link TableCopy}): users, tokens, packages with their
 * revisions, published versions, the changes sequence with its numbers, the uplink cache, and any
 * table later migrations add. A local tarball missing or corrupt in the source is a problem in the
 * report and the metadata is not copied; a missing uplink copy is just not copied (it is a cache).
 * The source should not take writes while it is moved.
 */
public final class Migration {
  private static final int PARALLEL = 4;
  private static final String UPLINK_PREFIX = "~uplink/";

  private Migration() {}

  /**
   * The outcome of a migration.
   *
   * @param tarballsCopied tarballs streamed into the target
   * @param tarballsKept tarballs already in the target, verified
   * @param rows rows copied per table (empty when the metadata was not copied)
   * @param problems what went wrong; empty when the migration is complete
   */
  public record Report(
      int tarballsCopied, int tarballsKept, Map<String, Long> rows, List<String> problems) {
    /** Copies the collections. */
    public Report {
      rows = Map.copyOf(rows);
      problems = List.copyOf(problems);
    }
  }

  /**
   * Runs the migration.
   *
   * @param from the source metadata
   * @param fromBlobs the source tarballs
   * @param to the target metadata (migrated to the same schema version)
   * @param toBlobs the target tarballs
   * @param progress receives one line per stage
   * @return the report
   * @throws SQLException when a database fails while reading the package list or copying tables
   */
  public static Report run(
      JdbcMetadataStore from,
      BlobStore fromBlobs,
      JdbcMetadataStore to,
      BlobStore toBlobs,
      Consumer<String> progress)
      throws SQLException {
    List<Tarball> tarballs = new ArrayList<>();
    for (String name : from.listPackageNames()) {
      tarballs.addAll(tarballs(name, "", from.findPackage(name).orElseThrow().document(), true));
    }
    try (Connection c = from.dataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT name, document FROM uplink_packuments")) {
      while (rs.next()) {
        tarballs.addAll(tarballs(rs.getString(1), UPLINK_PREFIX, rs.getString(2), false));
      }
    }
    progress.accept("checking and copying " + tarballs.size() + " tarballs");
    AtomicInteger copied = new AtomicInteger();
    AtomicInteger kept = new AtomicInteger();
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    try (var pool = Executors.newFixedThreadPool(PARALLEL)) {
      List<Future<?>> jobs = new ArrayList<>();
      for (Tarball t : tarballs) {
        jobs.add(
            pool.submit(
                () -> {
                  String p = copy(t, fromBlobs, toBlobs, copied, kept);
                  if (p != null) {
                    problems.add(p);
                  }
                  return null;
                }));
      }
      for (Future<?> f : jobs) {
        try {
          f.get();
        } catch (ExecutionException e) {
          problems.add(e.getCause().toString());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          problems.add("interrupted");
          break;
        }
      }
    }
    progress.accept(
        "tarballs: " + copied.get() + " copied, " + kept.get() + " already there and verified");
    if (!problems.isEmpty()) {
      return new Report(copied.get(), kept.get(), Map.of(), new ArrayList<>(problems));
    }
    progress.accept("copying the metadata tables");
    Map<String, Long> rows = TableCopy.copy(from.dataSource(), to.dataSource());
    progress.accept("rows: " + rows);
    return new Report(copied.get(), kept.get(), rows, List.of());
  }

  private record Tarball(String key, String integrity, String shasum, boolean required) {}

  private static List<Tarball> tarballs(
      String name, String prefix, String document, boolean required) {
    List<Tarball> out = new ArrayList<>();
    Packument doc = Packument.parse(document.getBytes(StandardCharsets.UTF_8));
    for (VersionManifest v : doc.versionManifests().values()) {
      Optional<Dist> dist = v.dist();
      Optional<String> url = dist.flatMap(Dist::tarball);
      if (url.isEmpty()) {
        continue;
      }
      String file = url.get().substring(url.get().lastIndexOf('/') + 1);
      String key = prefix + name + "/-/" + file;
      try {
        BlobStore.checkKey(key);
      } catch (IllegalArgumentException e) {
        continue;
      }
      out.add(
          new Tarball(
              key, dist.get().integrity().orElse(""), dist.get().shasum().orElse(""), required));
    }
    return out;
  }

  /** Copies one tarball; returns a problem, or null. */
  private static String copy(
      Tarball t, BlobStore from, BlobStore to, AtomicInteger copied, AtomicInteger kept)
      throws IOException {
    if (t.integrity().isEmpty() && t.shasum().isEmpty()) {
      return t.required() ? t.key() + ": no integrity or shasum to verify it by" : null;
    }
    Optional<BlobStore.Blob> there = to.find(t.key());
    if (there.isPresent() && verifies(t, there.get())) {
      kept.incrementAndGet();
      return null;
    }
    Optional<BlobStore.Blob> source = from.find(t.key());
    if (source.isEmpty()) {
      return t.required() ? t.key() + ": missing in the source" : null;
    }
    try (InputStream in = new VerifyingInputStream(source.get().open(), checker(t))) {
      to.save(t.key(), in);
    } catch (CoreException e) {
      return t.key() + ": the source copy fails its integrity check (" + e.getMessage() + ")";
    }
    if (!verifies(t, to.find(t.key()).orElseThrow(() -> new IOException("vanished: " + t)))) {
      return t.key() + ": the copy in the target does not verify";
    }
    copied.incrementAndGet();
    return null;
  }

  private static boolean verifies(Tarball t, BlobStore.Blob blob) throws IOException {
    try (InputStream in = new VerifyingInputStream(blob.open(), checker(t))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return true;
    } catch (CoreException e) {
      return false;
    }
  }

  private static IntegrityChecker checker(Tarball t) {
    return t.integrity().isEmpty()
        ? IntegrityChecker.ofShasum(t.shasum())
        : IntegrityChecker.of(t.integrity(), -1);
  }
}
