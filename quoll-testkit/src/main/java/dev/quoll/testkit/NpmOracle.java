package dev.quoll.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The oracle of Quoll's differential tests: npm's own JavaScript libraries (semver,
 * npm-package-arg, validate-npm-package-name, ssri, ...) installed from the npm registry at test
 * time and run under the machine's {@code node}.
 *
 * <p>Packages are installed once per distinct set of pinned specs into {@code
 * target/npm-oracle/<hash>} under the repository root (shared by every module of one build), with a
 * file lock so concurrent test JVMs do not race. A script is run with {@code node}; it reads one
 * JSON document on stdin (available to the script as the global {@code input}) and must print one
 * JSON document on stdout, or call {@code output(value)}.
 *
 * <p>Errors: {@link IllegalStateException} when node or npm is missing, when {@code npm install}
 * fails, or when the script exits non-zero (its stderr is in the message). The oracle never skips:
 * the README lists Node 20+ with npm as a prerequisite of the test suite.
 */
public final class NpmOracle {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, NpmOracle> INSTALLED = new ConcurrentHashMap<>();

  private final Path dir;

  private NpmOracle(Path dir) {
    this.dir = dir;
  }

  /**
   * Installs the given pinned packages (npm specs such as {@code "semver@7.7.3"}) once and returns
   * an oracle that runs scripts where {@code require} finds them.
   *
   * @param specs npm package specs, pinned to exact versions so the oracle does not drift
   * @return the oracle for that set of packages
   * @throws IllegalStateException when npm is missing or the install fails
   */
  public static NpmOracle install(String... specs) {
    List<String> sorted = new ArrayList<>(List.of(specs));
    sorted.sort(null);
    String key = String.join(" ", sorted);
    return INSTALLED.computeIfAbsent(key, k -> new NpmOracle(installInto(sorted, k)));
  }

  /** The folder holding {@code node_modules} with the installed packages. */
  public Path dir() {
    return dir;
  }

  /**
   * Runs a node script with {@code input} (the parsed stdin JSON) in scope.
   *
   * @param script JavaScript source; it may {@code require} the installed packages and either print
   *     JSON with {@code console.log} or call {@code output(value)} once
   * @param input any JSON value, passed on stdin
   * @return the JSON the script printed
   * @throws IllegalStateException when node fails or prints something that is not JSON
   */
  public JsonNode run(String script, Object input) {
    String prelude =
        "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
            + "function output(v) { process.stdout.write(JSON.stringify(v === undefined ? null : v)); }\n";
    try {
      Path scriptFile = Files.createTempFile(dir, "oracle-", ".js");
      Path inputFile = Files.createTempFile(dir, "oracle-", ".json");
      try {
        Files.writeString(scriptFile, prelude + script);
        JSON.writeValue(inputFile.toFile(), input);
        Result result =
            exec(
                dir,
                List.of("node", scriptFile.toString()),
                inputFile,
                Map.of("NODE_PATH", dir.resolve("node_modules").toString()));
        if (result.exit != 0) {
          throw new IllegalStateException(
              "oracle script failed (" + result.exit + "): " + result.stderr);
        }
        return JSON.readTree(result.stdout);
      } finally {
        Files.deleteIfExists(scriptFile);
        Files.deleteIfExists(inputFile);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The repository root: the nearest ancestor of the working directory holding {@code mvnw}. */
  public static Path repositoryRoot() {
    Path p = Path.of("").toAbsolutePath();
    for (Path q = p; q != null; q = q.getParent()) {
      if (Files.exists(q.resolve("mvnw"))) {
        return q;
      }
    }
    return p;
  }

  private static Path installInto(List<String> specs, String key) {
    Path dir = repositoryRoot().resolve("target/npm-oracle").resolve(sha256(key).substring(0, 16));
    try {
      Files.createDirectories(dir);
      try (FileChannel ch =
              FileChannel.open(
                  dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = ch.lock()) {
        Path done = dir.resolve(".installed");
        if (Files.exists(done) && Files.readString(done).equals(key)) {
          return dir;
        }
        Files.writeString(
            dir.resolve("package.json"), "{\"name\":\"quoll-oracle\",\"private\":true}\n");
        List<String> cmd =
            new ArrayList<>(
                List.of(
                    "npm",
                    "install",
                    "--no-audit",
                    "--no-fund",
                    "--no-save",
                    "--ignore-scripts",
                    "--loglevel=error"));
        cmd.addAll(specs);
        Result result = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
          result = exec(dir, cmd, null, Map.of());
          if (result.exit == 0) {
            Files.writeString(done, key);
            return dir;
          }
        }
        throw new IllegalStateException("npm install " + key + " failed: " + result.stderr);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Result(int exit, String stdout, String stderr) {}

  private static Result exec(Path dir, List<String> cmd, Path stdin, Map<String, String> env)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().putAll(env);
    Path out = Files.createTempFile("oracle-out", ".txt");
    Path err = Files.createTempFile("oracle-err", ".txt");
    try {
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      if (stdin != null) {
        pb.redirectInput(stdin.toFile());
      }
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        throw new IllegalStateException(
            "cannot run " + cmd.get(0) + " (Node 20+ with npm is a prerequisite of the tests)", e);
      }
      try {
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          throw new IllegalStateException("timed out: " + String.join(" ", cmd));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
