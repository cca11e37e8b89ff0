package dev.quoll.client.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.client.lockfile.Lockfile;
import dev.quoll.client.lockfile.LockfileReader;
import dev.quoll.client.lockfile.LockfileWriter;
import dev.quoll.core.json.Json;
import dev.quoll.core.manifest.Manifest;
import dev.quoll.testkit.BenchFixtures;
import dev.quoll.testkit.NpmOracle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real projects (bench/fixtures, {@link BenchFixtures}): npm's own lockfile read and written back
 * byte for byte, and the ideal tree built from the public registry compared, as a
 * location-to-version map, with what {@code npm install --package-lock-only} makes in the same run.
 * The small fixture always runs; the large ones need {@code -Dquoll.realProjects=true}.
 */
class RealProjectsTest {
  static final Path FIXTURES = BenchFixtures.path("small").getParent();

  @TempDir Path work;

  @Test
  void smallLockfileRoundTripsByteForByte() throws Exception {
    Path dir = FIXTURES.resolve("small");
    String text = Files.readString(dir.resolve("package-lock.json"));
    Manifest pkg = Manifest.read(dir.resolve("package.json"));
    Lockfile lock = Lockfile.parse(text);
    Node tree = LockfileReader.read(lock, pkg, false);
    String again = LockfileWriter.write(tree, "small", lock.format());
    assertTrue(text.equals(again), Diffs.firstDifference(text, again));
  }

  @Test
  void smallTreeMatchesNpm() throws Exception {
    compareWithNpm("small", List.of());
  }

  @Test
  @EnabledIfSystemProperty(named = "quoll.realProjects", matches = "true")
  void largeTreesMatchNpm() throws Exception {
    List<String> failures = new ArrayList<>();
    for (String f : List.of("angular-quickstart", "ember-quickstart", "alotta-files")) {
      try {
        compareWithNpm(f, f.equals("alotta-files") ? List.of("--legacy-peer-deps") : List.of());
      } catch (AssertionError e) {
        failures.add(f + ": " + e.getMessage());
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  /** Prints how long building each fixture's tree takes once its packuments are cached. */
  @Test
  @EnabledIfSystemProperty(named = "quoll.realProjects", matches = "true")
  void buildTimesFromCachedPackuments() throws Exception {
    Path target = NpmOracle.repositoryRoot().resolve("quoll-client/target");
    for (String f : List.of("small", "angular-quickstart", "ember-quickstart", "alotta-files")) {
      // one source per fixture: round 0 includes reading and parsing the cached packuments
      PackumentSource source =
          new HttpPackuments("https://registry.npmjs.org/", target.resolve("packument-cache"));
      var opts = new IdealTreeRequest.ResolveOptions(f.equals("alotta-files"), false, false, false);
      Manifest pkg = Manifest.read(FIXTURES.resolve(f).resolve("package.json"));
      for (int round = 0; round < 3; round++) {
        long t0 = System.nanoTime();
        IdealTree tree =
            new IdealTreeBuilder(source).build(IdealTreeRequest.of(pkg).withOptions(opts));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println(
            f
                + " round "
                + round
                + ": "
                + tree.root().inventory().size()
                + " nodes in "
                + ms
                + " ms");
      }
    }
  }

  private void compareWithNpm(String fixture, List<String> args) throws Exception {
    Path dir = work.resolve(fixture);
    Files.createDirectories(dir);
    Files.copy(FIXTURES.resolve(fixture).resolve("package.json"), dir.resolve("package.json"));
    Path target = NpmOracle.repositoryRoot().resolve("quoll-client/target");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "npm",
                "install",
                "--package-lock-only",
                "--ignore-scripts",
                "--no-audit",
                "--no-fund",
                "--cache=" + target.resolve("npm-cache")));
    cmd.addAll(args);
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(dir.resolve("npm-stderr.txt").toFile())
            .start();
    assertTrue(p.waitFor(600, TimeUnit.SECONDS), "npm timed out");
    assertEquals(
        0, p.exitValue(), "npm itself failed: " + Files.readString(dir.resolve("npm-stderr.txt")));
    var npmLock = Json.parse(Files.readString(dir.resolve("package-lock.json")));
    Map<String, String> want = versionsByLocation(npmLock);
    // the cached packuments must hold what npm locked; should the trees still differ, the
    // packuments are fetched again before the difference counts (a cached copy may lack a
    // version or dist-tag the registry gained since, which npm, fetching afresh, already sees)
    Map<String, String> cached = ourTree(fixture, dir, args, lockedVersions(npmLock), false);
    Map<String, String> got =
        want.equals(cached) ? cached : ourTree(fixture, dir, args, Map.of(), true);
    if (!want.equals(got)) {
      List<String> diffs = new ArrayList<>();
      for (String k :
          new java.util.TreeSet<>(want.keySet()) {
            {
              addAll(got.keySet());
            }
          }) {
        if (!java.util.Objects.equals(want.get(k), got.get(k))) {
          diffs.add(k + " npm=" + want.get(k) + " quoll=" + got.get(k));
        }
      }
      throw new AssertionError(
          fixture
              + ": "
              + diffs.size()
              + " locations differ, first: "
              + diffs.subList(0, Math.min(15, diffs.size())));
    }
  }

  /** Our tree's location-to-version map, from cached packuments or (with refresh) fresh ones. */
  private static Map<String, String> ourTree(
      String fixture,
      Path dir,
      List<String> args,
      Map<String, java.util.Set<String>> required,
      boolean refresh)
      throws Exception {
    Path target = NpmOracle.repositoryRoot().resolve("quoll-client/target");
    PackumentSource source =
        new HttpPackuments(
            "https://registry.npmjs.org/", target.resolve("packument-cache"), required, refresh);
    var opts =
        new IdealTreeRequest.ResolveOptions(
            args.contains("--legacy-peer-deps"), false, false, false);
    IdealTree tree =
        new IdealTreeBuilder(source)
            .build(
                IdealTreeRequest.of(Manifest.read(dir.resolve("package.json"))).withOptions(opts));
    String ours =
        LockfileWriter.write(tree.root(), fixture, dev.quoll.core.json.JsonFormat.DEFAULT);
    return versionsByLocation(Json.parse(ours));
  }

  /** A lockfile's {@code packages} as location to version, the root left out. */
  private static Map<String, String> versionsByLocation(
      com.fasterxml.jackson.databind.JsonNode lock) {
    Map<String, String> out = new TreeMap<>();
    lock.get("packages")
        .properties()
        .forEach(
            e -> {
              if (!e.getKey().isEmpty()) {
                out.put(e.getKey(), e.getValue().path("version").asText(""));
              }
            });
    return out;
  }

  /**
   * The registry versions npm's lockfile names, per package name (an alias's entry names the real
   * package in {@code name}; links and entries without a version are left out).
   */
  private static Map<String, java.util.Set<String>> lockedVersions(
      com.fasterxml.jackson.databind.JsonNode npmLock) {
    Map<String, java.util.Set<String>> out = new TreeMap<>();
    npmLock
        .get("packages")
        .properties()
        .forEach(
            e -> {
              String key = e.getKey();
              var entry = e.getValue();
              if (key.isEmpty() || entry.path("link").asBoolean(false) || !entry.has("version")) {
                return;
              }
              String name =
                  entry.has("name")
                      ? entry.get("name").asText()
                      : key.substring(key.lastIndexOf("node_modules/") + "node_modules/".length());
              out.computeIfAbsent(name, n -> new java.util.TreeSet<>())
                  .add(entry.get("version").asText());
            });
    return out;
  }
}
