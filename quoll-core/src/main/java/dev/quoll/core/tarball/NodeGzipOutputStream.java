package dev.quoll.core.tarball;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A gzip stream framed as node's zlib (through minizlib 3 with {@code portable: true}) frames it
 * for {@code npm pack}: the 10-byte header {@code 1f 8b 08 00 00000000 02 ff} (no name, mtime 0,
 * XFL 2 for level 9, OS byte 0xff "unknown"), a level-9 deflate stream, then CRC-32 and length,
 * little-endian.
 *
 * <p>Known difference: node 20 bundles Chromium's zlib fork, whose deflate can choose different
 * matches than the zlib behind {@link Deflater}; the compressed bytes may then differ from npm's
 * while the header, the trailer and the decompressed bytes are identical.
 */
final class NodeGzipOutputStream extends FilterOutputStream {
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, (byte) 0xff};

  private final Deflater deflater = new Deflater(9, true);
  private final DeflaterOutputStream deflate;
  private final CRC32 crc = new CRC32();
  private long length;
  private boolean finished;

  /**
   * @param out where the gzip bytes go (closed by {@link #close()})
   * @throws IOException when the header cannot be written
   */
  NodeGzipOutputStream(OutputStream out) throws IOException {
    super(out);
    out.write(HEADER);
    this.deflate = new DeflaterOutputStream(out, deflater, 64 * 1024);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    deflate.write(b, off, len);
    crc.update(b, off, len);
    length += len;
  }

  /** Ends the deflate stream and writes the trailer; the underlying stream stays open. */
  void finish() throws IOException {
    if (finished) {
      return;
    }
    deflate.finish();
    deflater.end();
    long c = crc.getValue();
    byte[] trailer = new byte[8];
    for (int i = 0; i < 4; i++) {
      trailer[i] = (byte) (c >>> (8 * i));
      trailer[4 + i] = (byte) (length >>> (8 * i));
    }
    out.write(trailer);
    out.flush();
    finished = true;
  }

  @Override
  public void close() throws IOException {
    finish();
    out.close();
  }
}
