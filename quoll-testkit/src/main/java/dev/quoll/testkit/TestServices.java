package dev.quoll.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Small helpers shared by the service starters: the repository root, free ports, waiting. */
final class TestServices {
  private TestServices() {}

  /** The repository root: the nearest ancestor of the working directory holding {@code mvnw}. */
  static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    for (Path q = p; q != null; q = q.getParent()) {
      if (Files.exists(q.resolve("mvnw"))) {
        return q;
      }
    }
    throw new IllegalStateException("no mvnw above " + p);
  }

  /** A TCP port free on 127.0.0.1 at the time of the call. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * Waits until something accepts connections on 127.0.0.1:port.
   *
   * @throws IOException when nothing does within the timeout or the process died
   */
  static void awaitPort(int port, Duration timeout, Process process) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("the process exited with " + process.exitValue());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", ie);
        }
      }
    }
    throw new IOException("nothing listened on port " + port + " within " + timeout);
  }
}
