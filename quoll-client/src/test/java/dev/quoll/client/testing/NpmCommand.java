package dev.quoll.client.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of the real npm CLI against a {@link FakeRegistry} in a test: npm's own cache
 * under the test's temp directory, an empty user npmrc (so the developer's config is not read), and
 * no audit, fund or update-notifier requests.
 */
public final class NpmCommand {
  private NpmCommand() {}

  /**
   * {@code npm <command> <args> --registry=... --cache=<tmp>/npm-cache
   * --userconfig=<tmp>/empty-npmrc --no-audit --no-fund --no-update-notifier}; writes the empty
   * npmrc.
   *
   * @throws IOException if the npmrc cannot be written
   */
  public static List<String> line(FakeRegistry registry, Path tmp, String command, String... args)
      throws IOException {
    Files.writeString(tmp.resolve("empty-npmrc"), "");
    List<String> cmd = new ArrayList<>(List.of("npm", command));
    cmd.addAll(List.of(args));
    cmd.addAll(
        List.of(
            "--registry=" + registry.url(),
            "--cache=" + tmp.resolve("npm-cache"),
            "--userconfig=" + tmp.resolve("empty-npmrc"),
            "--no-audit",
            "--no-fund",
            "--no-update-notifier"));
    return cmd;
  }
}
