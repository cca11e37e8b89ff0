package dev.quoll.client.install;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The version of the {@code node} on {@code PATH} as node's {@code process.version} gives it
 * ({@code v20.1.0}): what npm checks {@code engines.node} against.
 */
final class NodeVersion {
  private NodeVersion() {}

  /**
   * Runs {@code node --version} once.
   *
   * @return the version with its {@code v}, or {@code v0.0.0} when node cannot be run
   */
  static String detect() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out;
      try (InputStream in = p.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      }
      return p.waitFor() == 0 && out.startsWith("v") ? out : "v0.0.0";
    } catch (IOException e) {
      return "v0.0.0";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "v0.0.0";
    }
  }
}
