package dev.quoll.client.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.client.install.Installer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The set-up every install test on a {@link FakeRegistry} repeats, as one JUnit 5 extension: before
 * each test a fresh temporary folder, a {@link FakeRegistry} whose packuments are never fresh
 * ({@code max-age=0}, so npm and Quoll both revalidate what a test republishes) and an {@link
 * InstallSession} on it with its cache in {@code <tmp>/qc}; after each test all three are closed
 * and the folder deleted. Runs the real npm CLI on the same registry through {@link NpmCommand}.
 *
 * <pre>{@code
 * @RegisterExtension final InstallFixture fx = InstallFixture.create();
 *
 * @BeforeEach void publish() { fx.registry().publish("a", "1.0.0", Json.object(), Map.of()); }
 * }</pre>
 *
 * <p>The extension's {@code beforeEach} runs before the test class's {@code @BeforeEach} methods
 * and its {@code afterEach} after the {@code @AfterEach} methods (JUnit 5's order), so a test's own
 * set-up can publish and its tear-down can still read the registry.
 */
public final class InstallFixture implements BeforeEachCallback, AfterEachCallback {
  private final boolean fastRetries;
  private Path tmp;
  private FakeRegistry registry;
  private InstallSession session;

  private InstallFixture(boolean fastRetries) {
    this.fastRetries = fastRetries;
  }

  /** A fixture whose registry client waits and retries as npm's defaults say. */
  public static InstallFixture create() {
    return new InstallFixture(false);
  }

  /**
   * A fixture on {@link InstallSession#openFast}: a failed request is retried once after a few
   * milliseconds, for tests of failures.
   */
  public static InstallFixture fastRetries() {
    return new InstallFixture(true);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    tmp = Files.createTempDirectory("quoll-install-test");
    registry = new FakeRegistry();
    registry.maxAge(0);
    session =
        fastRetries
            ? InstallSession.openFast(registry, tmp.resolve("qc"))
            : InstallSession.open(registry, tmp.resolve("qc"));
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    try {
      session.close();
      registry.close();
    } finally {
      deleteTree(tmp);
    }
  }

  /** The test's temporary folder (deleted after the test). */
  public Path tmp() {
    return tmp;
  }

  /** The fake registry of this test. */
  public FakeRegistry registry() {
    return registry;
  }

  /** The Quoll side: config, registry client and packuments on {@link #registry()}. */
  public InstallSession session() {
    return session;
  }

  /** {@link InstallSession#installer()} without the {@code > pkg@1.0.0 event} script banners. */
  public Installer quietInstaller() {
    return session.installer().withScriptBanner(Optional.empty());
  }

  /**
   * Creates {@code <tmp>/<path>} with the given package.json text.
   *
   * @param path a relative folder path, e.g. {@code npm/proj}
   * @param packageJson the whole package.json text
   * @return the folder
   * @throws UncheckedIOException when the file system fails
   */
  public Path project(String path, String packageJson) {
    try {
      Path root = Files.createDirectories(tmp.resolve(path));
      Files.writeString(root.resolve("package.json"), packageJson);
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs {@code npm <command> <args>} in {@code dir} on this test's registry with npm's cache under
   * {@link #tmp()} ({@link NpmCommand#run}), with {@code env} added to the environment.
   *
   * @return what npm gave
   * @throws AssertionError when npm timed out
   * @throws IOException if npm cannot be started or its output not read
   * @throws InterruptedException if interrupted while waiting for npm
   */
  public NpmCommand.Result npm(Path dir, Map<String, String> env, String command, String... args)
      throws IOException, InterruptedException {
    NpmCommand.Result r = NpmCommand.run(registry, tmp, dir, env, command, args);
    assertTrue(r.exit() != -1, "npm " + command + " timed out");
    return r;
  }

  /**
   * {@link #npm(Path, Map, String, String...)} with no added environment.
   *
   * @return what npm gave
   * @throws AssertionError when npm timed out
   * @throws IOException if npm cannot be started or its output not read
   * @throws InterruptedException if interrupted while waiting for npm
   */
  public NpmCommand.Result npm(Path dir, String command, String... args)
      throws IOException, InterruptedException {
    return npm(dir, Map.of(), command, args);
  }

  /**
   * {@link #npm(Path, String, String...)} that must exit 0.
   *
   * @return npm's stdout
   * @throws AssertionError with npm's output when it fails or times out
   * @throws IOException if npm cannot be started or its output not read
   * @throws InterruptedException if interrupted while waiting for npm
   */
  public String npmOk(Path dir, String command, String... args)
      throws IOException, InterruptedException {
    return NpmCommand.runOk(registry, tmp, dir, command, args);
  }

  private static void deleteTree(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          p.toFile().setWritable(true); // a package may have made its folder read-only
        }
        Files.deleteIfExists(p);
      }
    }
  }
}
