package dev.quoll.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The small set of packages the registry e2e tests publish with the real npm CLI and then install
 * with npm and quoll: {@code qr-a} 1.0.0 and 1.1.0 ({@code latest}) and 2.0.0-beta.1 (dist-tag
 * {@code beta}); {@code qr-old} 1.0.0, deprecated with {@link #DEPRECATION}; {@code <scope>/b}
 * 1.0.0 (public, depends on {@code qr-a@^1.0.0}); and {@code <secretScope>/secret} 1.0.0 (published
 * without {@code --access}, so restricted where the registry supports it; depends on {@code
 * qr-a@1.0.0}).
 */
final class PublishedSet {
  /** The deprecation message of {@code qr-old@1.0.0}. */
  static final String DEPRECATION = "qr-old is old, use qr-a";

  private PublishedSet() {}

  /** Writes and publishes the unscoped packages and deprecates {@code qr-old@1.0.0}. */
  static void publishUnscoped(NpmCli npm, Path dir) throws Exception {
    publish(npm, dir, "qr-a", "1.0.0", "", List.of());
    publish(npm, dir, "qr-a", "1.1.0", "", List.of());
    publish(npm, dir, "qr-a", "2.0.0-beta.1", "", List.of("--tag", "beta"));
    publish(npm, dir, "qr-old", "1.0.0", "", List.of());
    ok(npm, dir, "deprecate", "qr-old@1.0.0", DEPRECATION);
  }

  /**
   * Writes and publishes {@code <scope>/b} (public) and {@code <secretScope>/secret}.
   *
   * @param scope e.g. {@code @alice}
   * @param secretScope e.g. {@code @alice}
   */
  static void publishScoped(NpmCli npm, Path dir, String scope, String secretScope)
      throws Exception {
    publish(
        npm,
        dir,
        scope + "/b",
        "1.0.0",
        "\"dependencies\":{\"qr-a\":\"^1.0.0\"},",
        List.of("--access", "public"));
    publish(
        npm,
        dir,
        secretScope + "/secret",
        "1.0.0",
        "\"dependencies\":{\"qr-a\":\"1.0.0\"},",
        List.of());
  }

  private static void publish(
      NpmCli npm, Path dir, String name, String version, String extra, List<String> flags)
      throws Exception {
    Path d = Files.createDirectories(dir.resolve(name.replace('/', '+') + "@" + version));
    Files.writeString(
        d.resolve("package.json"),
        "{\"name\":\""
            + name
            + "\",\"version\":\""
            + version
            + "\","
            + extra
            + "\"main\":\"index.js\"}\n");
    Files.writeString(d.resolve("index.js"), "module.exports = '" + name + "@" + version + "';\n");
    List<String> args = new ArrayList<>(List.of("publish"));
    args.addAll(flags);
    ok(npm, d, args.toArray(String[]::new));
  }

  private static void ok(NpmCli npm, Path dir, String... args) throws Exception {
    NpmCli.Result r = npm.run(dir, args);
    assertEquals(0, r.exit(), "npm " + String.join(" ", args) + "\n" + r.output());
  }
}
