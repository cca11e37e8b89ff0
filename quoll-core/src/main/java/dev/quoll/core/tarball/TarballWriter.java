package dev.quoll.core.tarball;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Writes an uncompressed tar stream in the exact byte format node-tar 7 produces with {@code
 * portable: true} and a fixed {@code mtime} (pacote 21's options for {@code npm pack}).
 *
 * <p>Contract: each entry is one ustar header (mode, size and mtime in node-tar's octal format; no
 * uid, gid, uname, gname, atime or ctime), preceded by a pax header when node-tar writes one
 * (non-ASCII or over-long path), followed by the content NUL-padded to 512 bytes. {@link #finish()}
 * writes node-tar's end of archive: two 512-byte NUL blocks, with no padding to a record size. No
 * directory entries are written; npm packs files only.
 */
public final class TarballWriter {
  /** npm's fixed entry time, 1985-10-26T08:15:00Z, in seconds (pacote's tar-create-options). */
  public static final long NPM_MTIME = 499162500L;

  private final OutputStream out;
  private final Long mtime;
  private long written;
  private boolean finished;

  /**
   * @param out the raw tar stream's destination (not closed by this writer)
   * @param mtimeSeconds the time written into every header, e.g. {@link #NPM_MTIME}
   */
  public TarballWriter(OutputStream out, long mtimeSeconds) {
    this.out = out;
    this.mtime = mtimeSeconds;
  }

  /**
   * Writes a regular-file entry.
   *
   * @param path the entry path, e.g. {@code package/lib/index.js}
   * @param mode permission bits, e.g. {@code 0644}
   * @param size the content length in bytes
   * @param content exactly {@code size} bytes
   * @throws IOException when writing fails or the content is shorter or longer than {@code size}
   */
  public void addFile(String path, int mode, long size, InputStream content) throws IOException {
    header(path, mode, size, '0', null);
    byte[] buf = new byte[64 * 1024];
    long remaining = size;
    while (remaining > 0) {
      int n = content.read(buf, 0, (int) Math.min(buf.length, remaining));
      if (n < 0) {
        throw new IOException("encountered unexpected EOF in " + path);
      }
      write(buf, n);
      remaining -= n;
    }
    if (content.read() >= 0) {
      throw new IOException("did not encounter expected EOF in " + path);
    }
    pad(size);
  }

  /**
   * Writes a hard-link entry, as node-tar does for a second path to an already written file.
   *
   * @param path the entry path
   * @param mode permission bits
   * @param target the entry path of the file written first
   * @throws IOException when writing fails
   */
  public void addHardLink(String path, int mode, String target) throws IOException {
    header(path, mode, 0, '1', target);
  }

  /**
   * Writes the end-of-archive marker (1024 NUL bytes). Further entries are refused.
   *
   * @throws IOException when writing fails
   */
  public void finish() throws IOException {
    if (!finished) {
      write(new byte[1024], 1024);
      finished = true;
    }
  }

  /** Bytes written so far. */
  public long bytesWritten() {
    return written;
  }

  private void header(String path, int mode, long size, char type, String linkpath)
      throws IOException {
    if (finished) {
      throw new IllegalStateException("tarball already finished");
    }
    TarHeader.Block block = TarHeader.encode(path, mode, size, mtime, type, linkpath);
    if (block.needPax()) {
      byte[] pax = TarHeader.pax(path, linkpath, mtime, size);
      write(pax, pax.length);
    }
    write(block.bytes(), 512);
  }

  private void pad(long size) throws IOException {
    int rem = (int) (size % 512);
    if (rem != 0) {
      write(new byte[512 - rem], 512 - rem);
    }
  }

  private void write(byte[] b, int n) throws IOException {
    out.write(b, 0, n);
    written += n;
  }
}
