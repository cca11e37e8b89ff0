package dev.quoll.client.tree;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.client.lockfile.Lockfile;
import dev.quoll.client.lockfile.LockfileReader;
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
    out.add(
        new Scenario(
            "bundled",
            """
            a@1.0.0 -> b@^1, c@^1 [bundle=b]
            b@1.0.0
            c@1.0.0 -> b@^1
            """,
            "{\"name\":\"root\",\"version\":\"1.0.0\",\"dependencies\":{\"a\":\"^1\"}}",
            List.of()));
    out.add(
        new Scenario(
            "force",
            """
            plugin@1.0.0 -> host@^2 (peer)
            host@1.0.0
            host@2.0.0
            """,
            "{\"name\":\"root\",\"version\":\"1.0.0\",\"dependencies\":{\"plugin\":\"^1\",\"host\":\"^1\"}}",
            List.of("--force")));
    return out;
  }

  @Test
  void lockfilesMatchNpm() throws Exception {
    List<Scenario> scenarios = new ArrayList<>(handWritten());
    scenarios.addAll(
        ScenarioGenerator.generate(
            Integer.getInteger("quoll.diff.count", 20), Long.getLong("quoll.diff.seed", 7)));
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

  /**
   * With a lockfile: npm's lockfile for a first registry is kept while the registry gains newer
   * versions and package.json gains a dependency; the second lockfiles must match (locked versions
   * that still satisfy are kept). The same npm lockfile, written as v2 by npm, must also read back
   * into the same v3 text.
   */
  @Test
  void lockedTreesMatchNpm() throws Exception {
    List<Scenario> scenarios = ScenarioGenerator.generate(6, 1234);
    List<String> failures = new ArrayList<>();
    try (NpmRunner npm = new NpmRunner(work);
        ExecutorService pool = Executors.newFixedThreadPool(2)) {
      List<Future<String>> results = new ArrayList<>();
      for (Scenario s : scenarios) {
        results.add(pool.submit(() -> compareLocked(npm, s)));
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
            + " locked scenarios differ:\n"
            + String.join("\n\n", failures.subList(0, Math.min(3, failures.size()))));
  }

  private static String compareLocked(NpmRunner npm, Scenario s) {
    FakeRegistry first = npm.registry(s.id() + "a", s.registry());
    NpmRunner.Result r1 = npm.install(s.id() + "a", s.packageJson(), null, s.args());
    if (r1.exit() != 0 || r1.lockfile().isEmpty()) {
      return null;
    }
    // v2 of the same tree, written by npm, must read back into npm's v3 text
    NpmRunner.Result v2 =
        npm.install(s.id() + "a", s.packageJson(), null, concat(s.args(), "--lockfile-version=2"));
    Manifest pkg1 = Manifest.parse(s.packageJson());
    if (v2.exit() == 0 && v2.lockfile().isPresent()) {
      Lockfile l2 = Lockfile.parse(v2.lockfile().get());
      String fromV2 =
          LockfileWriter.write(
              LockfileReader.read(l2, pkg1, s.args().contains("--legacy-peer-deps")),
              s.id(),
              l2.format());
      if (!fromV2.equals(r1.lockfile().get())) {
        return "[" + s.id() + " v2->v3] " + Diffs.firstDifference(r1.lockfile().get(), fromV2);
      }
    }
    String registry2 = s.registry() + ScenarioGenerator.bumps(s.registry());
    FakeRegistry second = npm.registry(s.id() + "b", registry2);
    String pj2 = ScenarioGenerator.withExtraDependency(s.packageJson(), s.registry());
    NpmRunner.Result r2 = npm.install(s.id() + "b", pj2, r1.lockfile().get(), s.args());
    String actual;
    try {
      var opts =
          new IdealTreeRequest.ResolveOptions(
              s.args().contains("--legacy-peer-deps"), s.args().contains("--force"), false, false);
      Manifest pkg2 = Manifest.parse(pj2);
      Lockfile lock = Lockfile.parse(r1.lockfile().get());
      Node locked = LockfileReader.read(lock, pkg2, opts.legacyPeerDeps());
      IdealTree tree =
          new IdealTreeBuilder(second)
              .build(
                  IdealTreeRequest.of(pkg2)
                      .withLockTree(locked)
                      .withOptions(opts)
                      .withPlatform(new Platform("linux", "x64", "glibc")));
      actual = LockfileWriter.write(tree.root(), s.id(), lock.format());
    } catch (CoreException e) {
      actual = "error " + e.code() + ": " + e.getMessage();
    }
    if (r2.exit() != 0) {
      return actual.startsWith("error") || !r2.stderr().contains("npm error code")
          ? null
          : "[" + s.id() + " locked] npm failed but Quoll did not: " + r2.stderr();
    }
    if (r2.lockfile().get().equals(actual)) {
      return null;
    }
    return "["
        + s.id()
        + " locked] registry:\n"
        + registry2
        + "\npackage.json: "
        + pj2
        + "\n"
        + Diffs.firstDifference(r2.lockfile().get(), actual);
  }

  /** Workspaces: links, workspace folders, their own dependencies and dev dependencies. */
  @Test
  void workspacesMatchNpm() {
    String registry =
        """
        a@1.0.0 -> c@^1
        b@1.0.0 -> c@^2
        c@1.0.0
        c@2.0.0
        d@1.0.0
        """;
    String root =
        "{\"name\":\"mono\",\"version\":\"1.0.0\",\"workspaces\":[\"packages/x\",\"packages/y\"],"
            + "\"dependencies\":{\"a\":\"^1\"}}";
    String x =
        "{\"name\":\"x\",\"version\":\"0.1.0\",\"dependencies\":{\"b\":\"^1\",\"y\":\"^0.2.0\"},"
            + "\"devDependencies\":{\"d\":\"^1\"}}";
    String y = "{\"name\":\"y\",\"version\":\"0.2.0\",\"dependencies\":{\"c\":\"^1\"}}";
    try (NpmRunner npm = new NpmRunner(work)) {
      FakeRegistry reg = npm.registry("ws", registry);
      NpmRunner.Result r =
          npm.install(
              "ws",
              root,
              null,
              List.of(),
              java.util.Map.of("packages/x/package.json", x, "packages/y/package.json", y));
      assertTrue(r.exit() == 0, r.stderr());
      IdealTree tree =
          new IdealTreeBuilder(reg)
              .build(
                  IdealTreeRequest.of(Manifest.parse(root))
                      .withWorkspaces(
                          List.of(
                              new IdealTreeRequest.Workspace("packages/x", Manifest.parse(x)),
                              new IdealTreeRequest.Workspace("packages/y", Manifest.parse(y))))
                      .withPlatform(new Platform("linux", "x64", "glibc")));
      String ours = LockfileWriter.write(tree.root(), "ws", JsonFormat.DEFAULT);
      assertTrue(r.lockfile().get().equals(ours), Diffs.firstDifference(r.lockfile().get(), ours));
    }
  }

  /**
   * A real install (tarballs fetched and extracted): npm's node_modules/.package-lock.json must
   * equal Quoll's hidden lockfile, and adding a package by tag must save {@code ^version} and give
   * the same package-lock.json.
   */
  @Test
  void hiddenLockfileAndAddMatchNpm() throws Exception {
    Scenario s = handWritten().getFirst();
    try (NpmRunner npm = new NpmRunner(work)) {
      FakeRegistry reg = npm.registry(s.id(), s.registry() + "e@1.0.0\ne@1.1.0\ne@2.0.0-beta.1\n");
      NpmRunner.Result r =
          npm.install(s.id(), s.packageJson(), null, List.of("--package-lock-only=false"));
      assertTrue(r.exit() == 0, r.stderr());
      String hidden =
          java.nio.file.Files.readString(
              npm.dir(s.id()).resolve("node_modules/.package-lock.json"));
      Manifest pkg = Manifest.parse(s.packageJson());
      IdealTree tree =
          new IdealTreeBuilder(reg)
              .build(IdealTreeRequest.of(pkg).withPlatform(new Platform("linux", "x64", "glibc")));
      String ours = LockfileWriter.writeHidden(tree.root(), s.id(), JsonFormat.DEFAULT);
      assertTrue(hidden.equals(ours), "hidden lockfile: " + Diffs.firstDifference(hidden, ours));

      String lock = r.lockfile().orElseThrow();
      NpmRunner.Result added = npm.install(s.id(), s.packageJson(), lock, List.of("e@latest"));
      assertTrue(added.exit() == 0, added.stderr());
      String npmPkg = java.nio.file.Files.readString(npm.dir(s.id()).resolve("package.json"));
      Lockfile l = Lockfile.parse(lock);
      IdealTree tree2 =
          new IdealTreeBuilder(reg)
              .build(
                  IdealTreeRequest.of(pkg)
                      .withLockTree(LockfileReader.read(l, pkg, false))
                      .withAdd(List.of("e@latest"), dev.quoll.core.manifest.DependencyType.PROD)
                      .withPlatform(new Platform("linux", "x64", "glibc")));
      String ours2 = LockfileWriter.write(tree2.root(), s.id(), l.format());
      assertTrue(
          added.lockfile().get().equals(ours2),
          "after add: " + Diffs.firstDifference(added.lockfile().get(), ours2));
      String ourPkg = tree2.manifest().text();
      assertTrue(npmPkg.equals(ourPkg), "package.json: " + Diffs.firstDifference(npmPkg, ourPkg));
    }
  }

  /** npm's ERESOLVE report from its stderr, without the "npm error " prefixes. */
  static String eresolveText(String stderr) {
    List<String> lines = new ArrayList<>();
    boolean in = false;
    for (String line : stderr.split("\n")) {
      String l =
          line.startsWith("npm error ") ? line.substring(10) : line.equals("npm error") ? "" : null;
      if (l == null) {
        continue;
      }
      if (l.startsWith("While resolving:") || (!in && l.startsWith("Found:"))) {
        in = true;
      }
      if (in) {
        lines.add(l);
        if (l.startsWith("Fix the upstream dependency conflict")) {
          break;
        }
      }
    }
    return String.join("\n", lines);
  }

  private static List<String> concat(List<String> a, String b) {
    List<String> out = new ArrayList<>(a);
    out.add(b);
    return out;
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
      if (e instanceof ResolveException re && e.code().equals("ERESOLVE")) {
        String npmText = eresolveText(expected.stderr());
        if (!npmText.equals(re.explanation())) {
          return "["
              + s.id()
              + "] ERESOLVE explanation differs:\n"
              + Diffs.firstDifference(npmText, re.explanation());
        }
      }
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
