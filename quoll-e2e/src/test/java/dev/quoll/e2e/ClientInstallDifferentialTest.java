package dev.quoll.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.cli.Quoll;
import dev.quoll.core.json.Json;
import dev.quoll.testkit.BenchFixtures;
import dev.quoll.testkit.NpmOracle;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code quoll install} against the real npm CLI on real projects from the public registry (the
 * bench fixtures): in twin folders, in the same run, {@code npm install --package-lock-only
 * --ignore-scripts} and {@code quoll install --ignore-scripts} must give the same lockfile paths
 * and versions; {@code npm ci} must accept Quoll's lockfile and {@code quoll ci} npm's; node must
 * load each top-level dependency from Quoll's tree exactly when it loads it from npm's. npm must
 * succeed first (the public registry here is an incomplete mirror): when it fails, the case is
 * skipped. One npm cache and one Quoll cache under {@code target/client-install} serve every case
 * and every build until {@code mvn clean}.
 */
class ClientInstallDifferentialTest {
  private static final Path ROOT = NpmOracle.repositoryRoot();
  private static final Path WORK = ROOT.resolve("quoll-e2e/target/client-install");
  private static final Path NPM_CACHE = WORK.resolve("npm-cache");
  private static final Path QUOLL_CACHE = WORK.resolve("quoll-cache");
  private static final Path NPMRC = WORK.resolve("npmrc");

  @BeforeAll
  static void requirements() throws IOException {
    NpmRequirement.check();
    assumeTrue(registryAnswers(), "the npm registry is not reachable from here");
    Files.createDirectories(WORK);
    Files.writeString(NPMRC, "");
  }

  private static Path fixture(String name) {
    Path p = BenchFixtures.path(name);
    assumeTrue(Files.isDirectory(p), "fixture " + name + " is not on this machine");
    return p;
  }

  /**
   * The fixtures to compare: all four, or the comma-separated list in the system property {@code
   * quoll.e2e.fixtures} (e.g. {@code small} for a quick run).
   */
  static List<String> fixtures() {
    String p = System.getProperty("quoll.e2e.fixtures", "");
    return p.isBlank()
        ? List.of("small", "angular-quickstart", "ember-quickstart", "alotta-files")
        : List.of(p.split(","));
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void installMatchesNpm(String name) throws Exception {
    List<String> extra =
        name.equals("alotta-files") ? List.of("--legacy-peer-deps") : List.<String>of();
    String pkg = Files.readString(fixture(name).resolve("package.json"));
    Path base = WORK.resolve(name);
    Path npmDir = fresh(base.resolve("npm"), pkg);
    Path quollDir = fresh(base.resolve("quoll"), pkg);
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      Future<Run> npm =
          pool.submit(
              () ->
                  npm(
                      npmDir,
                      concat(
                          List.of("install", "--package-lock-only", "--ignore-scripts"), extra)));
      Future<Integer> quoll =
          pool.submit(() -> quoll(quollDir, concat(List.of("install", "--ignore-scripts"), extra)));
      Run npmRun = npm.get();
      int quollExit = quoll.get();
      assumeTrue(npmRun.exit() == 0, "npm itself fails on " + name + ":\n" + npmRun.output());
      assertEquals(0, quollExit, "quoll install failed on " + name);
    }
    JsonNode npmLock = Json.parse(Files.readString(npmDir.resolve("package-lock.json")));
    JsonNode quollLock = Json.parse(Files.readString(quollDir.resolve("package-lock.json")));
    assertSameVersions(name, versions(npmLock), versions(quollLock));
    boolean identical =
        Files.readString(npmDir.resolve("package-lock.json"))
            .equals(Files.readString(quollDir.resolve("package-lock.json")));
    System.out.printf("%s: lockfiles byte-identical: %s%n", name, identical);

    // quoll ls --all prints what npm ls --all prints for the tree Quoll installed (the
    // annotations of invalid peers under --legacy-peer-deps are known to differ)
    if (extra.isEmpty()) {
      Run npmLs = npm(quollDir, List.of("ls", "--all"));
      String quollLs = quollOut(quollDir, List.of("ls", "--all"));
      assertEquals(strip(npmLs.output()), strip(quollLs), name + ": ls --all differs");
    }

    // npm ci accepts Quoll's lockfile; quoll ci accepts npm's
    Path npmCi = fresh(base.resolve("npm-ci"), pkg);
    Files.copy(quollDir.resolve("package-lock.json"), npmCi.resolve("package-lock.json"));
    Path quollCi = fresh(base.resolve("quoll-ci"), pkg);
    Files.copy(npmDir.resolve("package-lock.json"), quollCi.resolve("package-lock.json"));
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      Future<Run> npm =
          pool.submit(() -> npm(npmCi, concat(List.of("ci", "--ignore-scripts"), extra)));
      Future<Integer> quoll =
          pool.submit(() -> quoll(quollCi, concat(List.of("ci", "--ignore-scripts"), extra)));
      Run npmRun = npm.get();
      assertEquals(0, npmRun.exit(), "npm ci refused Quoll's lockfile:\n" + npmRun.output());
      assertEquals(0, quoll.get(), "quoll ci refused npm's lockfile");
    }
    Map<String, String> disk = onDisk(quollCi);
    Map<String, String> expectedOnDisk = versions(npmLock);
    npmLock
        .path("packages")
        .properties()
        .forEach(
            e -> {
              if (e.getValue().path("optional").asBoolean(false) && !disk.containsKey(e.getKey())) {
                expectedOnDisk.remove(e.getKey());
              }
            });
    assertSameVersions(name + " (quoll ci of npm's lockfile, on disk)", expectedOnDisk, disk);

