package dev.quoll.client.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.ClientException;
import dev.quoll.client.config.ConfigSource;
import dev.quoll.client.config.NpmConfig;
import dev.quoll.client.reify.ReifyOptions;
import dev.quoll.client.testing.InstallFixture;
import dev.quoll.client.testing.NpmCommand;
import dev.quoll.client.tree.IdealTreeRequest.ResolveOptions;
import dev.quoll.core.json.Json;
import dev.quoll.core.manifest.DependencyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The deprecation and engines warnings against the real npm CLI on a fake registry: the {@code npm
 * warn deprecated} and {@code npm warn EBADENGINE} lines npm prints (stderr) must be the lines
 * Quoll's warnings give with npm's prefix (deprecations compared as a set, npm logs them as
 * extractions finish); {@code --force} drops the node check; {@code --engine-strict} fails with
 * {@code EBADENGINE} in both; {@code --json} prints npm's summary shape.
 */
class InstallWarningsDifferentialTest {
  @RegisterExtension final InstallFixture fx = InstallFixture.create();

  @BeforeEach
  void start() {
    ObjectNode old = Json.object();
    old.put("deprecated", "use 'new' instead");
    fx.registry().publish("old", "1.0.0", old, Map.of("index.js", ""));
    ObjectNode old2 = Json.parseObject("{\"dependencies\":{\"old\":\"1.0.0\"}}");
    old2.put("deprecated", "gone");
    fx.registry().publish("@s/old2", "2.0.0", old2, Map.of("index.js", ""));
    ObjectNode eng = Json.object();
    eng.putObject("engines").put("node", ">=99");
    fx.registry().publish("eng", "1.0.0", eng, Map.of("index.js", ""));
    ObjectNode engNpm = Json.object();
    engNpm.putObject("engines").put("npm", "<5").put("node", ">=0.1").put("yarn", "1.x");
    fx.registry().publish("eng-npm", "1.0.0", engNpm, Map.of("index.js", ""));
    ObjectNode fine = Json.object();
    fine.putObject("engines").put("node", ">=0.1");
    fx.registry().publish("fine", "1.0.0", fine, Map.of("index.js", ""));
  }

  private Path project(String name) throws IOException {
    return fx.project(
        name,
        "{\"name\":\"p\",\"version\":\"1.0.0\",\"dependencies\":{\"@s/old2\":\"2\",\"eng\":\"1\","
            + "\"eng-npm\":\"1\",\"fine\":\"1\"}}");
  }

  private NpmCommand.Result npm(Path root, String... args) throws Exception {
    return fx.npm(root, "install", args);
  }

  private InstallResult quoll(Path root, boolean force, boolean strict) {
    Map<String, String> cli = new HashMap<>(Map.of("registry", fx.registry().url()));
    if (strict) {
      cli.put("engine-strict", "true");
    }
    NpmConfig c = new NpmConfig(Map.of(ConfigSource.CLI, cli));
    Installer installer =
        fx.session().installer(c, ReifyOptions.defaults()).withScriptBanner(Optional.empty());
    return installer.run(
        new InstallRequest(
            root,
            new Operation.Install(List.of(), DependencyType.PROD, false),
            true,
            Set.of(),
            false,
            false,
            new ResolveOptions(false, force, false, false)));
  }

  private static List<String> lines(String stderr, String prefix) {
    return stderr.lines().filter(l -> l.startsWith(prefix)).sorted().toList();
  }

  private static List<String> lines(InstallResult r, String prefix) {
    List<String> out = new ArrayList<>();
    for (String w : r.warnings()) {
      for (String l : w.split("\n", -1)) {
        out.add(l.isEmpty() ? "npm warn" : "npm warn " + l);
      }
    }
    return out.stream().filter(l -> l.startsWith(prefix)).sorted().toList();
  }

  private static List<String> ordered(String stderr) {
    return stderr.lines().filter(l -> l.startsWith("npm warn EBADENGINE")).toList();
  }

  @Test
  void warningsAreNpms() throws Exception {
    NpmCommand.Result n = npm(project("npm"));
    assertEquals(0, n.exit(), n.stderr());
    InstallResult q = quoll(project("quoll"), false, false);
    assertEquals(lines(n.stderr(), "npm warn deprecated"), lines(q, "npm warn deprecated"));
    assertEquals(2, lines(q, "npm warn deprecated").size());
    List<String> qe = new ArrayList<>();
    for (String w : q.warnings()) {
      if (w.startsWith("EBADENGINE")) {
        w.lines().forEach(l -> qe.add("npm warn " + l));
      }
    }
    assertEquals(ordered(n.stderr()), qe);
  }

  @Test
  void forceSkipsTheNodeCheck() throws Exception {
    NpmCommand.Result n = npm(project("npm"), "--force");
    InstallResult q = quoll(project("quoll"), true, false);
    assertEquals(lines(n.stderr(), "npm warn EBADENGINE"), lines(q, "npm warn EBADENGINE"));
  }

  @Test
  void engineStrictFails() throws Exception {
    NpmCommand.Result n = npm(project("npm"), "--engine-strict");
    assertTrue(n.stderr().contains("npm error code EBADENGINE"), n.stderr());
    Path q = project("quoll");
    ClientException e = assertThrows(ClientException.class, () -> quoll(q, false, true));
    assertEquals("EBADENGINE", e.code());
    assertTrue(
        !Files.exists(q.resolve("node_modules")) && !Files.exists(q.resolve("package-lock.json")));
  }

  @Test
  void jsonSummaryHasNpmsShape() throws Exception {
    NpmCommand.Result n = npm(project("npm"), "--json");
    InstallResult q = quoll(project("quoll"), false, false);
    var npmJson = Json.parse(n.stdout().substring(n.stdout().indexOf('{')));
    var ours = q.changes().json(0, 0);
    List<String> keys = new ArrayList<>();
    npmJson.fieldNames().forEachRemaining(keys::add);
    List<String> ourKeys = new ArrayList<>();
    ours.fieldNames().forEachRemaining(ourKeys::add);
    assertEquals(keys, ourKeys);
    assertEquals(npmJson.path("added"), ours.path("added"));
    String base = fx.tmp().resolve("npm").toString();
    String qbase = fx.tmp().resolve("quoll").toString();
    assertEquals(
        npmJson.path("add").toString().replace(base, "<p>"),
        ours.path("add").toString().replace(qbase, "<p>"));
  }
}
