package dev.quoll.registry.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

/**
 * Request log lines appended to one file per UTC day, {@code quoll-access-YYYY-MM-DD.log} in a
 * directory, with a retention: when a new day's file is opened (and at start), files of this naming
 * scheme older than the retention are deleted (the seeds keep 90 days, R-140). Other files in the
 * directory are never touched. Lines are flushed as written; calls are serialised.
 */
public final class DailyLogFiles implements Consumer<String>, AutoCloseable {
  private static final String PREFIX = "quoll-access-";
  private static final String SUFFIX = ".log";
  private final Path dir;
  private final long retentionDays;
  private final Clock clock;
  private LocalDate day;
  private Writer out;

  /**
   * @param dir the directory (created when missing)
   * @param retentionDays days of files kept, counting today
   * @param clock the time source
   * @throws IOException when the directory cannot be created
   */
  public DailyLogFiles(Path dir, long retentionDays, Clock clock) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.retentionDays = retentionDays;
    this.clock = clock;
  }

  @Override
  public synchronized void accept(String line) {
    try {
      LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
      if (!today.equals(day)) {
        close();
        day = today;
        out =
            Files.newBufferedWriter(
                dir.resolve(PREFIX + today + SUFFIX),
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        prune(today);
      }
      out.write(line);
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes this scheme's files dated before {@code today - (retentionDays - 1)}. */
  void prune(LocalDate today) throws IOException {
    LocalDate oldestKept = today.minusDays(retentionDays - 1);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
      for (Path f : files) {
        String n = f.getFileName().toString();
        try {
          LocalDate d = LocalDate.parse(n.substring(PREFIX.length(), n.length() - SUFFIX.length()));
          if (d.isBefore(oldestKept)) {
            Files.deleteIfExists(f);
          }
        } catch (DateTimeParseException | StringIndexOutOfBoundsException notOurs) {
          // another file: keep it
        }
      }
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (out != null) {
      out.close();
      out = null;
    }
  }
}
