package dev.quoll.client.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A response body that holds one of the {@link RegistryClient}'s request permits until the body has
 * been read to its end or closed, whichever comes first; the permit is released exactly once.
 *
 * <p>Why: an HTTP/2 stream stays open until its body has been consumed, and java.net.http refuses a
 * new stream with {@code IOException: too many concurrent streams} once the server's {@code
 * SETTINGS_MAX_CONCURRENT_STREAMS} (128 on registry.npmjs.org) streams are open on the connection.
 * A permit released when the headers arrive let slowly read bodies (tarballs, large packuments
 * parsed as they stream) pile up past that limit.
 */
final class PermitBody extends FilterInputStream {
  private final Semaphore permits;
  private final AtomicBoolean held = new AtomicBoolean(true);

  /**
   * @param in the body
   * @param permits the semaphore one permit of which the caller acquired for this request
   */
  PermitBody(InputStream in, Semaphore permits) {
    super(in);
    this.permits = permits;
  }

  /** Releases the permit unless it was released already. */
  void release() {
    if (held.compareAndSet(true, false)) {
      permits.release();
    }
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b < 0) {
      release();
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    if (n < 0) {
      release();
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      release();
    }
  }
}
