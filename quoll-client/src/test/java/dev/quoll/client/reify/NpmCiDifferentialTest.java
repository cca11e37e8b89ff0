package dev.quoll.client.reify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.cache.ContentCache;
import dev.quoll.client.cache.UnpackedStore;
import dev.quoll.client.config.ConfigDefaults;
import dev.quoll.client.config.ConfigSource;
import dev.quoll.client.config.NpmConfig;
import dev.quoll.client.registry.FetchOptions;
import dev.quoll.client.registry.RegistryClient;
import dev.quoll.client.testing.LockfilePlans;
import dev.quoll.client.testing.TreeSnapshot;
import dev.quoll.core.json.Json;
import dev.quoll.core.path.FolderTrees;
import dev.quoll.testkit.BenchFixtures;
import dev.quoll.testkit.NpmOracle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Reify differential against the real npm CLI: npm's own package-lock.json of a project, turned
 * into a plan, reified by Quoll, must give the same node_modules file tree (paths, file modes, file
 * contents, .bin links) as {@code npm ci --ignore-scripts}, both when unpacking every package and
 * when hard-linking from the unpacked store ({@link Reifier#linkingFrom}). npm's tree is recorded
 * under {@code target/client-reify-diff} per lock file hash, so npm runs once per clean build.
 * Fixtures ({@link BenchFixtures}): small with its lock file (68 packages) always;
 * angular-quickstart with a lock file made by {@code npm install --package-lock-only} (935
 * packages) only with {@code -Dquoll.slowTests=true}.
 */
class NpmCiDifferentialTest {
  private static final Path WORK = NpmOracle.repositoryRoot().resolve("target/client-reify-diff");

  @Test
  void smallFixtureMatchesNpmCi() throws Exception {
    Path fixture = fixtureDir("small");
    differential(
        "small",
        Files.readString(fixture.resolve("package.json")),
        Files.readString(fixture.resolve("package-lock.json")));
  }

  /**
   * 935 packages: a cold run needs the public registry for minutes (lock file, npm ci, Quoll's
   * downloads), beyond the module's test-time budget, so it runs only with {@code
   * -Dquoll.slowTests=true}.
   */
  @Test
  @EnabledIfSystemProperty(named = "quoll.slowTests", matches = "true")
  void angularQuickstartMatchesNpmCi() throws Exception {
    Path fixture = fixtureDir("angular-quickstart");
    String pkg = Files.readString(fixture.resolve("package.json"));
    Path lockDir = Files.createDirectories(WORK.resolve("angular-lock-" + sha(pkg)));
    Path lock = lockDir.resolve("package-lock.json");
    if (!Files.exists(lock)) {
      Files.writeString(lockDir.resolve("package.json"), pkg);
      npm(lockDir, "install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund");
    }
    differential("angular", pkg, Files.readString(lock));
  }

  private static Path fixtureDir(String name) {
    return BenchFixtures.path(name);
  }

  private void differential(String name, String packageJson, String lockText) throws Exception {
    String key = sha(packageJson + "\0" + lockText);
    Path expectedFile = WORK.resolve(name + "-npm-tree-" + key + ".json");
    Map<String, String> expected;
    if (Files.exists(expectedFile)) {
      expected = toMap(Json.parse(Files.readString(expectedFile)));
    } else {
      Path npmDir = fresh(WORK.resolve(name + "-npm"), packageJson, lockText);
      long t0 = System.nanoTime();
      npm(npmDir, "ci", "--ignore-scripts", "--no-audit", "--no-fund");
      System.out.printf("%s: npm ci %.1f s%n", name, (System.nanoTime() - t0) / 1e9);
      expected = snapshot(npmDir);
      ObjectNode o = Json.object();
      expected.forEach(o::put);
      Files.writeString(expectedFile, Json.stringify(o));
    }
    NpmConfig config =
        new NpmConfig(Map.of(ConfigSource.DEFAULT, Map.of("registry", ConfigDefaults.REGISTRY)));
    FetchOptions o = FetchOptions.of(config);
    FetchOptions options =
        new FetchOptions(
            o.mode(),
            WORK.resolve("quoll-cache"),
            o.retries(),
            2,
            java.time.Duration.ofSeconds(1),
            java.time.Duration.ofSeconds(5),
            o.timeout(),
            32,
            o.userAgent(),
            o.before());
    List<PlacedPackage> plan = LockfilePlans.plan(Json.parse(lockText), config.registry());
    for (boolean link : List.of(false, true)) {
      Path quollDir =
          fresh(WORK.resolve(name + (link ? "-quoll-link" : "-quoll")), packageJson, lockText);
      long t0 = System.nanoTime();
      try (RegistryClient client = new RegistryClient(config, options)) {
        Reifier reifier =
            new Reifier(client, new ContentCache(WORK.resolve("quoll-cache/_cacache")));
        if (link) {
          reifier =
              reifier.linkingFrom(new UnpackedStore(WORK.resolve("quoll-cache/_quoll/unpacked")));
        }
        reifier.reify(
            new ReifyPlan(quollDir, plan, ReifyOptions.defaults().withIgnoreScripts(true)));
      }
      System.out.printf(
          "%s: quoll reify%s %d packages %.1f s%n",
          name, link ? " (linking)" : "", plan.size(), (System.nanoTime() - t0) / 1e9);
      compare(expected, snapshot(quollDir), plan.size());
    }
  }

  private static void compare(Map<String, String> expected, Map<String, String> actual, int n) {
    List<String> diffs = new ArrayList<>();
    for (String k : new TreeSet<>(union(expected, actual))) {
      String e = expected.get(k);
      String a = actual.get(k);
      if (!java.util.Objects.equals(e, a)) {
        diffs.add(k + ": npm " + e + ", quoll " + a);
      }
    }
    if (!diffs.isEmpty()) {
      fail(
          diffs.size()
              + " differences of "
              + expected.size()
              + " paths, first:\n"
              + String.join("\n", diffs.subList(0, Math.min(20, diffs.size()))));
    }
    assertTrue(expected.size() > n, "tree has files");
    assertEquals(expected.size(), actual.size());
  }

  private static java.util.Set<String> union(Map<String, String> a, Map<String, String> b) {
    java.util.Set<String> s = new java.util.HashSet<>(a.keySet());
    s.addAll(b.keySet());
    return s;
  }

  private static Map<String, String> snapshot(Path project) {
    return TreeSnapshot.of(
        project.resolve("node_modules"), true, rel -> rel.equals(".package-lock.json"));
  }

  private static Map<String, String> toMap(JsonNode n) {
    Map<String, String> m = new java.util.TreeMap<>();
    n.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }

  private static Path fresh(Path dir, String packageJson, String lock) throws IOException {
    FolderTrees.delete(dir);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("package.json"), packageJson);
    Files.writeString(dir.resolve("package-lock.json"), lock);
    return dir;
  }

  private static void npm(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("npm"));
    cmd.addAll(List.of(args));
    cmd.add("--cache=" + WORK.resolve("npm-cache"));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
      fail("npm " + String.join(" ", args) + " failed in " + dir + ":\n" + out);
    }
  }

  private static String sha(String s) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
        .substring(0, 16);
  }
}
