package dev.quoll.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/** Supplies {@code quoll --version}: the project version stamped into the jar by the build. */
public final class QuollVersion implements CommandLine.IVersionProvider {
  /**
   * The Quoll version, e.g. {@code 0.1.0-SNAPSHOT}.
   *
   * @return the version from {@code dev/quoll/cli/version.properties}
   * @throws UncheckedIOException when the resource cannot be read
   */
  public static String version() {
    try (InputStream in = QuollVersion.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "quoll " + version(),
      "java " + Runtime.version() + " (" + System.getProperty("java.home") + ")"
    };
  }
}
