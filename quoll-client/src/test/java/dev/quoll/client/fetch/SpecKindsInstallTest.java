package dev.quoll.client.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.client.install.InstallRequest;
import dev.quoll.client.install.Installer;
import dev.quoll.client.install.Operation;
import dev.quoll.client.testing.FakeRegistry;
import dev.quoll.client.testing.InstallSession;
import dev.quoll.client.tree.IdealTreeRequest.ResolveOptions;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.Json;
import dev.quoll.core.manifest.DependencyType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec kinds where npm is not needed as an oracle: refusals and their all-or-nothing effect (a git
 * dependency whose preparation fails, a tampered {@code file:} tarball, a committish that names
 * nothing) and git committishes that only a clone resolves (a short commit).
 */
class SpecKindsInstallTest {
  @TempDir static Path tmp;
  private static FakeRegistry registry;
  private static InstallSession session;
  private static Installer installer;
  private static String prepareRepo;
  private static String tagsRepo;

  @BeforeAll
  static void start() throws IOException {
    SpecKindsFixture.requireTools(List.of("git"));
    registry = new FakeRegistry();
    session = InstallSession.open(registry, tmp.resolve("cache"));
    installer = session.installer();
    prepareRepo =
        SpecKindsFixture.gitRepo(
            tmp,
            "prep",
            List.of("{\"name\":\"prep\",\"version\":\"1.0.0\",\"scripts\":{\"prepare\":\"tsc\"}}"));
    tagsRepo =
        SpecKindsFixture.gitRepo(
            tmp,
            "tags",
            List.of(
                "{\"name\":\"tags\",\"version\":\"1.0.0\"}",
                "{\"name\":\"tags\",\"version\":\"2.0.0\"}"));
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      session.close();
      registry.close();
    }
  }

  private static Path project(String id, String deps) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(id));
    Files.writeString(
        dir.resolve("package.json"),
        "{\"name\":\"" + id + "\",\"version\":\"1.0.0\",\"dependencies\":{" + deps + "}}");
    return dir;
  }

  private static void install(Path dir, Operation op, boolean ignoreScripts) {
    installer.run(
        new InstallRequest(dir, op, true, Set.of(), ignoreScripts, false, ResolveOptions.DEFAULT));
  }

  @Test
  void gitDependencyWhosePrepareFailsIsRefusedWithScriptsAndPackedWithout() throws IOException {
    Path dir = project("prep-project", "\"prep\":\"" + prepareRepo + "\"");
    CoreException e =
        assertThrows(CoreException.class, () -> install(dir, Operation.Install.plain(), false));
    assertEquals("EGITPREPARE", e.code());
    assertTrue(e.getMessage().contains("git dep preparation failed"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("node_modules/prep")));
    assertFalse(Files.exists(dir.resolve("package-lock.json")));

    install(dir, Operation.Install.plain(), true);
    assertEquals(
        "1.0.0",
        Json.parse(Files.readString(dir.resolve("node_modules/prep/package.json")))
            .path("version")
            .asText());
  }

  @Test
  void tamperedFileTarballFailsCiAndLeavesNothing() throws IOException {
    Path dir = project("tamper", "\"t\":\"file:t-1.0.0.tgz\"");
    Files.write(dir.resolve("t-1.0.0.tgz"), tarball("1.0.0"));
    install(dir, Operation.Install.plain(), true);
    JsonNode lock = Json.parse(Files.readString(dir.resolve("package-lock.json")));
    assertEquals(
        "file:t-1.0.0.tgz", lock.path("packages").path("node_modules/t").path("resolved").asText());
    Files.write(dir.resolve("t-1.0.0.tgz"), tarball("6.6.6"));
    Path cache = tmp.resolve("cache/_cacache");
    deleteTree(cache);
    CoreException e =
        assertThrows(CoreException.class, () -> install(dir, new Operation.Ci(), true));
    assertEquals("EINTEGRITY", e.code());
    assertFalse(Files.exists(dir.resolve("node_modules/t")));
  }

  @Test
  void committishesResolveOrFail() throws IOException {
    Path bad = project("bad-ref", "\"tags\":\"" + tagsRepo + "#no-such-ref\"");
    CoreException e =
        assertThrows(CoreException.class, () -> install(bad, Operation.Install.plain(), true));
    assertEquals("ETARGET", e.code());

    String full =
        SpecKindsFixture.gitOutput(tmp.resolve("git-work-tags"), "rev-parse", "v1.0.0").strip();
    Path shortSha =
        project("short-sha", "\"tags\":\"" + tagsRepo + "#" + full.substring(0, 9) + "\"");
    install(shortSha, Operation.Install.plain(), true);
    JsonNode lock = Json.parse(Files.readString(shortSha.resolve("package-lock.json")));
    assertEquals(
        tagsRepo + "#" + full,
        lock.path("packages").path("node_modules/tags").path("resolved").asText());
    assertEquals("1.0.0", lock.path("packages").path("node_modules/tags").path("version").asText());

    Path added = project("added", "");
    install(
        added,
        new Operation.Install(List.of(tagsRepo + "#semver:^1"), DependencyType.PROD, false),
        true);
    JsonNode pkg = Json.parse(Files.readString(added.resolve("package.json")));
    assertEquals(tagsRepo + "#semver:^1", pkg.path("dependencies").path("tags").asText());
  }

  @Test
  void v1LockfileEntriesOfOtherKindsAreResolvedAgain() throws IOException {
    String deps = "\"t\":\"file:t-1.0.0.tgz\",\"tags\":\"" + tagsRepo + "#semver:^1\"";
    Path fresh = project("v1-fresh", deps);
    Path old = project("v1-old", deps);
    for (Path dir : List.of(fresh, old)) {
      Files.writeString(
          dir.resolve("package.json"),
          "{\"name\":\"v1\",\"version\":\"1.0.0\",\"dependencies\":{" + deps + "}}");
      Files.write(dir.resolve("t-1.0.0.tgz"), tarball("1.0.0"));
    }
    Files.writeString(
        old.resolve("package-lock.json"),
        v1Text(
            "{\"name\":\"v1\",\"version\":\"1.0.0\",\"lockfileVersion\":1,\"requires\":true,"
                + "\"dependencies\":{\"t\":{\"version\":\"file:t-1.0.0.tgz\",\"integrity\":"
                + "\"sha512-AAAA\"},\"tags\":{\"version\":\""
                + tagsRepo
                + "#0000000000000000000000000000000000000000\",\"from\":\""
                + tagsRepo
                + "#semver:^1\"}}}"));
    install(fresh, Operation.Install.plain(), true);
    install(old, Operation.Install.plain(), true);
    assertEquals(
        Files.readString(fresh.resolve("package-lock.json")),
        Files.readString(old.resolve("package-lock.json")));
    assertEquals(
        "1.0.0",
        Json.parse(Files.readString(old.resolve("node_modules/tags/package.json")))
            .path("version")
            .asText());
  }

  /** A lockfile text indented as npm 6 wrote it. */
  private static String v1Text(String json) {
    return Json.stringify(Json.parse(json), "  ") + "\n";
  }

  private static byte[] tarball(String version) {
    return FakeRegistry.tgz(
        Map.of(
            "package/package.json",
            ("{\"name\":\"t\",\"version\":\"" + version + "\"}").getBytes(StandardCharsets.UTF_8)),
        Map.of());
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
