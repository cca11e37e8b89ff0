package dev.quoll.client.tree;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.client.lockfile.LockfileWriter;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.JsonFormat;
import dev.quoll.core.manifest.Manifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential: the real npm 11 CLI ({@code npm install --package-lock-only}) against Quoll's ideal
 * tree and lockfile writer on the same fake registries served over HTTP. Each scenario's whole
 * package-lock.json must be byte-identical; when npm fails, Quoll must fail with the same error
 * code.
 */
class NpmDifferentialTest {
  @TempDir Path work;

  record Scenario(String id, String registry, String packageJson, List<String> args) {}

  static List<Scenario> handWritten() {
    List<Scenario> out = new ArrayList<>();
    out.add(
        new Scenario(
            "hoist",
            """
            a@1.0.0 -> c@^1 [license=MIT]
            b@1.0.0 -> c@^2, d@^1 [bin]
            c@1.0.0 [install]
            c@2.0.0
            d@1.0.0 -> c@^2
            """,
            "{\"name\":\"root\",\"version\":\"1.0.0\",\"dependencies\":{\"a\":\"^1\",\"b\":\"^1\"}}",
            List.of()));
    out.add(
        new Scenario(
            "peers",
            """
            plugin@1.0.0 -> host@^2 (peer), util@^1
            plugin2@1.0.0 -> host@>=1 (peer)
            host@1.0.0
            host@2.0.0 -> util@^1
            util@1.0.0
            util@1.1.0 [deprecated]
            """,
            "{\"name\":\"root\",\"version\":\"1.0.0\",\"dependencies\":{\"plugin\":\"^1\",\"plugin2\":\"*\"},\"devDependencies\":{\"util\":\"^1\"}}",
            List.of()));
    out.add(
        new Scenario(
            "eresolve",
            """
            plugin@1.0.0 -> host@^2 (peer)
            host@1.0.0
            host@2.0.0
            """,
            "{\"name\":\"root\",\"version\":\"1.0.0\",\"dependencies\":{\"plugin\":\"^1\",\"host\":\"^1\"}}",
            List.of()));
    out.add(
        new Scenario(
            "legacy",
            """
            plugin@1.0.0 -> host@^2 (peer)
            host@1.0.0
            host@2.0.0
            """,
            "{\"name\":\"root\",\"version\":\"1.0.0\",\"dependencies\":{\"plugin\":\"^1\",\"host\":\"^1\"}}",
            List.of("--legacy-peer-deps")));
    out.add(
        new Scenario(
            "optional",
            """
            a@1.0.0 -> missing@^1 (optional), b@^1 (optional), e@^1 (peerOptional)
            b@1.0.0 -> c@^1 [os=darwin]
            c@1.0.0
            e@1.0.0
            """,
            "{\"name\":\"root\",\"version\":\"1.0.0\",\"dependencies\":{\"a\":\"^1\"},\"optionalDependencies\":{\"c\":\"^1\"}}",
            List.of()));
    out.add(
        new Scenario(
            "overrides",
            """
            a@1.0.0 -> c@^1, b@^1
            b@1.0.0 -> c@^1
            c@1.0.0
            c@2.0.0
            """,
            "{\"name\":\"root\",\"version\":\"1.0.0\",\"dependencies\":{\"a\":\"^1\"},\"overrides\":{\"b\":{\"c\":\"2.0.0\"}}}",
            List.of()));
    out.add(
        new Scenario(
            "alias",
            """
            real@1.0.0
            real@2.0.0
            a@1.0.0 -> real@^1
            """,
            "{\"name\":\"root\",\"version\":\"1.0.0\",\"dependencies\":{\"a\":\"^1\",\"real\":\"npm:real@^2\",\"other\":\"npm:real@^1\"}}",
            List.of()));
    return out;
  }

  @Test
  void lockfilesMatchNpm() throws Exception {
    List<Scenario> scenarios = new ArrayList<>(handWritten());
    scenarios.addAll(
        ScenarioGenerator.generate(
            Integer.getInteger("quoll.diff.count", 24), Long.getLong("quoll.diff.seed", 7)));
    List<String> failures = new ArrayList<>();
    try (NpmRunner npm = new NpmRunner(work);
        ExecutorService pool = Executors.newFixedThreadPool(2)) {
      List<Future<String>> results = new ArrayList<>();
      for (Scenario s : scenarios) {
        FakeRegistry reg = npm.registry(s.id(), s.registry());
        results.add(pool.submit(() -> compare(npm, reg, s)));
      }
      for (Future<String> f : results) {
        String r = f.get();
        if (r != null) {
          failures.add(r);
        }
      }
    }
    assertTrue(
        failures.isEmpty(),
        failures.size()
            + " of "
            + scenarios.size()
            + " scenarios differ:\n"
            + String.join("\n\n", failures.subList(0, Math.min(3, failures.size()))));
  }

  private static String compare(NpmRunner npm, FakeRegistry reg, Scenario s) {
    NpmRunner.Result expected = npm.install(s.id(), s.packageJson(), null, s.args());
    String actual;
    try {
      var opts =
          new IdealTreeRequest.ResolveOptions(
              s.args().contains("--legacy-peer-deps"), s.args().contains("--force"), false, false);
      IdealTree tree =
          new IdealTreeBuilder(reg)
              .build(
                  IdealTreeRequest.of(Manifest.parse(s.packageJson()))
                      .withOptions(opts)
                      .withPlatform(new Platform("linux", "x64", "glibc")));
      actual = LockfileWriter.write(tree.root(), s.id(), JsonFormat.DEFAULT);
    } catch (CoreException e) {
      actual = "error " + e.code() + ": " + e.getMessage();
    }
    if (expected.exit() != 0) {
      var m = java.util.regex.Pattern.compile("npm error code (\\S+)").matcher(expected.stderr());
      String code = m.find() ? m.group(1) : "?";
      if (code.equals("?")) {
        // npm itself crashed (an arborist bug, e.g. "Cannot read properties of null"): no oracle
        return null;
      }
      if (actual.startsWith("error " + code)) {
        return null;
      }
      return "["
          + s.id()
          + "] npm failed ("
          + code
          + ") but Quoll gave:\n"
          + actual
          + "\nregistry:\n"
          + s.registry()
          + "\npackage.json: "
          + s.packageJson()
          + "\nnpm: "
          + expected.stderr();
    }
    String want = expected.lockfile().orElse("(none)");
    if (want.equals(actual)) {
      return null;
    }
    return "["
        + s.id()
        + "] registry:\n"
        + s.registry()
        + "\npackage.json: "
        + s.packageJson()
        + "\n"
        + Diffs.firstDifference(want, actual);
  }
}
