package dev.quoll.client.registry;

import dev.quoll.client.Redaction;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-request tracing of the registry client on stderr, when the system property {@code
 * quoll.trace} is {@code true} ({@code QUOLL_JAVA_OPTS=-Dquoll.trace=true}).
 *
 * <p>Contract: every request gets an id ({@code #n}, in start order); one line is printed when it
 * starts (with the wait for a concurrency permit), when its headers arrive (status, HTTP version,
 * milliseconds since start), when its body has been read to the end (bytes, milliseconds), and for
 * every failure and retry (the exception or status, and the back-off). Times are milliseconds since
 * the JVM's start so that lines of concurrent requests can be ordered. URL passwords are redacted
 * ({@link Redaction#log}). With tracing off every method returns at once and nothing is allocated
 * but the request id.
 */
final class FetchTrace {
  /** Whether tracing is on ({@code -Dquoll.trace=true}). */
  static final boolean ON = Boolean.getBoolean("quoll.trace");

  private static final long T0 = System.nanoTime();
  private static final AtomicInteger IDS = new AtomicInteger();

  private FetchTrace() {}

  /** A new request id. */
  static int next() {
    return IDS.incrementAndGet();
  }

  /**
   * One trace line: {@code quoll fetch <ms> #<id> <what>}.
   *
   * @param id the request id
   * @param what the event
   */
  static void log(int id, String what) {
    if (ON) {
      System.err.printf(
          "quoll fetch %7.1f #%d %s%n", (System.nanoTime() - T0) / 1e6, id, Redaction.log(what));
    }
  }

  /** Milliseconds since {@code startNanos}, for trace lines. */
  static long since(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /**
   * A body stream that logs when it reaches its end or is closed (bytes read, milliseconds since
   * {@code startNanos}); the stream itself when tracing is off.
   *
   * @param id the request id
   * @param uri the request URI
   * @param startNanos when the request started ({@link System#nanoTime()})
   * @param in the body
   * @return the stream to read
   */
  static InputStream body(int id, URI uri, long startNanos, InputStream in) {
    if (!ON) {
      return in;
    }
    return new FilterInputStream(in) {
      private long bytes;
      private boolean done;

      @Override
      public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? -1 : 1);
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        try {
          int n = super.read(buf, off, len);
          count(n);
          return n;
        } catch (IOException e) {
          log(id, "body failed after " + bytes + " bytes " + since(startNanos) + " ms: " + e);
          throw e;
        }
      }

      private void count(int n) {
        if (n < 0) {
          end("body end");
        } else {
          bytes += n;
        }
      }

      private void end(String what) {
        if (!done) {
          done = true;
          log(id, what + " " + bytes + " bytes " + since(startNanos) + " ms " + uri);
        }
      }

      @Override
      public void close() throws IOException {
        end("body closed");
        super.close();
      }
    };
  }
}
