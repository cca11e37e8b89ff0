package dev.quoll.cli;

import dev.quoll.registry.migrate.Migration;
import dev.quoll.registry.migrate.StoreLocation;
import dev.quoll.registry.storage.BlobStore;
import dev.quoll.registry.storage.JdbcMetadataStore;
import dev.quoll.s3.S3BlobStore;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code quoll migrate}: moves a whole registry between storage set-ups (see {@link Migration}),
 * e.g. {@code --from ./quoll-data --to-database jdbc:postgresql://... --to-blob-store s3://...}, or
 * the reverse for a backup. Each side is named as {@code quoll serve} names it: a data directory,
 * optionally replaced in part by a database and a blob store. Exit codes: 0 when everything was
 * moved and verified, 1 when something was not (each problem is printed; run again to resume), 2 on
 * a usage error.
 */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = "Move a registry's metadata and tarballs to another database / blob store.")
public final class MigrateCommand implements Callable<Integer> {
  @Option(names = "--from", paramLabel = "<dir>", description = "Source data directory.")
  Path from;

  @Option(names = "--from-database", paramLabel = "<jdbc-url>", description = "Source database.")
  String fromDatabase;

  @Option(names = "--from-blob-store", paramLabel = "<url>", description = "Source blob store.")
  URI fromBlobStore;

  @Option(names = "--to", paramLabel = "<dir>", description = "Target data directory.")
  Path to;

  @Option(names = "--to-database", paramLabel = "<jdbc-url>", description = "Target database.")
  String toDatabase;

  @Option(names = "--to-blob-store", paramLabel = "<url>", description = "Target blob store.")
  URI toBlobStore;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    StoreLocation source;
    StoreLocation target;
    try {
      source =
          new StoreLocation(
              Optional.ofNullable(from),
              Optional.ofNullable(fromDatabase),
              Optional.ofNullable(fromBlobStore));
      target =
          new StoreLocation(
              Optional.ofNullable(to),
              Optional.ofNullable(toDatabase),
              Optional.ofNullable(toBlobStore));
    } catch (IllegalArgumentException e) {
      System.err.println("quoll migrate: " + e.getMessage());
      return 2;
    }
    out.println("from " + source.describe());
    out.println("to   " + target.describe());
    try (JdbcMetadataStore fromStore = source.openMetadata();
        JdbcMetadataStore toStore = target.openMetadata()) {
      BlobStore fromBlobs = source.openBlobs(S3BlobStore::open);
      BlobStore toBlobs = target.openBlobs(S3BlobStore::open);
      try {
        Migration.Report r = Migration.run(fromStore, fromBlobs, toStore, toBlobs, out::println);
        r.problems().forEach(p -> System.err.println("quoll migrate: " + p));
        if (!r.problems().isEmpty()) {
          System.err.println(
              "quoll migrate: "
                  + r.problems().size()
                  + " problem(s); the metadata was not copied. Fix them and run again.");
          return 1;
        }
        out.println("done");
        return 0;
      } finally {
        for (BlobStore b : new BlobStore[] {fromBlobs, toBlobs}) {
          if (b instanceof AutoCloseable c) {
            c.close();
          }
        }
      }
    }
  }
}
