package dev.quoll.client.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.client.testing.InstallFixture;
import dev.quoll.client.testing.TreeSnapshot;
import dev.quoll.client.tree.IdealTreeRequest.ResolveOptions;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.Json;
import dev.quoll.core.manifest.DependencyType;
import dev.quoll.core.path.FolderTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The install operation on a fake registry: what each command writes to package.json, the lockfile
 * and node_modules, the hidden-lockfile fast path, {@code ci}'s refusals, and that a failed install
 * leaves every file as it was.
 */
class InstallerTest {
  @RegisterExtension final InstallFixture fx = InstallFixture.fastRetries();

  private Installer installer;
  private Path root;

  @BeforeEach
  void start() throws IOException {
    installer = fx.session().installer();
    root = fx.project("project", "{\n  \"name\": \"root\",\n  \"version\": \"1.0.0\"\n}\n");
    fx.registry()
        .publish(
            "b", "1.0.0", Json.parseObject("{}"), Map.of("package/index.js", "module.exports=1"));
    fx.registry()
        .publish(
            "a",
            "1.0.0",
            Json.parseObject("{\"dependencies\":{\"b\":\"^1.0.0\"}}"),
            Map.of("package/index.js", "module.exports=require('b')"));
    fx.registry()
        .publish(
            "a",
            "1.1.0",
            Json.parseObject("{\"dependencies\":{\"b\":\"^1.0.0\"}}"),
            Map.of("package/index.js", "module.exports=require('b')"));
    fx.registry().publish("d", "2.0.0", Json.parseObject("{}"), Map.of("package/index.js", ""));
  }

  private InstallResult run(Operation op) {
    return installer.run(InstallRequest.of(root, op));
  }

  private static Operation add(DependencyType type, boolean exact, String... specs) {
    return new Operation.Install(List.of(specs), type, exact);
  }

  private JsonNode json(String file) throws IOException {
    return Json.parse(Files.readString(root.resolve(file)));
  }

  private String version(String loc) throws IOException {
    return json(loc + "/package.json").path("version").asText();
  }

  @Test
  void addSavesCaretVersionWritesLockfilesAndPlacesTheTree() throws IOException {
    InstallResult r = run(add(DependencyType.PROD, false, "a"));
    assertEquals(2, r.added());
    assertEquals("^1.1.0", json("package.json").at("/dependencies/a").asText());
    JsonNode lock = json("package-lock.json");
    assertEquals("1.1.0", lock.at("/packages/node_modules~1a/version").asText());
    assertEquals("1.0.0", lock.at("/packages/node_modules~1b/version").asText());
    assertEquals("^1.1.0", lock.at("/packages//dependencies/a").asText(""));
    assertEquals("1.1.0", version("node_modules/a"));
    assertEquals("1.0.0", version("node_modules/b"));
    JsonNode hidden = json("node_modules/.package-lock.json");
    assertEquals(
        List.of("node_modules/a", "node_modules/b"),
        hidden.path("packages").properties().stream().map(Map.Entry::getKey).toList());
    assertEquals("added 2 packages in 1s", r.summary("1s"));
  }

  /**
   * A reinstall from the lockfile into an empty node_modules (scenario B) leaves an unchanged
   * package-lock.json as it is (same bytes, same inode: not rewritten) and writes the hidden one.
   */
  @Test
  void anUnchangedLockfileIsNotRewritten() throws IOException {
    run(add(DependencyType.PROD, false, "a"));
    Path lock = root.resolve("package-lock.json");
    String before = Files.readString(lock);
    Object inode = Files.getAttribute(lock, "unix:ino");
    FolderTrees.delete(root.resolve("node_modules"));
    InstallResult r = run(new Operation.Install(List.of(), DependencyType.PROD, false));
    assertEquals(2, r.added());
    assertEquals(before, Files.readString(lock));
    assertEquals(inode, Files.getAttribute(lock, "unix:ino"));
    assertEquals(
        List.of("node_modules/a", "node_modules/b"),
        json("node_modules/.package-lock.json").path("packages").properties().stream()
            .map(Map.Entry::getKey)
            .toList());
    run(add(DependencyType.PROD, false, "d"));
    assertEquals(
        "2.0.0", json("package-lock.json").at("/packages/node_modules~1d/version").asText());
  }

