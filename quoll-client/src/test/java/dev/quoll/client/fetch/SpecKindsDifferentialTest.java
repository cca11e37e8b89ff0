package dev.quoll.client.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.quoll.client.install.InstallRequest;
import dev.quoll.client.install.InstallResult;
import dev.quoll.client.install.Installer;
import dev.quoll.client.install.Operation;
import dev.quoll.client.testing.InstallSession;
import dev.quoll.client.testing.TreeSnapshot;
import dev.quoll.client.tree.IdealTreeRequest.ResolveOptions;
import dev.quoll.core.manifest.DependencyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every package spec kind against the real npm CLI ({@code npm install --ignore-scripts} on a local
 * fake registry): {@code npm:} aliases, {@code file:} folders inside and outside the project, a
 * {@code file:} tarball, a remote tarball URL on a local HTTP server, and {@code git+file://}
 * repositories (a {@code #semver:} range and the default branch). For dependencies in package.json
 * and for specs given to install, Quoll must write the same package.json and package-lock.json
 * bytes and the same node_modules (paths, modes, contents, links) as npm; {@code quoll ci} must
 * accept npm's lockfile and {@code npm ci} Quoll's, with the same node_modules again.
 */
class SpecKindsDifferentialTest {
  @TempDir static Path tmp;
  private static SpecKindsFixture fx;
  private static InstallSession session;
  private static Installer installer;

  @BeforeAll
  static void start() throws IOException {
    SpecKindsFixture.requireTools();
    fx = new SpecKindsFixture(tmp);
    session = InstallSession.open(fx.registry, tmp.resolve("quoll-cache"));
    installer = session.installer();
  }

  @AfterAll
  static void stop() {
    if (fx != null) {
      session.close();
      fx.close();
    }
  }

  private String dependencies() {
    return "{\n  \"name\": \"proj\",\n  \"version\": \"1.0.0\",\n  \"dependencies\": {\n"
        + "    \"al\": \"npm:b@^1.0.0\",\n"
        + "    \"dep-folder\": \"file:dep-folder\",\n"
        + "    \"ext-folder\": \"file:../ext-folder\",\n"
        + "    \"git-plain\": \""
        + fx.plainRepo
        + "\",\n"
        + "    \"git-tags\": \""
        + fx.tagsRepo
        + "#semver:^3\",\n"
        + "    \"remote-pkg\": \""
        + fx.remoteUrl
        + "\",\n"
        + "    \"tarpkg\": \"file:tarpkg-2.0.0.tgz\"\n"
        + "  }\n}\n";
  }

  @Test
  void dependenciesInPackageJsonThenCiBothWays() throws IOException {
    Path npmDir = tmp.resolve("deps-npm");
    Path quollDir = tmp.resolve("deps-quoll");
    fx.writeProject(npmDir, dependencies());
    fx.writeProject(quollDir, dependencies());
    fx.npm(npmDir, "install");
    quoll(quollDir, Operation.Install.plain());
    String npmLock = Files.readString(npmDir.resolve("package-lock.json"));
    assertEquals(npmLock, Files.readString(quollDir.resolve("package-lock.json")));
    compareTrees(npmDir, quollDir);
    assertTrue(snapshot(quollDir).containsKey("dep-folder/node_modules/b/package.json"));
    assertEquals(
        Files.readString(npmDir.resolve("node_modules/.package-lock.json")),
        Files.readString(quollDir.resolve("node_modules/.package-lock.json")));

    InstallResult again = quoll(quollDir, Operation.Install.plain());
    assertEquals(0, again.added() + again.removed() + again.changed(), again.toString());
    assertEquals(npmLock, Files.readString(quollDir.resolve("package-lock.json")));
    Files.delete(quollDir.resolve("node_modules/.package-lock.json"));
    again = quoll(quollDir, Operation.Install.plain());
    assertEquals(0, again.added() + again.removed() + again.changed(), again.toString());
    assertEquals(npmLock, Files.readString(quollDir.resolve("package-lock.json")));
    compareTrees(npmDir, quollDir);

    Path quollCi = tmp.resolve("ci-quoll");
    fx.writeProject(quollCi, dependencies());
    Files.writeString(quollCi.resolve("package-lock.json"), npmLock);
    quoll(quollCi, new Operation.Ci());
    compareTrees(npmDir, quollCi);
    assertEquals(npmLock, Files.readString(quollCi.resolve("package-lock.json")));

    Path npmCi = tmp.resolve("ci-npm");
    fx.writeProject(npmCi, dependencies());
    Files.copy(quollDir.resolve("package-lock.json"), npmCi.resolve("package-lock.json"));
    fx.npm(npmCi, "ci");
    compareTrees(quollDir, npmCi);
  }

  @Test
  void specsGivenToInstall() throws IOException {
    String pkg = "{\n  \"name\": \"proj2\",\n  \"version\": \"1.0.0\"\n}\n";
    List<String> specs =
        List.of(
            "al@npm:b@^1.0.0",
            "./dep-folder",
            "../ext-folder",
            "./tarpkg-2.0.0.tgz",
            fx.remoteUrl,
            fx.tagsRepo + "#semver:^3",
            fx.plainRepo);
    Path npmDir = tmp.resolve("args-npm");
    Path quollDir = tmp.resolve("args-quoll");
    fx.writeProject(npmDir, pkg);
    fx.writeProject(quollDir, pkg);
    List<String> npmArgs = new ArrayList<>(List.of("install"));
    npmArgs.addAll(specs);
    fx.npm(npmDir, npmArgs.toArray(String[]::new));
    quoll(quollDir, new Operation.Install(specs, DependencyType.PROD, false));
    assertEquals(
        Files.readString(npmDir.resolve("package.json")),
        Files.readString(quollDir.resolve("package.json")));
    assertEquals(
        Files.readString(npmDir.resolve("package-lock.json")),
        Files.readString(quollDir.resolve("package-lock.json")));
    compareTrees(npmDir, quollDir);
  }

  private static InstallResult quoll(Path dir, Operation op) {
    return installer.run(
        new InstallRequest(dir, op, true, Set.of(), true, false, ResolveOptions.DEFAULT));
  }

  private static void compareTrees(Path expectedDir, Path actualDir) {
    Map<String, String> e = snapshot(expectedDir);
    Map<String, String> a = snapshot(actualDir);
    Set<String> keys = new TreeSet<>(e.keySet());
    keys.addAll(a.keySet());
    List<String> diffs = new ArrayList<>();
    for (String k : keys) {
      if (!Objects.equals(e.get(k), a.get(k))) {
        diffs.add(k + ": expected " + e.get(k) + ", got " + a.get(k));
      }
    }
    if (!diffs.isEmpty()) {
      fail(
          diffs.size()
              + " node_modules differences between "
              + expectedDir.getFileName()
              + " and "
              + actualDir.getFileName()
              + ", first:\n"
              + String.join("\n", diffs.subList(0, Math.min(20, diffs.size()))));
    }
  }

  /** node_modules of the project and of its folder dependency (where npm nests a conflict). */
  private static Map<String, String> snapshot(Path project) {
    Map<String, String> out =
        new java.util.TreeMap<>(
            TreeSnapshot.of(
                project.resolve("node_modules"), true, rel -> rel.equals(".package-lock.json")));
    TreeSnapshot.of(project.resolve("dep-folder/node_modules"), true, rel -> false)
        .forEach((k, v) -> out.put("dep-folder/node_modules/" + k, v));
    return out;
  }
}
