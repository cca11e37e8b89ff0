package dev.quoll.client.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.testing.FakeRegistry;
import dev.quoll.client.testing.InstallSession;
import dev.quoll.client.testing.NpmCommand;
import dev.quoll.client.tree.Engines;
import dev.quoll.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code outdated --json} against the real npm 11 CLI on one installed project (so locations are
 * the same): {@code wanted} and {@code latest} are npm-pick-manifest's picks with the node on the
 * PATH, so a newer version whose {@code engines} refuses this node, or a deprecated {@code latest}
 * dist-tag, is not what npm reports.
 */
class OutdatedDifferentialTest {
  @TempDir Path tmp;
  private FakeRegistry registry;
  private InstallSession session;

  @BeforeEach
  void start() {
    registry = new FakeRegistry();
    registry.maxAge(0);
    session = InstallSession.open(registry, tmp.resolve("qc"));
    ObjectNode futureNode = Json.object();
    futureNode.putObject("engines").put("node", ">=999");
    ObjectNode deprecated = Json.object();
    deprecated.put("deprecated", "do not use");
    registry.publish("e", "1.0.0", Json.object(), Map.of());
    registry.publish("e", "1.1.0", futureNode, Map.of());
    registry.publish("d", "1.0.0", Json.object(), Map.of());
    registry.publish("d", "1.2.0", Json.object(), Map.of());
    registry.publish("d", "2.0.0", deprecated, Map.of());
    registry.publish("f", "1.0.0", Json.object(), Map.of());
    registry.publish("f", "2.0.0", Json.object(), Map.of());
    registry.publish("g", "1.0.0", Json.object(), Map.of());
    registry.publish("g", "1.5.0", futureNode, Map.of());
    registry.publish("g", "1.9.0", deprecated, Map.of());
  }

  @AfterEach
  void stop() {
    session.close();
    registry.close();
  }

  @Test
  void wantedAndLatestAsNpmPicksThem() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("proj"));
    Files.writeString(
        dir.resolve("package.json"),
        "{\"name\":\"proj\",\"version\":\"1.0.0\",\"dependencies\":"
            + "{\"e\":\"1.0.0\",\"d\":\"1.0.0\",\"f\":\"1.0.0\",\"g\":\"1.0.0\"}}");
    session
        .installer()
        .withScriptBanner(Optional.empty())
        .run(InstallRequest.of(dir, Operation.Install.plain()));
    Files.writeString(
        dir.resolve("package.json"),
        "{\"name\":\"proj\",\"version\":\"1.0.0\",\"dependencies\":"
            + "{\"e\":\"^1.0.0\",\"d\":\"^1.0.0\",\"f\":\"^1.0.0\",\"g\":\"^1.0.0\"}}");

    NpmCommand.Result npm = NpmCommand.run(registry, tmp, dir, "outdated", "--json");
    if (npm.exit() == -1) {
      fail("npm outdated timed out");
    }
    List<Outdated.Row> rows =
        Outdated.of(InstalledTree.load(Project.read(dir)), session.packuments, Engines.detect());
    assertEquals(Json.parse(npm.stdout()), Outdated.json(rows, dir), "outdated --json");
    assertEquals(List.of("d", "f"), rows.stream().map(Outdated.Row::name).toList());
    assertEquals("1.2.0", rows.get(0).latest(), "a deprecated latest dist-tag is passed over");
  }
}
