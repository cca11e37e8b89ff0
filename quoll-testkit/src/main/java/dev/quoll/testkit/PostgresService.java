package dev.quoll.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One throwaway PostgreSQL cluster per test JVM, started on first use by {@code
 * tools/services/postgres.sh start} (which installs PostgreSQL from Debian's packages when missing
 * and we are root) and stopped by a shutdown hook. Each caller of {@link #newDatabase()} gets its
 * own empty database in that cluster, so tests do not see each other's rows.
 *
 * <p>When the cluster cannot be started the calling test is skipped, or fails when {@code
 * QUOLL_REQUIRE_SERVICES=1} ({@link ServiceRequirement}).
 */
public final class PostgresService {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static String baseUrl;
  private static Throwable failure;

  private PostgresService() {}

  /**
   * Creates a new empty database in the shared cluster.
   *
   * @return its JDBC URL, e.g. {@code jdbc:postgresql://127.0.0.1:5433/t3?user=quoll}
   * @throws org.opentest4j.TestAbortedException when PostgreSQL is unavailable and not required
   * @throws AssertionError when it is unavailable and {@code QUOLL_REQUIRE_SERVICES=1}
   */
  public static String newDatabase() {
    String base = cluster();
    String name = "t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(base);
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return base.replace("/quoll?", "/" + name + "?");
  }

  private static synchronized String cluster() {
    if (baseUrl == null && failure == null) {
      try {
        baseUrl = start();
      } catch (IOException | RuntimeException e) {
        failure = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = e;
      }
    }
    if (failure != null) {
      ServiceRequirement.unavailable("PostgreSQL", failure);
    }
    return baseUrl;
  }

  private static String start() throws IOException, InterruptedException {
    Path script = TestServices.repoRoot().resolve("tools/services/postgres.sh");
    Path dir = Files.createTempDirectory("quoll-pg-");
    Path log = Files.createTempFile("quoll-pg-start-", ".log");
    Process p =
        new ProcessBuilder("bash", script.toString(), "start", dir.toString())
            .redirectError(log.toFile())
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("postgres.sh start failed: " + Files.readString(log));
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    new ProcessBuilder("bash", script.toString(), "stop", dir.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start()
                        .waitFor(30, TimeUnit.SECONDS);
                  } catch (IOException | InterruptedException e) {
                    // the JVM is exiting; the temp cluster is left behind
                  }
                }));
    String[] lines = out.split("\n");
    return lines[lines.length - 1];
  }
}