  @Test
  void rangesAreSavedAsNpmDoes() throws IOException {
    run(add(DependencyType.PROD, false, "a@^1"));
    assertEquals("^1.1.0", json("package.json").at("/dependencies/a").asText());
    run(add(DependencyType.PROD, false, "a@>=1.0.0 <1.1.0"));
    assertEquals(">=1.0.0 <1.1.0", json("package.json").at("/dependencies/a").asText());
    run(add(DependencyType.DEV, true, "d@latest"));
    assertEquals("2.0.0", json("package.json").at("/devDependencies/d").asText());
    assertTrue(json("package-lock.json").at("/packages/node_modules~1d/dev").asBoolean());
  }

  /**
   * The bundled dependencies that arrive inside a tarball are read back into the lockfile and the
   * hidden lockfile ({@code inBundle}), as npm's reify does; the next plain install is the fast
   * path and {@code ci} installs the same tree (found on the alias-optional fixture: tap 16).
   */
  @Test
  void bundledDependenciesAreRecordedInBothLockfiles() throws IOException {
    fx.registry()
        .publish(
            "lib",
            "1.0.0",
            Json.parseObject("{\"dependencies\":{\"x\":\"^1\"},\"bundleDependencies\":[\"x\"]}"),
            Map.of(
                "package/index.js",
                "module.exports=require('x')",
                "package/node_modules/x/package.json",
                "{\"name\":\"x\",\"version\":\"1.2.3\",\"license\":\"MIT\"}"));
    run(add(DependencyType.PROD, false, "lib"));
    for (String file : List.of("package-lock.json", "node_modules/.package-lock.json")) {
      JsonNode x = json(file).path("packages").path("node_modules/lib/node_modules/x");
      assertEquals("1.2.3", x.path("version").asText(), file);
      assertTrue(x.path("inBundle").asBoolean(), file);
      assertEquals("MIT", x.path("license").asText(), file);
      assertTrue(x.path("resolved").isMissingNode(), file);
    }
    assertTrue(run(Operation.Install.plain()).fastPath());
    String lock = Files.readString(root.resolve("package-lock.json"));
    run(new Operation.Ci());
    assertEquals("1.2.3", version("node_modules/lib/node_modules/x"));
    assertEquals(lock, Files.readString(root.resolve("package-lock.json")));
  }

