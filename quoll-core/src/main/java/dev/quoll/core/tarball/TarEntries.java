package dev.quoll.core.tarball;

import dev.quoll.core.CoreException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Sequential access to the entries of a gzipped (or, like node-tar, plain) tar stream through
 * commons-compress ({@link Gunzip} follows Node's rules for concatenated members and padding), with
 * pax headers and GNU long names applied, names decoded as UTF-8, and the {@link TarballLimits}
 * enforced. Read failures become {@link CoreException} {@code EBADTAR}; a {@link CoreException}
 * thrown by the underlying stream (for example {@code EINTEGRITY}) passes through unchanged.
 */
final class TarEntries implements Closeable {
  private static final int BUFFER = 64 * 1024;

  private final InputStream raw;
  private final InputStream body;
  private final TarArchiveInputStream tar;
  private final TarballLimits limits;
  private long total;
  private int count;

  private TarEntries(InputStream raw, InputStream body, TarballLimits limits) {
    this.raw = raw;
    this.body = body;
    this.tar = new TarArchiveInputStream(body, StandardCharsets.UTF_8.name());
    this.limits = limits;
  }

  static TarEntries open(InputStream in, TarballLimits limits) {
    BufferedInputStream raw = new BufferedInputStream(in, BUFFER);
    try {
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      if (b0 < 0) {
        throw new CoreException("EBADTAR", "invalid tarball: empty input");
      }
      InputStream body =
          b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new Gunzip(raw), BUFFER) : raw;
      return new TarEntries(raw, body, limits);
    } catch (IOException e) {
      throw bad(e);
    }
  }

  /** The next entry, or empty at the end of the archive. */
  Optional<TarballEntry> next() {
    TarArchiveEntry e;
    try {
      e = tar.getNextEntry();
    } catch (IOException ex) {
      throw bad(ex);
    }
    if (e == null) {
      return Optional.empty();
    }
    count++;
    if (count > limits.maxEntries()) {
      throw new CoreException(
          "EBADTAR", "tarball has more than " + limits.maxEntries() + " entries");
    }
    EntryKind kind = EntryKind.of(e.getLinkFlag());
    if ((e.getLinkFlag() == '0' || e.getLinkFlag() == 0) && e.getName().endsWith("/")) {
      kind = EntryKind.DIRECTORY; // node-tar: old tars mark directories as files with a slash
    }
    long size = Math.max(0, e.getSize());
    total += size;
    if (total > limits.maxTotalBytes()) {
      throw new CoreException(
          "EBADTAR", "tarball content exceeds " + limits.maxTotalBytes() + " bytes");
    }
    if (kind == EntryKind.FILE && size > limits.maxEntryBytes()) {
      throw new CoreException(
          "EBADTAR",
          "tarball entry "
              + e.getName()
              + " is "
              + size
              + " bytes, over the limit of "
              + limits.maxEntryBytes());
    }
    String link = e.getLinkName() == null ? "" : e.getLinkName();
    return Optional.of(new TarballEntry(e.getName(), kind, e.getMode() & 07777, size, link));
  }

  /** Copies the current entry's content to {@code out}. */
  void copyContent(OutputStream out) throws IOException {
    byte[] buffer = new byte[BUFFER];
    int n;
    while ((n = readContent(buffer)) >= 0) {
      out.write(buffer, 0, n);
    }
  }

  /** Reads the current entry's content, or -1 at its end. */
  int readContent(byte[] buffer) {
    try {
      return tar.read(buffer, 0, buffer.length);
    } catch (IOException e) {
      throw bad(e);
    }
  }

  /** The current entry's whole content (the caller checked its size against the limits). */
  byte[] readAllContent() {
    try {
      return tar.readAllBytes();
    } catch (IOException e) {
      throw bad(e);
    }
  }

  /**
   * Reads the decompressed and then the raw input to their ends, after the end-of-archive marker:
   * the gzip trailer is checked, and a verifying stream underneath sees its end (and verifies).
   */
  void drain() {
    try {
      body.transferTo(OutputStream.nullOutputStream());
      raw.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw bad(e);
    }
  }

  @Override
  public void close() {
    try {
      tar.close();
    } catch (IOException e) {
      throw bad(e);
    }
  }

  static CoreException bad(IOException e) {
    return new CoreException("EBADTAR", "invalid tarball: " + e.getMessage(), e);
  }
}
