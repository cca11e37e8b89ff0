package dev.quoll.client.lockfile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quoll.client.tree.Node;
import dev.quoll.core.json.JsonFormat;
import dev.quoll.core.manifest.Manifest;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Reading v1 lockfiles (nested {@code dependencies}) and formatting of the written file. */
class LockfileReaderTest {
  private static final String PKG =
      "{\"name\":\"old\",\"version\":\"1.0.0\",\"dependencies\":{\"a\":\"^1\",\"x\":\"npm:b@^2\"},"
          + "\"devDependencies\":{\"d\":\"^1\"}}";

  private static final String V1 =
      """
      {
        "name": "old",
        "version": "1.0.0",
        "lockfileVersion": 1,
        "requires": true,
        "dependencies": {
          "a": {
            "version": "1.0.0",
            "resolved": "https://registry.example/a/-/a-1.0.0.tgz",
            "integrity": "sha512-aaa",
            "requires": { "b": "^1" },
            "dependencies": {
              "b": { "version": "1.5.0", "resolved": "https://registry.example/b/-/b-1.5.0.tgz" }
            }
          },
          "x": { "version": "npm:b@2.0.0", "resolved": "https://registry.example/b/-/b-2.0.0.tgz" },
          "d": { "version": "1.0.0", "dev": true }
        }
      }
      """;

  @Test
  void v1NestedDependenciesBecomeLocations() {
    Node root = LockfileReader.read(Lockfile.parse(V1), Manifest.parse(PKG), false);
    Map<String, String> got = new TreeMap<>();
    for (Node n : root.inventory()) {
      if (n != root) {
        got.put(
            n.location(),
            n.packageName().orElse("") + "@" + n.version().orElse("") + (n.dev() ? " dev" : ""));
      }
    }
    assertEquals(
        Map.of(
            "node_modules/a", "a@1.0.0",
            "node_modules/a/node_modules/b", "b@1.5.0",
            "node_modules/x", "b@2.0.0",
            "node_modules/d", "d@1.0.0 dev"),
        got);
    assertEquals(1, Lockfile.parse(V1).version());
  }

  @Test
  void v3IsWrittenWithTheDetectedIndentAndNewline() {
    Node root = LockfileReader.read(Lockfile.parse(V1), Manifest.parse(PKG), false);
    String text = LockfileWriter.write(root, "old", new JsonFormat("\t", "\r\n"));
    assertEquals(
        "{\r\n\t\"name\": \"old\",\r\n\t\"version\": \"1.0.0\",\r\n\t\"lockfileVersion\": 3,",
        text.substring(0, text.indexOf("\"requires\"") - 3));
    assertEquals(true, text.endsWith("}\r\n"));
  }
}
