package dev.quoll.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.quoll.core.json.Json;
import dev.quoll.testkit.NpmOracle;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Verdaccio server for an e2e test: Verdaccio {@value #VERSION} installed from the npm registry
 * once per build into {@code quoll-e2e/target/verdaccio/<version>} (a file lock keeps concurrent
 * JVMs from racing; {@code mvn clean} removes it), started with {@code node} on a free 127.0.0.1
 * port with a config written here: storage and an htpasswd file under the test's folder, no
 * uplinks, {@code @private/*} readable and publishable only by logged-in users, everything else
 * readable by all and publishable by logged-in users.
 *
 * <p>Why 6.8.0: it is the newest 6.x whose {@code engines} accepts Node 20 (6.9 and later want Node
 * 22). The npm registry reachable here lacks node-fetch's {@code cjs} dist-tag, which
 * verdaccio-audit asks for; the install pins it with {@code overrides} to 2.7.0 (the version that
 * tag names on npmjs). When Verdaccio cannot be installed (no registry) the test is skipped with a
 * message, or fails when {@code QUOLL_REQUIRE_NPM=1}.
 */
final class VerdaccioProcess implements AutoCloseable {
  /** The pinned Verdaccio version. */
  static final String VERSION = "6.8.0";

  private final Process process;
  private final String url;
  private final StringBuffer output = new StringBuffer();

  private VerdaccioProcess(Process process, String url) {
    this.process = process;
    this.url = url;
    Thread.ofVirtual()
        .start(
            () -> {
              try (var in = process.getInputStream()) {
                byte[] buf = new byte[4096];
                for (int n; (n = in.read(buf)) > 0; ) {
                  output.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
              } catch (IOException e) {
                // the process ended
              }
            });
  }

  /**
   * Installs (once) and starts Verdaccio with its storage and htpasswd under {@code dir}; waits
   * until {@code /-/ping} answers.
   *
   * @param dir the test's folder for storage, htpasswd and config
   * @return the running server
   */
  static VerdaccioProcess start(Path dir) throws Exception {
    Path home = install();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Files.createDirectories(dir.resolve("storage"));
    Path config = dir.resolve("config.yaml");
    Files.writeString(
        config,
        """
        storage: %s
        auth:
          htpasswd:
            file: %s
            max_users: 100
        uplinks: {}
        packages:
          '@private/*':
            access: $authenticated
            publish: $authenticated
            unpublish: $authenticated
          '**':
            access: $all
            publish: $authenticated
            unpublish: $authenticated
        web:
          enable: false
        log: { type: stdout, format: pretty, level: warn }
        """
            .formatted(dir.resolve("storage"), dir.resolve("htpasswd")));
    Process p =
        new ProcessBuilder(
                "node",
                home.resolve("node_modules/verdaccio/bin/verdaccio").toString(),
                "--config",
                config.toString(),
                "--listen",
                "127.0.0.1:" + port)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    VerdaccioProcess v = new VerdaccioProcess(p, "http://127.0.0.1:" + port + "/");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    try (HttpClient http = HttpClient.newHttpClient()) {
      while (System.nanoTime() < deadline && p.isAlive()) {
        try {
          HttpResponse<Void> r =
              http.send(
                  HttpRequest.newBuilder(URI.create(v.url + "-/ping"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
          if (r.statusCode() == 200) {
            return v;
          }
        } catch (IOException e) {
          // not listening yet
        }
        Thread.sleep(200);
      }
    }
    v.close();
    throw new IllegalStateException("verdaccio did not start:\n" + v.output());
  }

  /** The server's URL, ending in {@code /}. */
  String url() {
    return url;
  }

  /** What Verdaccio printed (warnings and errors). */
  String output() {
    return output.toString();
  }

  /**
   * Signs a user up ({@code PUT /-/user/org.couchdb.user:<name>}, as {@code npm adduser} does) and
   * returns the token Verdaccio answered.
   *
   * @param name the user name; the password is {@code <name>-long-password-1}
   */
  String signUp(String name) throws Exception {
    String body =
        Json.stringify(
            Json.object()
                .put("_id", "org.couchdb.user:" + name)
                .put("name", name)
                .put("password", name + "-long-password-1")
                .put("email", name + "@example.org")
                .put("type", "user"));
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url + "-/user/org.couchdb.user:" + name))
                  .header("content-type", "application/json")
                  .PUT(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(201, r.statusCode(), r.body());
      return Json.parse(r.body()).get("token").asText();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * Installs Verdaccio once per build; skips (or fails under QUOLL_REQUIRE_NPM=1) when it can't.
   */
  private static synchronized Path install() throws IOException, InterruptedException {
    Path dir = NpmOracle.repositoryRoot().resolve("quoll-e2e/target/verdaccio").resolve(VERSION);
    Files.createDirectories(dir);
    try (FileChannel ch =
            FileChannel.open(
                dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      Path done = dir.resolve(".installed");
      if (Files.exists(done)) {
        return dir;
      }
      Files.writeString(
          dir.resolve("package.json"),
          """
          {"name":"quoll-e2e-verdaccio","private":true,
           "dependencies":{"verdaccio":"%s"},
           "overrides":{"node-fetch":"2.7.0"}}
          """
              .formatted(VERSION));
      String why = "";
      for (int attempt = 1; attempt <= 2; attempt++) {
        Process p =
            new ProcessBuilder(
                    List.of(
                        "npm",
                        "install",
                        "--no-audit",
                        "--no-fund",
                        "--ignore-scripts",
                        "--no-update-notifier",
                        "--loglevel=error"))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
          p.destroyForcibly();
        } else if (p.exitValue() == 0) {
          Files.writeString(done, VERSION);
          return dir;
        }
        why = out;
      }
      String msg = "verdaccio@" + VERSION + " cannot be installed from the npm registry:\n" + why;
      if ("1".equals(System.getenv("QUOLL_REQUIRE_NPM"))) {
        fail(msg);
      }
      assumeTrue(false, msg + "\nskipping the Verdaccio e2e tests (QUOLL_REQUIRE_NPM=1 fails)");
      throw new AssertionError("unreachable");
    }
  }
}
