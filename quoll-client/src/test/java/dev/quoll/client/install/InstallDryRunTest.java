package dev.quoll.client.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.client.testing.InstallFixture;
import dev.quoll.client.tree.IdealTreeRequest.ResolveOptions;
import dev.quoll.core.json.Json;
import dev.quoll.core.manifest.DependencyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --dry-run}: npm's change lines and counts, and not one file of the project created,
 * changed or deleted (package.json, the lockfile, node_modules and its hidden lockfile); the {@code
 * --json} lists behind the counts.
 */
class InstallDryRunTest {
  @RegisterExtension final InstallFixture fx = InstallFixture.create();

  private Installer installer;
  private Path root;

  @BeforeEach
  void start() throws IOException {
    installer = fx.quietInstaller();
    root = fx.project("p", "{\"name\":\"p\",\"version\":\"1.0.0\"}\n");
    fx.registry().publish("a", "1.0.0", Json.object(), Map.of("index.js", ""));
    fx.registry().publish("a", "1.1.0", Json.object(), Map.of("index.js", ""));
    fx.registry().publish("b", "1.0.0", Json.object(), Map.of("index.js", ""));
    fx.registry().publish("c", "1.0.0", Json.object(), Map.of("index.js", ""));
  }

  private InstallResult run(Operation op, boolean dryRun) {
    return installer.run(
        new InstallRequest(root, op, true, Set.of(), false, dryRun, ResolveOptions.DEFAULT));
  }

  private static Operation add(String... specs) {
    return new Operation.Install(List.of(specs), DependencyType.PROD, false);
  }

  private Map<String, String> snapshot() throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        String key = root.relativize(p).toString();
        out.put(
            key,
            Files.isRegularFile(p)
                ? Files.readString(p) + "@" + Files.getLastModifiedTime(p)
                : "dir@" + Files.getLastModifiedTime(p));
      }
    }
    return out;
  }

  @Test
  void dryRunReportsAndChangesNothing() throws IOException {
    run(add("a@1.0.0", "b"), false);
    Map<String, String> before = snapshot();
    InstallResult r = run(add("a@1.1.0", "c"), true);
    assertEquals(snapshot(), before);
    assertEquals(1, r.added());
    assertEquals(1, r.changed());
    assertEquals(List.of("add c 1.0.0", "change a 1.0.0 => 1.1.0"), r.actions());
    assertEquals("added 1 package, and changed 1 package in 1s", r.summary("1s"));
    var json = r.changes().json(0, 0);
    assertEquals("a", json.at("/change/0/to/name").asText());
    assertEquals("1.0.0", json.at("/change/0/from/version").asText());
    assertEquals(root.resolve("node_modules/c").toString(), json.at("/add/0/path").asText());
  }

  @Test
  void dryRunOfAFreshProjectCreatesNoFolder() throws IOException {
    InstallResult r = run(add("a"), true);
    assertEquals(1, r.added());
    assertFalse(Files.exists(root.resolve("node_modules")));
    assertFalse(Files.exists(root.resolve("package-lock.json")));
    assertEquals(
        "{\"name\":\"p\",\"version\":\"1.0.0\"}\n", Files.readString(root.resolve("package.json")));
  }

  @Test
  void uninstallJsonListsTheRemovedPackages() throws IOException {
    run(add("a@1.0.0", "b"), false);
    InstallResult r = run(new Operation.Uninstall(List.of("b")), false);
    var json = r.changes().json(0, 0);
    assertEquals(1, json.path("removed").asInt());
    assertEquals("b", json.at("/remove/0/name").asText());
    assertEquals("1.0.0", json.at("/remove/0/version").asText());
    assertTrue(json.at("/remove/0/path").asText().endsWith("node_modules/b"));
  }
}