    // node loads the same top-level dependencies from both trees
    List<String> deps = new ArrayList<>();
    for (String field : List.of("dependencies", "devDependencies")) {
      Json.parse(pkg).path(field).properties().forEach(e -> deps.add(e.getKey()));
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      Future<JsonNode> fromNpm = pool.submit(() -> requireAll(npmCi, deps));
      Future<JsonNode> fromQuoll = pool.submit(() -> requireAll(quollDir, deps));
      JsonNode a = fromNpm.get();
      JsonNode b = fromQuoll.get();
      assertEquals(a, b, name + ": require() results differ (npm ci tree vs quoll tree)");
      long loaded = 0;
      for (var e : b.properties()) {
        if (e.getValue().asText().equals("ok")) {
          loaded++;
        }
      }
      System.out.printf(
          "%s: node loads %d of %d top-level dependencies%n", name, loaded, deps.size());
      assertTrue(loaded * 2 >= deps.size(), name + ": most dependencies must load: " + b);
    }
  }

  @Test
  void tamperedIntegrityIsRefusedAndNothingIsInstalled() throws Exception {
    Path fx = fixture("small");
    String pkg = Files.readString(fx.resolve("package.json"));
    String lock = Files.readString(fx.resolve("package-lock.json"));
    String integrity = Json.parse(lock).at("/packages/node_modules~1express/integrity").asText();
    char c = integrity.charAt(12);
    String bad = integrity.substring(0, 12) + (c == 'A' ? 'B' : 'A') + integrity.substring(13);
    String tampered = lock.replace(integrity, bad);
    assertNotEquals(lock, tampered);
    for (String command : List.of("ci", "install")) {
      Path dir = fresh(WORK.resolve("tamper-" + command), pkg);
      Files.writeString(dir.resolve("package-lock.json"), tampered);
      int exit = quoll(dir, List.of(command, "--ignore-scripts"));
      assertEquals(1, exit, "quoll " + command + " must refuse a wrong integrity");
      assertFalse(
          Files.exists(dir.resolve("node_modules/express")),
          "quoll " + command + " left express behind");
      assertTrue(
          !Files.exists(dir.resolve("node_modules")) || list(dir.resolve("node_modules")).isEmpty(),
          "quoll " + command + " left packages: " + list(dir.resolve("node_modules")));
      assertEquals(tampered, Files.readString(dir.resolve("package-lock.json")));
      assertEquals(pkg, Files.readString(dir.resolve("package.json")));
    }
  }

  // ---- helpers ----

  private record Run(int exit, String output) {}

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static Path fresh(Path dir, String packageJson) throws IOException {
    deleteTree(dir);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("package.json"), packageJson);
    return dir;
  }

  private static Run npm(Path dir, List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("npm"));
    cmd.addAll(args);
    cmd.addAll(
        List.of(
            "--cache=" + NPM_CACHE,
            "--userconfig=" + NPMRC,
            "--registry=https://registry.npmjs.org/",
            "--no-audit",
            "--no-fund",
            "--no-update-notifier"));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      return new Run(-1, out);
    }
    return new Run(p.exitValue(), out);
  }

  /** Runs a quoll command in this JVM (as the launcher would), in {@code dir}. */
  private static int quoll(Path dir, List<String> args) {
    List<String> all = new ArrayList<>(args);
    all.addAll(
        List.of(
            "--prefix=" + dir,
            "--cache=" + QUOLL_CACHE,
            "--userconfig=" + NPMRC,
            "--registry=https://registry.npmjs.org/"));
    long t0 = System.nanoTime();
    int exit = Quoll.commandLine().execute(all.toArray(String[]::new));
    System.err.printf(
        "quoll %s in %s: exit %d, %.1f s%n",
        String.join(" ", args), dir.getFileName(), exit, (System.nanoTime() - t0) / 1e9);
    return exit;
  }

  /** ls output without its first line (which names the folder) and trailing blank lines. */
  private static String strip(String ls) {
    String body = ls.substring(ls.indexOf('\n') + 1);
    return body.lines().filter(l -> !l.startsWith("npm warn")).toList().toString();
  }

  /** Runs a quoll command in this JVM and returns what it printed on stdout. */
  private static synchronized String quollOut(Path dir, List<String> args) {
    java.io.PrintStream old = System.out;
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      quoll(dir, args);
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  private static JsonNode requireAll(Path dir, List<String> deps)
      throws IOException, InterruptedException {
    String script =
        """
        const out = {};
        for (const d of JSON.parse(process.argv[1])) {
          try { require(d); out[d] = 'ok'; }
          catch (e) { out[d] = e.code === 'MODULE_NOT_FOUND' && String(e.message).includes("'" + d + "'")
            ? 'missing' : 'error'; }
        }
        process.stdout.write(JSON.stringify(out));
        setTimeout(() => process.exit(0), 10);
        """;
    Process p =
        new ProcessBuilder("node", "-e", script, Json.stringify(Json.toTree(deps)))
            .directory(dir.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail("node require() timed out in " + dir);
    }
    int start = out.lastIndexOf("{\"");
    return Json.parse(start < 0 ? out : out.substring(start));
  }

  /** Location to version of a lockfile's node_modules entries (not optional-for-other-platform). */
  private static Map<String, String> versions(JsonNode lock) {
    Map<String, String> out = new TreeMap<>();
    lock.path("packages")
        .properties()
        .forEach(
            e -> {
              if (!e.getKey().isEmpty()) {
                out.put(e.getKey(), e.getValue().path("version").asText(""));
              }
            });
    return out;
  }

  /** Location to version of the packages in a project's node_modules (read from disk). */
  private static Map<String, String> onDisk(Path project) throws IOException {
    Map<String, String> out = new TreeMap<>();
    Path nm = project.resolve("node_modules");
    try (Stream<Path> walk = Files.walk(nm)) {
      for (Path pj : walk.filter(p -> p.getFileName().toString().equals("package.json")).toList()) {
        String loc = project.relativize(pj.getParent()).toString();
        if (loc.matches(
            "(node_modules/(@[^/]+/)?[^/@.][^/]*)(/node_modules/(@[^/]+/)?[^/.][^/]*)*")) {
          out.put(loc, Json.parse(Files.readString(pj)).path("version").asText(""));
        }
      }
    }
    return out;
  }

  /** Compares location to version maps and fails with the first 20 differences. */
  private static void assertSameVersions(
      String what, Map<String, String> expected, Map<String, String> actual) {
    List<String> diffs = new ArrayList<>();
    for (String k : new TreeSet<>(concatKeys(expected, actual))) {
      String e = expected.get(k);
      String a = actual.get(k);
      if (!Objects.equals(e, a)) {
        diffs.add(k + ": npm " + e + ", quoll " + a);
      }
    }
    if (!diffs.isEmpty()) {
      fail(
          what
              + ": "
              + diffs.size()
              + " of "
              + expected.size()
              + " locations differ, first:\n"
              + String.join("\n", diffs.subList(0, Math.min(20, diffs.size()))));
    }
  }

  private static List<String> concatKeys(Map<String, String> a, Map<String, String> b) {
    List<String> out = new ArrayList<>(a.keySet());
    out.addAll(b.keySet());
    return out;
  }

  private static List<String> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static boolean registryAnswers() {
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
      HttpResponse<Void> r =
          http.send(
              HttpRequest.newBuilder(URI.create("https://registry.npmjs.org/is-number"))
                  .timeout(Duration.ofSeconds(20))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
