package dev.quoll.client.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.ClientException;
import dev.quoll.core.json.Json;
import dev.quoll.testkit.NpmOracle;
import dev.quoll.testkit.OraclePackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link WorkspaceGlobs} against @npmcli/map-workspaces (the version npm 11.19.1 bundles) on
 * generated folder trees and pattern lists: the same names, folders and order, or the same error
 * code. Every case is a folder on disk; all cases go to one node run.
 */
class WorkspaceGlobsOracleTest {
  private static final String SCRIPT =
      """
      const mapWorkspaces = require('@npmcli/map-workspaces');
      const path = require('path');
      (async () => {
        const out = [];
        for (const c of input) {
          try {
            const m = await mapWorkspaces({ cwd: c.cwd, pkg: { workspaces: c.workspaces } });
            out.push([...m].map(([k, v]) => [k, path.relative(c.cwd, v)]));
          } catch (e) {
            out.push({ code: e.code || String(e) });
          }
        }
        output(out);
      })();
      """;

  private static final List<String> DIRS =
      List.of(
          "packages/a",
          "packages/b",
          "packages/b/nested",
          "packages/B2",
          "packages/.hidden",
          "packages/@scope/c",
          "packages/node_modules/x",
          "apps/web",
          "apps/api",
          "apps/api/sub/deep",
          "libs/one",
          "libs/two-x",
          "tools",
          "tools/t1");

  private static final List<String> PATTERNS =
      List.of(
          "packages/*",
          "packages/**",
          "./apps/*",
          "/libs/*",
          "apps/**",
          "!packages/b",
          "!packages/b/**",
          "!!apps/web",
          "!apps/api",
          "packages/b/nested",
          "packages/@scope/*",
          "libs/{one,two-x}",
          "libs/t*",
          "packages/[ab]",
          "packages/?",
          "tools",
          "tools/",
          "**",
          "*/*",
          "packages/.*",
          "missing/*",
          "!**/nested");

  @Test
  void matchesMapWorkspaces(@TempDir Path tmp) throws IOException {
    Random rnd = new Random(7);
    ArrayNode input = JsonNodeFactory.instance.arrayNode();
    List<Path> roots = new ArrayList<>();
    List<JsonNode> lists = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      Path root = Files.createDirectories(tmp.resolve("c" + i));
      for (String d : DIRS) {
        if (rnd.nextInt(3) == 0) {
          continue;
        }
        Path dir = Files.createDirectories(root.resolve(d));
        int kind = rnd.nextInt(6);
        if (kind == 0) {
          continue; // no package.json
        }
        ObjectNode pj = Json.object();
        if (kind == 1) {
          pj.put("name", "dup");
        } else if (kind != 2) {
          pj.put("name", d.replace('/', '-').replace("@", "").replace(".", "dot"));
        }
        Files.writeString(dir.resolve("package.json"), Json.stringify(pj));
      }
      ArrayNode ws = JsonNodeFactory.instance.arrayNode();
      int n = 1 + rnd.nextInt(4);
      for (int k = 0; k < n; k++) {
        ws.add(PATTERNS.get(rnd.nextInt(PATTERNS.size())));
      }
      JsonNode value = ws;
      if (i % 10 == 9) {
        ObjectNode o = Json.object();
        o.set("packages", ws);
        value = o;
      }
      ObjectNode c = input.addObject();
      c.put("cwd", root.toString());
      c.set("workspaces", value);
      roots.add(root);
      lists.add(value);
    }
    JsonNode expected =
        NpmOracle.install(
                OraclePackages.MAP_WORKSPACES,
                OraclePackages.GLOB,
                OraclePackages.MINIMATCH,
                OraclePackages.PACKAGE_JSON)
            .run(SCRIPT, input);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < roots.size(); i++) {
      JsonNode want = expected.get(i);
      JsonNode got;
      try {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (Map.Entry<String, String> e :
            WorkspaceGlobs.find(roots.get(i), lists.get(i)).entrySet()) {
          a.addArray().add(e.getKey()).add(e.getValue());
        }
        got = a;
      } catch (ClientException e) {
        ObjectNode o = Json.object();
        o.put("code", e.code());
        got = o;
      }
      if (!want.equals(got)) {
        mismatches.add(
            "case " + i + " " + lists.get(i) + "\n  npm:   " + want + "\n  quoll: " + got);
      }
    }
    if (!mismatches.isEmpty()) {
      fail(
          mismatches.size()
              + " of "
              + roots.size()
              + " differ:\n"
              + String.join("\n", mismatches.subList(0, Math.min(8, mismatches.size()))));
    }
    assertEquals(roots.size(), expected.size());
  }
}
