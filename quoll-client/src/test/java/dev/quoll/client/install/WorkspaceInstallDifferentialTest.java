package dev.quoll.client.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.client.ClientException;
import dev.quoll.client.testing.InstallFixture;
import dev.quoll.client.testing.TreeSnapshot;
import dev.quoll.client.tree.IdealTreeRequest.ResolveOptions;
import dev.quoll.core.json.Json;
import dev.quoll.core.manifest.DependencyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code install <spec> -w <ws>} / {@code --workspaces} / {@code --include-workspace-root} against
 * the real npm CLI on a fake registry: the same package.json files (root and workspaces) and the
 * same package-lock.json text after each step; an edited workspace package.json is noticed by a
 * plain install.
 */
class WorkspaceInstallDifferentialTest {
  @RegisterExtension final InstallFixture fx = InstallFixture.create();

  private Installer installer;

  @BeforeEach
  void start() {
    installer = fx.quietInstaller();
    fx.registry().publish("a", "1.0.0", Json.object(), Map.of("index.js", ""));
    fx.registry().publish("a", "1.1.0", Json.object(), Map.of("index.js", ""));
    fx.registry().publish("b", "2.0.0", Json.object(), Map.of("index.js", ""));
    fx.registry().publish("b", "2.3.0", Json.object(), Map.of("index.js", ""));
  }

  private Path project(String side) throws IOException {
    Path root =
        fx.project(
            side + "/proj",
            "{\n  \"name\": \"proj\",\n  \"version\": \"1.0.0\",\n  \"workspaces\": [\"packages/*\"]\n}\n");
    for (String w : List.of("w", "v")) {
      Path d = Files.createDirectories(root.resolve("packages").resolve(w));
      Files.writeString(
          d.resolve("package.json"),
          "{\n  \"name\": \"" + w + "\",\n  \"version\": \"0.1.0\"\n}\n");
    }
    return root;
  }

  private void npm(Path root, String... args) throws Exception {
    fx.npmOk(root, "install", args);
  }

  private void quoll(
      Path root,
      List<String> ws,
      boolean all,
      boolean includeRoot,
      DependencyType type,
      String... specs) {
    InstallRequest r =
        new InstallRequest(
            root,
            new Operation.Install(List.of(specs), type, false),
            true,
            Set.of(),
            false,
            false,
            ResolveOptions.DEFAULT);
    WorkspaceInstall.run(installer, r, ws, all, includeRoot);
  }

  private static void same(Path n, Path q, String step) throws IOException {
    for (String f :
        List.of(
            "package.json",
            "packages/w/package.json",
            "packages/v/package.json",
            "package-lock.json")) {
      assertEquals(Files.readString(n.resolve(f)), Files.readString(q.resolve(f)), step + ": " + f);
    }
    assertEquals(installed(n), installed(q), step + ": node_modules");
  }

  /** Folders and links of every node_modules (root and workspaces), without file contents. */
  private static String installed(Path root) {
    return TreeSnapshot.text(
        TreeSnapshot.of(
            root,
            false,
            rel ->
                TreeSnapshot.outsideNodeModules(rel)
                    || rel.startsWith("node_modules/.")
                    || rel.matches(".*/[^/]+\\.[a-z]+")));
  }

  @Test
  void specsGoWhereNpmPutsThem() throws Exception {
    Path n = project("npm");
    Path q = project("quoll");
    npm(n, "a", "-w", "w");
    quoll(q, List.of("w"), false, false, DependencyType.PROD, "a");
    same(n, q, "-w w a");
    assertTrue(Files.exists(q.resolve("node_modules/a/package.json")));

    npm(n, "b@^2.0.0", "-D", "-w", "packages/v", "--include-workspace-root");
    quoll(q, List.of("packages/v"), false, true, DependencyType.DEV, "b@^2.0.0");
    same(n, q, "-D -w packages/v --include-workspace-root b@^2.0.0");

    // a range that ^placed is a subset of is saved as ^placed (b@2.3.0 is already at the root)
    npm(n, "b@^2.0.0", "--workspaces");
    quoll(q, List.of(), true, false, DependencyType.PROD, "b@^2.0.0");
    same(n, q, "--workspaces b@^2.0.0");

    // a version the root's copy does not meet goes into packages/v/node_modules
    npm(n, "a@1.0.0", "-w", "v");
    quoll(q, List.of("v"), false, false, DependencyType.PROD, "a@1.0.0");
    same(n, q, "-w v a@1.0.0");
    assertTrue(Files.exists(q.resolve("packages/v/node_modules/a/package.json")));
  }

  @Test
  void unknownWorkspaceFailsAndChangesNothing() throws Exception {
    Path q = project("quoll");
    String before = Files.readString(q.resolve("packages/w/package.json"));
    ClientException e =
        assertThrows(
            ClientException.class,
            () -> quoll(q, List.of("nope"), false, false, DependencyType.PROD, "a"));
    assertEquals("ENOWORKSPACES", e.code());
    assertEquals(before, Files.readString(q.resolve("packages/w/package.json")));
    dev.quoll.core.CoreException e2 =
        assertThrows(
            dev.quoll.core.CoreException.class, // E404: npm's report, a ResolveException
            () -> quoll(q, List.of("w"), false, false, DependencyType.PROD, "nothere"));
    assertEquals(before, Files.readString(q.resolve("packages/w/package.json")));
    assertFalse(Files.exists(q.resolve("package-lock.json")), e2.getMessage());
  }

  @Test
  void editedWorkspacePackageJsonIsNotANoOp() throws Exception {
    Path q = project("quoll");
    installer.run(InstallRequest.of(q, Operation.Install.plain()));
    Files.writeString(
        q.resolve("packages/v/package.json"),
        "{\"name\":\"v\",\"version\":\"0.1.0\",\"dependencies\":{\"b\":\"2.0.0\"}}");
    InstallResult r = installer.run(InstallRequest.of(q, Operation.Install.plain()));
    assertFalse(r.fastPath());
    assertEquals(
        "2.0.0",
        Json.parse(Files.readString(q.resolve("node_modules/b/package.json")))
            .path("version")
            .asText());
  }

  @Test
  void projectScriptsRunOnlyWithoutSpecs() throws Exception {
    Path q = project("quoll");
    Files.writeString(
        q.resolve("package.json"),
        "{\"name\":\"proj\",\"version\":\"1.0.0\",\"workspaces\":[\"packages/*\"],"
            + "\"scripts\":{\"postinstall\":\"touch ran\"}}");
    quoll(q, List.of("w"), false, false, DependencyType.PROD, "a");
    assertFalse(Files.exists(q.resolve("ran")), "npm runs no project script with package args");
    installer.run(InstallRequest.of(q, Operation.Install.plain()));
    assertTrue(Files.exists(q.resolve("ran")));
  }
}
