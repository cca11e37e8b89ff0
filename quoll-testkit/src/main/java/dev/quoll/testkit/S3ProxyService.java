package dev.quoll.testkit;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One real S3 API server per test JVM: s3proxy (org.gaul:s3proxy from Maven Central, its
 * jar-with-dependencies copied to {@code target/s3proxy/} under the repository root by
 * quoll-testkit's build) with the jclouds filesystem backend in a temporary directory, on a free
 * port of 127.0.0.1, with AWS signature checking on ({@link #ACCESS_KEY} / {@link #SECRET_KEY}). It
 * runs in its own JVM (the one running the tests) so its Jetty does not meet ours, and is destroyed
 * by a shutdown hook.
 *
 * <p>When it cannot be started the calling test is skipped, or fails when {@code
 * QUOLL_REQUIRE_SERVICES=1} ({@link ServiceRequirement}).
 */
public final class S3ProxyService {
  /** The access key id s3proxy accepts. */
  public static final String ACCESS_KEY = "quoll-test-access";

  /** The secret key s3proxy accepts. */
  public static final String SECRET_KEY = "quoll-test-secret";

  /** The region clients should sign for (s3proxy accepts any). */
  public static final String REGION = "us-east-1";

  private static URI endpoint;
  private static Throwable failure;

  private S3ProxyService() {}

  /**
   * The running server's endpoint, starting it on first use.
   *
   * @return e.g. {@code http://127.0.0.1:40123}
   * @throws org.opentest4j.TestAbortedException when s3proxy is unavailable and not required
   * @throws AssertionError when it is unavailable and {@code QUOLL_REQUIRE_SERVICES=1}
   */
  public static synchronized URI endpoint() {
    if (endpoint == null && failure == null) {
      try {
        endpoint = start();
      } catch (IOException | RuntimeException e) {
        failure = e;
      }
    }
    if (failure != null) {
      ServiceRequirement.unavailable("s3proxy", failure);
    }
    return endpoint;
  }

  /** The s3proxy jar: {@code -Dquoll.s3proxy.jar}, else the one the build copied. */
  public static Path jar() throws IOException {
    String prop = System.getProperty("quoll.s3proxy.jar");
    if (prop != null) {
      return Path.of(prop);
    }
    Path dir = TestServices.repoRoot().resolve("target/s3proxy");
    try (var files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".jar"))
          .findFirst()
          .orElseThrow(() -> new IOException("no s3proxy jar in " + dir));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IOException("no " + dir + " (quoll-testkit's build copies s3proxy there)", e);
    }
  }

  private static URI start() throws IOException {
    Path jar = jar();
    int port = TestServices.freePort();
    Path dir = Files.createTempDirectory("quoll-s3proxy-");
    Path blobs = Files.createDirectories(dir.resolve("blobs"));
    Path props = dir.resolve("s3proxy.properties");
    Files.writeString(
        props,
        String.join(
            "\n",
            "s3proxy.endpoint=http://127.0.0.1:" + port,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + ACCESS_KEY,
            "s3proxy.credential=" + SECRET_KEY,
            "jclouds.provider=filesystem",
            "jclouds.filesystem.basedir=" + blobs,
            ""));
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toString(),
                "--properties",
                props.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("s3proxy.log").toFile())
            .start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  p.destroy();
                  try {
                    p.waitFor(10, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
    try {
      TestServices.awaitPort(port, Duration.ofSeconds(60), p);
    } catch (IOException e) {
      p.destroyForcibly();
      throw new IOException(
          e.getMessage() + "; log: " + Files.readString(dir.resolve("s3proxy.log")), e);
    }
    return URI.create("http://127.0.0.1:" + port);
  }
}
