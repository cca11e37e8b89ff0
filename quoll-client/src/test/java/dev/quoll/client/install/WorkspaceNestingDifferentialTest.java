package dev.quoll.client.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.testing.FakeRegistry;
import dev.quoll.client.testing.InstallSession;
import dev.quoll.client.testing.NpmCommand;
import dev.quoll.client.testing.TreeSnapshot;
import dev.quoll.core.json.Json;
import dev.quoll.core.path.FolderTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workspaces' own node_modules and {@code -w} filters against the real npm 11 CLI on a fake
 * registry: the root wants x@1, workspace w wants x@2 (with a bin) and workspace v wants x@2.0.0,
 * so copies land in {@code packages/<ws>/node_modules}. After each step of one sequence ({@code
 * install}, {@code ci}, {@code install -w}, {@code install --workspaces --include-workspace-root},
 * {@code ci -w}), both sides must have the same package-lock.json text, the same file tree of every
 * node_modules (paths, modes, links, .bin links) and the same hidden lockfile keys; {@code ls} and
 * {@code ls --all} (text and {@code --json}) print the workspaces' own dependencies as npm.
 */
class WorkspaceNestingDifferentialTest {
  @TempDir Path tmp;
  private FakeRegistry registry;
  private InstallSession session;
  private Installer installer;

  @BeforeEach
  void start() {
    registry = new FakeRegistry();
    registry.maxAge(0);
    session = InstallSession.open(registry, tmp.resolve("qc"));
    installer = session.installer().withScriptBanner(Optional.empty());
    registry.publish("x", "1.0.0", Json.object(), Map.of("index.js", "one"));
    ObjectNode bin = Json.object();
    bin.putObject("bin").put("xcmd", "cli.js");
    registry.publish("x", "2.0.0", bin, Map.of("cli.js", "#!/usr/bin/env node\n"));
    registry.publish("x", "2.1.0", bin, Map.of("cli.js", "#!/usr/bin/env node\n//2.1"));
    ObjectNode y = Json.object();
    y.putObject("dependencies").put("x", "^2.0.0");
    registry.publish("y", "1.0.0", y, Map.of("index.js", ""));
    registry.publish("z", "1.0.0", Json.object(), Map.of("index.js", ""));
  }

  @AfterEach
  void stop() {
    session.close();
    registry.close();
  }

  private Path project(String side) throws IOException {
    Path root = Files.createDirectories(tmp.resolve(side).resolve("proj"));
    Files.writeString(
        root.resolve("package.json"),
        """
        {"name":"proj","version":"1.0.0","workspaces":["packages/*"],
         "dependencies":{"x":"^1.0.0","z":"1.0.0"}}
        """);
    write(root, "w", "{\"name\":\"w\",\"version\":\"0.1.0\",\"dependencies\":{\"x\":\"^2.0.0\"}}");
    write(
        root,
        "v",
        "{\"name\":\"v\",\"version\":\"0.1.0\",\"dependencies\":{\"x\":\"2.0.0\",\"y\":\"1\"}}");
    return root;
  }

  private static void write(Path root, String ws, String json) throws IOException {
    Path d = Files.createDirectories(root.resolve("packages").resolve(ws));
    Files.writeString(d.resolve("package.json"), json);
  }

  private String npm(Path root, String command, String... args) throws Exception {
    return NpmCommand.runOk(registry, tmp, root, command, args);
  }

  private static void clean(Path root) throws IOException {
    for (String nm :
        List.of("node_modules", "packages/w/node_modules", "packages/v/node_modules")) {
      FolderTrees.delete(root.resolve(nm));
    }
  }

  /** Every node_modules below the project, file by file, and the hidden lockfile's keys. */
  private static String tree(Path root) throws IOException {
    StringBuilder b =
        new StringBuilder(
            TreeSnapshot.text(
                TreeSnapshot.of(
                    root,
                    true,
                    rel ->
                        TreeSnapshot.outsideNodeModules(rel)
                            || rel.endsWith(".package-lock.json")
                            || rel.endsWith(".quoll-noop"))));
    Path hidden = root.resolve("node_modules/.package-lock.json");
    if (Files.exists(hidden)) {
      List<String> keys = new ArrayList<>();
      Json.parse(Files.readString(hidden))
          .path("packages")
          .fieldNames()
          .forEachRemaining(keys::add);
      b.append("hidden ").append(keys).append('\n');
    }
    return b.toString();
  }

  private static void same(Path n, Path q, String step) throws IOException {
    assertEquals(
        Files.readString(n.resolve("package-lock.json")),
        Files.readString(q.resolve("package-lock.json")),
        step + ": package-lock.json");
    assertEquals(tree(n), tree(q), step + ": node_modules");
  }

  private void quoll(Path root, Operation op, List<String> ws, boolean all, boolean withRoot) {
    InstallRequest r = InstallRequest.of(root, op);
    if (ws.isEmpty() && !all) {
      installer.run(r);
    } else {
      installer.run(r, WorkspaceFilter.of(root, ws, all, withRoot));
    }
  }

  @Test
  void nestedCopiesAndWorkspaceFiltersAsNpm() throws Exception {
    Path n = project("npm");
    Path q = project("quoll");

    npm(n, "install");
    quoll(q, Operation.Install.plain(), List.of(), false, false);
    same(n, q, "install");
    assertTrue(Files.isSymbolicLink(q.resolve("packages/w/node_modules/.bin/xcmd")));
    for (boolean all : List.of(false, true)) {
      Listing listing = new Listing(InstalledTree.load(Project.read(n)), n, all, List.of());
      String[] flag = all ? new String[] {"--all"} : new String[0];
      assertEquals(npm(n, "ls", flag), listing.text(), "ls " + all);
      String[] json = all ? new String[] {"--all", "--json"} : new String[] {"--json"};
      assertEquals(Json.parse(npm(n, "ls", json)), listing.json(), "ls --json " + all);
    }

    clean(n);
    clean(q);
    npm(n, "ci");
    quoll(q, new Operation.Ci(), List.of(), false, false);
    same(n, q, "ci");

    clean(n);
    clean(q);
    npm(n, "install", "-w", "v");
    quoll(q, Operation.Install.plain(), List.of("v"), false, false);
    same(n, q, "install -w v");

    npm(n, "install", "-w", "packages/w");
    quoll(q, Operation.Install.plain(), List.of("packages/w"), false, false);
    same(n, q, "install -w packages/w");

    clean(n);
    clean(q);
    npm(n, "install", "--workspaces", "--include-workspace-root");
    quoll(q, Operation.Install.plain(), List.of(), true, true);
    same(n, q, "install --workspaces --include-workspace-root");

    npm(n, "ci", "-w", "w");
    quoll(q, new Operation.Ci(), List.of("w"), false, false);
    same(n, q, "ci -w w");

    // a conflicting edit in one workspace, then install of the other: the edited one is not
    // reified, but the lockfile has the whole new tree
    write(n, "v", "{\"name\":\"v\",\"version\":\"0.1.0\",\"dependencies\":{\"x\":\"2.1.0\"}}");
    write(q, "v", "{\"name\":\"v\",\"version\":\"0.1.0\",\"dependencies\":{\"x\":\"2.1.0\"}}");
    npm(n, "install", "-w", "w", "--include-workspace-root");
    quoll(q, Operation.Install.plain(), List.of("w"), false, true);
    same(n, q, "edited v, install -w w --include-workspace-root");

    npm(n, "install");
    quoll(q, Operation.Install.plain(), List.of(), false, false);
    same(n, q, "install after filtered installs");
  }
}
