package dev.quoll.core.integrity;

import dev.quoll.core.CoreException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * An input stream that passes bytes through unchanged while an {@link IntegrityChecker} hashes
 * them, and verifies at end of stream.
 *
 * <p>Contract: the read that reaches the end of the underlying stream (returns -1) first verifies;
 * if verification fails it throws the checker's {@link CoreException} ({@code EINTEGRITY} or {@code
 * EBADSIZE}) instead of returning -1, and keeps throwing it on later reads. Reading more bytes than
 * an expected size fails at once with {@code EBADSIZE}. A consumer must therefore read to the end
 * before trusting what it read; {@link #verified()} is empty until then. Closing early verifies
 * nothing. {@link #skip} reads (and hashes) the skipped bytes; mark/reset is not supported.
 */
public final class VerifyingInputStream extends InputStream {
  private final InputStream in;
  private final IntegrityChecker checker;
  private Hash verified;
  private CoreException failure;
  private byte[] one;

  /**
   * @param in the stream to read; closed by {@link #close()}
   * @param checker a fresh checker for what {@code in} should contain
   */
  public VerifyingInputStream(InputStream in, IntegrityChecker checker) {
    this.in = Objects.requireNonNull(in);
    this.checker = Objects.requireNonNull(checker);
  }

  /** The checker (for its {@link IntegrityChecker#actual()} integrity after the end). */
  public IntegrityChecker checker() {
    return checker;
  }

  /** The matching hash, present only after the end of the stream was reached and verified. */
  public Optional<Hash> verified() {
    return Optional.ofNullable(verified);
  }

  @Override
  public int read() throws IOException {
    if (one == null) {
      one = new byte[1];
    }
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (failure != null) {
      throw failure;
    }
    if (verified != null) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    int n = in.read(b, off, len);
    try {
      if (n > 0) {
        checker.update(b, off, n);
      } else if (n < 0) {
        verified = checker.verify();
      }
    } catch (CoreException e) {
      failure = e;
      throw e;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    if (n <= 0) {
      return 0;
    }
    byte[] scratch = new byte[(int) Math.min(n, 64 * 1024)];
    long skipped = 0;
    while (skipped < n) {
      int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public int available() throws IOException {
    return verified != null ? 0 : in.available();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