  @Test
  void plainInstallWithNothingChangedIsTheFastPath() throws IOException {
    run(add(DependencyType.PROD, false, "a"));
    fx.registry().clearRequests();
    InstallResult again = run(Operation.Install.plain());
    assertTrue(again.fastPath());
    assertEquals(0, again.added() + again.removed() + again.changed());
    assertEquals(List.of(), fx.registry().requests());
    Files.writeString(root.resolve("node_modules/b/extra.js"), "");
    Files.setLastModifiedTime(
        root.resolve("node_modules/b"),
        java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(60)));
    assertFalse(run(Operation.Install.plain()).fastPath(), "a folder changed after the install");
  }

  @Test
  void noSaveChangesNeitherPackageJsonNorTheLockfile() throws IOException {
    String before = Files.readString(root.resolve("package.json"));
    installer.run(
        new InstallRequest(
            root,
            add(DependencyType.PROD, false, "a"),
            false,
            Set.of(),
            false,
            false,
            ResolveOptions.DEFAULT));
    assertEquals(before, Files.readString(root.resolve("package.json")));
    assertFalse(Files.exists(root.resolve("package-lock.json")));
    assertEquals("1.1.0", version("node_modules/a"));
  }

  @Test
  void uninstallRemovesFromEverywhere() throws IOException {
    run(add(DependencyType.PROD, false, "a", "d"));
    InstallResult r = run(new Operation.Uninstall(List.of("a")));
    assertEquals(2, r.removed());
    assertFalse(json("package.json").path("dependencies").has("a"));
    assertFalse(Files.exists(root.resolve("node_modules/a")));
    assertFalse(Files.exists(root.resolve("node_modules/b")));
    assertFalse(json("package-lock.json").path("packages").has("node_modules/b"));
    assertEquals("2.0.0", version("node_modules/d"));
  }

  @Test
  void updateMovesToTheNewestAllowedVersionWithoutTouchingPackageJson() throws IOException {
    Files.writeString(
        root.resolve("package.json"), "{\"name\":\"root\",\"dependencies\":{\"a\":\"^1.0.0\"}}");
    fx.registry()
        .publish(
            "a",
            "1.2.0",
            Json.parseObject("{\"dependencies\":{\"b\":\"^1.0.0\"}}"),
            Map.of("package/index.js", ""));
    run(Operation.Install.plain());
    String pj = Files.readString(root.resolve("package.json"));
    // pin the lockfile back to 1.0.0 through a lockfile edit, then update
    String lock = Files.readString(root.resolve("package-lock.json"));
    assertTrue(lock.contains("\"version\": \"1.2.0\""), lock);
    InstallResult r = run(new Operation.Update(List.of("a")));
    assertEquals(0, r.changed(), "already the newest");
    assertEquals(pj, Files.readString(root.resolve("package.json")));
  }

  @Test
  void ciRefusesWithoutALockfileAndWhenOutOfSync() throws IOException {
    CoreException none = assertThrows(CoreException.class, () -> run(new Operation.Ci()));
    assertEquals("EUSAGE", none.code());
    run(add(DependencyType.PROD, false, "a"));
    Files.writeString(
        root.resolve("package.json"),
        "{\"name\":\"root\",\"version\":\"1.0.0\",\"dependencies\":{\"a\":\"^1.1.0\",\"d\":\"^2\"}}");
    CoreException stale = assertThrows(CoreException.class, () -> run(new Operation.Ci()));
    assertEquals("EUSAGE", stale.code());
    assertTrue(stale.getMessage().contains("Missing: d@2.0.0 from lock file"), stale.getMessage());
    assertTrue(Files.exists(root.resolve("node_modules/a")), "ci refused before touching anything");
  }

  @Test
  void ciInstallsExactlyTheLockfileFromAnEmptyNodeModules() throws IOException {
    run(add(DependencyType.PROD, false, "a"));
    String lock = Files.readString(root.resolve("package-lock.json"));
    Files.createDirectories(root.resolve("node_modules/stray"));
    Files.writeString(root.resolve("node_modules/stray/package.json"), "{}");
    InstallResult r = run(new Operation.Ci());
    assertEquals(2, r.added());
    assertFalse(Files.exists(root.resolve("node_modules/stray")));
    assertEquals(lock, Files.readString(root.resolve("package-lock.json")));
    assertEquals("1.0.0", version("node_modules/b"));
  }

  @Test
  void aReinstallFromTheLockfileLinksAheadAndAnInstallThatFailsLeavesNoNodeModules()
      throws IOException {
    installer = fx.session().installerLinkingFromStore();
    run(add(DependencyType.PROD, false, "a"));
    Path nm = root.resolve("node_modules");
    Map<String, String> first = TreeSnapshot.of(root, true, rel -> false);
    deleteTree(nm);
    InstallResult r = run(Operation.Install.plain()); // PlaceAhead starts: no node_modules
    assertEquals(2, r.added());
    assertEquals(first, TreeSnapshot.of(root, true, rel -> false));
    try (var names = Files.list(nm)) {
      assertEquals(
          List.of(), names.filter(p -> p.getFileName().toString().startsWith(".quoll")).toList());
    }

    deleteTree(nm);
    Files.writeString(
        root.resolve("package.json"),
        "{\"name\":\"root\",\"version\":\"1.0.0\",\"dependencies\":{\"a\":\"^1.1.0\",\"d\":\"^2\"}}");
    CoreException stale = assertThrows(CoreException.class, () -> run(new Operation.Ci()));
    assertEquals("EUSAGE", stale.code());
    assertFalse(Files.exists(nm), "the refused ci left node_modules (placed ahead) behind");
  }

  @Test
  void wrongIntegrityIsRefusedWhenLinkingFromTheStoreToo() throws IOException {
    installer = fx.session().installerLinkingFromStore();
    wrongIntegrityInTheLockfileIsRefusedAndNothingChanges();
    assertFalse(Files.exists(root.resolve("node_modules")));
  }

  @Test
  void wrongIntegrityInTheLockfileIsRefusedAndNothingChanges() throws IOException {
    run(add(DependencyType.PROD, false, "a"));
    Path nm = root.resolve("node_modules");
    deleteTree(nm);
    String lock = Files.readString(root.resolve("package-lock.json"));
    String integrity = json("package-lock.json").at("/packages/node_modules~1b/integrity").asText();
    String bad =
        integrity.substring(0, 10)
            + (integrity.charAt(10) == 'A' ? 'B' : 'A')
            + integrity.substring(11);
    String tampered = lock.replace(integrity, bad);
    Files.writeString(root.resolve("package-lock.json"), tampered);
    String pj = Files.readString(root.resolve("package.json"));
    for (Operation op : List.of(new Operation.Ci(), Operation.Install.plain())) {
      CoreException e = assertThrows(CoreException.class, () -> run(op));
      assertEquals("EINTEGRITY", e.code(), e.getMessage());
      assertTrue(e.getMessage().contains("b@1.0.0"), e.getMessage());
      assertFalse(Files.exists(nm.resolve("a")), op + " left a package behind");
      assertEquals(tampered, Files.readString(root.resolve("package-lock.json")));
      assertEquals(pj, Files.readString(root.resolve("package.json")));
    }
  }

  @Test
  void omitDevKeepsDevInTheLockfileButNotOnDisk() throws IOException {
    run(add(DependencyType.PROD, false, "a"));
    run(add(DependencyType.DEV, false, "d"));
    deleteTree(root.resolve("node_modules"));
    installer.run(
        new InstallRequest(
            root,
            new Operation.Ci(),
            false,
            Omit.parse(List.of("dev")),
            false,
            false,
            ResolveOptions.DEFAULT));
    assertFalse(Files.exists(root.resolve("node_modules/d")));
    assertTrue(Files.exists(root.resolve("node_modules/a")));
    assertTrue(json("package-lock.json").path("packages").has("node_modules/d"));
    assertFalse(json("node_modules/.package-lock.json").path("packages").has("node_modules/d"));
    assertFalse(run(Operation.Install.plain()).fastPath(), "dev is missing on disk");
    assertTrue(Files.exists(root.resolve("node_modules/d")));
  }

  @Test
  void summaryReadsLikeNpm() {
    assertEquals(
        "up to date in 300ms",
        new InstallResult(0, 0, 0, 5, true, List.of(), List.of()).summary("300ms"));
    assertEquals(
        "added 1 package, and removed 2 packages in 2s",
        new InstallResult(1, 2, 0, 1, false, List.of(), List.of()).summary("2s"));
    assertEquals(
        "added 3 packages, removed 1 package, and changed 1 package in 1m",
        new InstallResult(3, 1, 1, 1, false, List.of(), List.of()).summary("1m"));
    assertEquals("1s", InstallResult.ms(1499));
    assertEquals("999ms", InstallResult.ms(999));
  }

  private static void deleteTree(Path p) {
    FolderTrees.delete(p);
  }
}
