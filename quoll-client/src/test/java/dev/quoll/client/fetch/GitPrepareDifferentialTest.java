package dev.quoll.client.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.ClientException;
import dev.quoll.client.install.InstallRequest;
import dev.quoll.client.install.Installer;
import dev.quoll.client.install.Operation;
import dev.quoll.client.testing.FakeRegistry;
import dev.quoll.client.testing.InstallSession;
import dev.quoll.client.testing.NpmCommand;
import dev.quoll.client.testing.TreeSnapshot;
import dev.quoll.client.tree.IdealTreeRequest.ResolveOptions;
import dev.quoll.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Git dependencies that need preparing (pacote 21's {@code GitFetcher}) against the real npm 11
 * CLI, with local bare repositories ({@code git+file://}) and a fake registry: the repository's
 * {@code prepare} script needs its devDependency and appends a line to {@code dist/out.js}, the
 * only folder its {@code files} lists. After {@code install}, {@code ci}, and {@code install
 * --ignore-scripts} (unprepared), both sides must have the same package-lock.json text and the same
 * node_modules files (paths, modes, contents: so prepare ran as often as in npm, with the dev
 * dependency installed); a failing prepare fails both, and Quoll with {@code EGITPREPARE} leaving
 * nothing behind.
 */
class GitPrepareDifferentialTest {
  @TempDir Path tmp;
  private FakeRegistry registry;
  private InstallSession session;
  private Installer installer;
  private String goodRepo;
  private String badRepo;

  @BeforeEach
  void start() throws IOException {
    SpecKindsFixture.requireTools();
    registry = new FakeRegistry();
    registry.maxAge(0);
    session = InstallSession.open(registry, tmp.resolve("qc"));
    installer = session.installer().withScriptBanner(Optional.empty());
    registry.publish("devx", "3.1.4", Json.object(), Map.of("index.js", ""));
    registry.publish("y", "1.0.0", Json.object(), Map.of("index.js", ""));
    ObjectNode good = Json.object();
    good.put("name", "gd");
    good.put("version", "1.2.3");
    good.putArray("files").add("dist");
    good.put("main", "dist/out.js");
    good.putObject("scripts")
        .put(
            "prepare",
            "node -e \"const fs=require('fs');fs.mkdirSync('dist',{recursive:true});"
                + "fs.appendFileSync('dist/out.js','// devx '+require('devx/package.json').version"
                + "+'\\\\n')\"");
    good.putObject("dependencies").put("y", "^1.0.0");
    good.putObject("devDependencies").put("devx", "3.1.4");
    goodRepo = SpecKindsFixture.gitRepo(tmp, "gd", List.of(Json.stringify(good, "  ")));
    ObjectNode bad = Json.object();
    bad.put("name", "bad");
    bad.put("version", "0.0.1");
    bad.putObject("scripts").put("prepare", "exit 3");
    badRepo = SpecKindsFixture.gitRepo(tmp, "bad", List.of(Json.stringify(bad, "  ")));
  }

  @AfterEach
  void stop() {
    session.close();
    registry.close();
  }

  private Path project(String id, String repo) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(id));
    Files.writeString(
        dir.resolve("package.json"),
        "{\"name\":\"proj\",\"version\":\"1.0.0\",\"dependencies\":{\"dep\":\"" + repo + "\"}}");
    return dir;
  }

  /** Runs npm with its own cache {@code cacheId} (npm caches packed git dependencies). */
  private int npm(Path dir, String cacheId, String command, String... args) throws Exception {
    Path npmTmp = Files.createDirectories(tmp.resolve("npm-" + cacheId));
    return NpmCommand.run(registry, npmTmp, dir, command, args).exit();
  }

  private void quoll(Path dir, Operation op, boolean ignoreScripts) {
    installer.run(
        new InstallRequest(dir, op, true, Set.of(), ignoreScripts, false, ResolveOptions.DEFAULT));
  }

  private static String tree(Path dir) {
    return TreeSnapshot.text(
        TreeSnapshot.of(
            dir.resolve("node_modules"),
            true,
            rel -> rel.startsWith(".package-lock.json") || rel.startsWith(".quoll")));
  }

  private static void same(Path n, Path q, String step) throws IOException {
    assertEquals(
        Files.readString(n.resolve("package-lock.json")),
        Files.readString(q.resolve("package-lock.json")),
        step + ": package-lock.json");
    assertEquals(tree(n), tree(q), step + ": node_modules");
  }

  private static void clean(Path dir) throws IOException {
    try (var walk = Files.walk(dir.resolve("node_modules"))) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void preparedLikeNpm() throws Exception {
    Path n = project("npm", goodRepo);
    Path q = project("quoll", goodRepo);
    assertEquals(0, npm(n, "a", "install"));
    quoll(q, Operation.Install.plain(), false);
    same(n, q, "install");
    String out = Files.readString(q.resolve("node_modules/dep/dist/out.js"));
    assertTrue(out.contains("// devx 3.1.4"), out);
    assertFalse(Files.exists(q.resolve("node_modules/devx")), "dev deps of the clone stay there");

    clean(n);
    clean(q);
    assertEquals(0, npm(n, "a", "ci"));
    quoll(q, new Operation.Ci(), false);
    same(n, q, "ci");

    Path ni = project("npm-ignore", goodRepo);
    Path qi = project("quoll-ignore", goodRepo);
    assertEquals(0, npm(ni, "b", "install", "--ignore-scripts"));
    quoll(qi, Operation.Install.plain(), true);
    same(ni, qi, "install --ignore-scripts");
    assertFalse(Files.exists(qi.resolve("node_modules/dep/dist")));

    Path nb = project("npm-bad", badRepo);
    Path qb = project("quoll-bad", badRepo);
    assertTrue(npm(nb, "c", "install") != 0, "npm refuses a failing prepare");
    ClientException e =
        assertThrows(ClientException.class, () -> quoll(qb, Operation.Install.plain(), false));
    assertEquals("EGITPREPARE", e.code());
    assertTrue(e.getMessage().contains("git dep preparation failed"), e.getMessage());
    assertFalse(Files.exists(qb.resolve("package-lock.json")));
    assertFalse(Files.exists(qb.resolve("node_modules/dep")));
  }

  /**
   * The checkout's own {@code .npmrc} applies to the nested install (npm runs it inside the
   * checkout): {@code ignore-scripts} (so the checkout's {@code prepare} runs once, DirFetcher's,
   * not twice), {@code legacy-peer-deps} (the dev dependency's peer is not installed) and a scoped
   * registry only the checkout knows.
   */
  @Test
  void checkoutNpmrcLikeNpm() throws Exception {
    try (FakeRegistry scoped = new FakeRegistry()) {
      scoped.maxAge(0);
      scoped.publish("@sc/tool", "1.0.0", Json.object(), Map.of("index.js", ""));
      registry.publish("peerx", "1.0.0", Json.object(), Map.of("index.js", ""));
      ObjectNode devp = Json.object();
      devp.putObject("peerDependencies").put("peerx", "^1.0.0");
      registry.publish("devp", "1.0.0", devp, Map.of("index.js", ""));
      ObjectNode m = Json.object();
      m.put("name", "np");
      m.put("version", "1.0.0");
      m.putArray("files").add("dist");
      m.putObject("scripts")
          .put(
              "prepare",
              "node -e \"const fs=require('fs');fs.mkdirSync('dist',{recursive:true});"
                  + "fs.appendFileSync('dist/out.js','// peer '+fs.existsSync('node_modules/peerx')"
                  + "+' tool '+require('@sc/tool/package.json').version+'\\\\n')\"");
      ObjectNode dev = m.putObject("devDependencies");
      dev.put("@sc/tool", "1.0.0");
      dev.put("devp", "1.0.0");
      Path work = Files.createDirectories(tmp.resolve("git-work-np"));
      Files.writeString(
          work.resolve(".npmrc"),
          "ignore-scripts=true\nlegacy-peer-deps=true\n@sc:registry=" + scoped.url() + "\n");
      String repo = SpecKindsFixture.gitRepo(tmp, "np", List.of(Json.stringify(m, "  ")));
      Path n = project("npm-rc", repo);
      Path q = project("quoll-rc", repo);
      assertEquals(0, npm(n, "d", "install"));
      quoll(q, Operation.Install.plain(), false);
      same(n, q, "install with the checkout's .npmrc");
      assertEquals(
          "// peer false tool 1.0.0\n",
          Files.readString(q.resolve("node_modules/dep/dist/out.js")));
    }
  }
}
