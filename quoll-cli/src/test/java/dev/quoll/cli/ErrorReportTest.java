package dev.quoll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quoll.core.CoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link Quoll#reported}: a failing command's error line and npm's lines under it ({@link
 * ErrorMessage}), with secrets hidden as npm 11's {@code @npmcli/redact} {@code redactLog} hides
 * them (a URL's password, npm tokens).
 */
class ErrorReportTest {
  private static String report(Exception e) {
    StringWriter out = new StringWriter();
    PrintWriter err = new PrintWriter(out);
    assertEquals(Optional.of(1), Quoll.reported(e, "install", err));
    err.flush();
    return out.toString().strip();
  }

  @Test
  void coreExceptionMessagesAreRedacted() {
    String token = "npm_" + "a".repeat(36);
    String line =
        report(
            new CoreException(
                "ECONNREFUSED",
                "request to https://alice:s3cret@registry.example/x failed, token " + token));
    assertEquals(
        "quoll install: request to https://alice:***@registry.example/x failed, token npm_***"
            + " (ECONNREFUSED)\n"
            + "\n"
            + "If you are behind a proxy, please make sure that the 'proxy' config is set properly."
            + "  See: 'npm help config'",
        line);
  }

  @Test
  void ioFailuresAreRedacted() {
    String line =
        report(
            new UncheckedIOException(
                new IOException("cannot read https://bob:hunter2@host.example/p.tgz")));
    assertEquals("quoll install: cannot read https://bob:***@host.example/p.tgz", line);
  }
}
