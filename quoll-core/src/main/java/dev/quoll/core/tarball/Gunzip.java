package dev.quoll.core.tarball;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Gzip decompression with Node's zlib member rules: after a member ends, a following non-zero byte
 * starts another member (which must be valid gzip), while a zero byte or the end of input ends the
 * stream; trailing zero padding is thus accepted and trailing garbage rejected. Each member's CRC
 * and length are checked by commons-compress.
 */
final class Gunzip extends InputStream {
  private final BufferedInputStream raw;
  private InputStream member;
  private boolean ended;

  /**
   * @param raw the compressed input, positioned at the first member's header
   */
  Gunzip(BufferedInputStream raw) {
    this.raw = Objects.requireNonNull(raw);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    while (!ended) {
      if (member == null) {
        raw.mark(1);
        int next = raw.read();
        if (next <= 0) {
          ended = true;
          break;
        }
        raw.reset();
        member =
            GzipCompressorInputStream.builder()
                .setInputStream(raw)
                .setDecompressConcatenated(false)
                .get();
      }
      int n = member.read(b, off, len);
      if (n >= 0) {
        return n;
      }
      member = null;
    }
    return -1;
  }
}
