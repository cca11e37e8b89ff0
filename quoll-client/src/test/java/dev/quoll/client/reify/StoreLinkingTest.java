package dev.quoll.client.reify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.ClientException;
import dev.quoll.client.cache.ContentCache;
import dev.quoll.client.cache.UnpackedStore;
import dev.quoll.client.registry.RegistryClient;
import dev.quoll.client.testing.FakeRegistry;
import dev.quoll.client.testing.FakeRegistry.Published;
import dev.quoll.client.testing.TreeSnapshot;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.Json;
import dev.quoll.core.path.FolderTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reifier with the unpacked store (the default of {@code quoll install}): repairs a store entry
 * whose files were changed, and keeps the tamper guarantees (wrong integrity, {@code ../} entries:
 * refused, nothing left in node_modules, nothing in the store).
 */
class StoreLinkingTest {
  @TempDir Path tmp;
  private ReifyFixture fx;
  private FakeRegistry registry;
  private RegistryClient client;
  private ContentCache cache;
  private UnpackedStore store;
  private Path root;

  @BeforeEach
  void start() throws IOException {
    fx = new ReifyFixture(tmp);
    registry = fx.registry;
    client = fx.client;
    cache = fx.cache;
    root = fx.root;
    store = new UnpackedStore(tmp.resolve("cache/_quoll/unpacked"));
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private static PlacedPackage placed(String location, Published p, Map<String, String> bin) {
    return ReifyFixture.placed(location, p, bin, false);
  }

  private ReifyResult reify(List<PlacedPackage> pkgs) {
    return new Reifier(client, cache)
        .linkingFrom(store, 4)
        .reify(new ReifyPlan(root, pkgs, ReifyOptions.defaults().withIgnoreScripts(true)));
  }

  private Map<String, String> snapshot() {
    return fx.snapshot();
  }

  private static ObjectNode manifest(String json) {
    return Json.parseObject(json);
  }

  @Test
  void anEditedStoreFileIsNoticedAndTheEntryUnpackedAgain() throws IOException {
    Published a =
        registry.publish(
            "a",
            "1.0.0",
            manifest("{\"bin\":{\"a\":\"bin/a.js\"}}"),
            Map.of("bin/a.js", "#!/usr/bin/env node\r\nrun()\n", "lib/deep/x.js", "x"));
    List<PlacedPackage> plan = List.of(placed("node_modules/a", a, Map.of("a", "bin/a.js")));
    reify(plan);
    Path x = root.resolve("node_modules/a/lib/deep/x.js");
    Path bin = root.resolve("node_modules/a/bin/a.js");
    assertEquals("x", Files.readString(x));
    // bin-links' CRLF fix replaced the node_modules copy; the store copy kept the tarball's bytes
    assertEquals("#!/usr/bin/env node\nrun()\n", Files.readString(bin));
    Path stored = store.find(a.integrity()).orElseThrow();
    assertEquals("#!/usr/bin/env node\r\nrun()\n", Files.readString(stored.resolve("bin/a.js")));
    assertEquals(
        Files.getAttribute(stored.resolve("lib/deep/x.js"), "unix:ino"),
        Files.getAttribute(x, "unix:ino"));
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(bin)));

    // an edit in place in node_modules reaches the shared store file
    Files.writeString(x, "edited!");
    assertEquals("edited!", Files.readString(stored.resolve("lib/deep/x.js")));
    FolderTrees.delete(root.resolve("node_modules"));
    registry.clearRequests();
    reify(plan);
    assertEquals("x", Files.readString(x)); // unpacked again from the verified cached tarball
    assertEquals(List.of(), registry.requests());
    assertEquals("x", Files.readString(stored.resolve("lib/deep/x.js")));
  }

  @Test
  void binsFromPackageJsonWhenThePlanHasNoneAndNoReadWhenThereAreNone() throws IOException {
    Published tool =
        registry.publish(
            "tool", "1.0.0", manifest("{\"bin\":{\"tool\":\"t.js\"}}"), Map.of("t.js", "t"));
    Published dirs =
        registry.publish(
            "dirs", "1.0.0", manifest("{\"directories\":{\"bin\":\"b\"}}"), Map.of("b/d1", "d"));
    Published plain = registry.publish("plain", "1.0.0", manifest("{}"), Map.of("p.js", "p"));
    List<PlacedPackage> plan =
        List.of(
            placed("node_modules/tool", tool, Map.of()),
            placed("node_modules/dirs", dirs, Map.of()),
            placed("node_modules/plain", plain, Map.of()));
    for (int round = 0; round < 2; round++) { // store filled, then store reused
      reify(plan);
      assertTrue(Files.isSymbolicLink(root.resolve("node_modules/.bin/tool")));
      assertTrue(Files.isSymbolicLink(root.resolve("node_modules/.bin/d1")));
      try (var bins = Files.list(root.resolve("node_modules/.bin"))) {
        assertEquals(2, bins.count());
      }
      FolderTrees.delete(root.resolve("node_modules"));
    }
    assertTrue(store.load(tool.integrity()).orElseThrow().mayHaveBins());
    assertTrue(store.load(dirs.integrity()).orElseThrow().mayHaveBins());
    assertTrue(!store.load(plain.integrity()).orElseThrow().mayHaveBins());
  }

  @Test
  void anIncompleteStoreEntryIsNeverUsed() throws IOException {
    Published a = registry.publish("a", "1.0.0", manifest("{}"), Map.of("a.js", "a"));
    Path half =
        tmp.resolve("cache/_quoll/unpacked")
            .resolve(a.integrity().pickAlgorithm())
            .resolve(
                a.integrity()
                    .get(a.integrity().pickAlgorithm())
                    .getFirst()
                    .hexDigest()
                    .substring(0, 2))
            .resolve(
                a.integrity()
                    .get(a.integrity().pickAlgorithm())
                    .getFirst()
                    .hexDigest()
                    .substring(2));
    Files.createDirectories(half.resolve("package"));
    Files.writeString(half.resolve("package/a.js"), "half-written");
    assertTrue(store.find(a.integrity()).isEmpty());
    reify(List.of(placed("node_modules/a", a, Map.of())));
    assertEquals("a", Files.readString(root.resolve("node_modules/a/a.js")));
    assertTrue(store.find(a.integrity()).isPresent());
  }

  @Test
  void wrongIntegrityAndDotDotEntriesAreRefusedAndLeaveNothing() throws IOException {
    Published good = registry.publish("good", "1.0.0", manifest("{}"), Map.of("g.js", "g"));
    Published evil = registry.publish("evil", "1.0.0", manifest("{}"), Map.of("e.js", "e"));
    registry.tamper(evil);
    Map<String, String> before = snapshot();
    ClientException e =
        assertThrows(
            ClientException.class,
            () ->
                reify(
                    List.of(
                        placed("node_modules/good", good, Map.of()),
                        placed("node_modules/evil", evil, Map.of()))));
    assertEquals("EINTEGRITY", e.code());
    assertTrue(e.getMessage().startsWith("evil@1.0.0: "), e.getMessage());
    assertEquals(before, snapshot());
    assertTrue(store.find(evil.integrity()).isEmpty());

    Path outside = Files.createDirectories(tmp.resolve("outside"));
    byte[] dotdot = FakeRegistry.escapingTgz();
    Published p1 = registry.publishRaw("dotdot", "1.0.0", manifest("{}"), dotdot);
    CoreException bad =
        assertThrows(
            CoreException.class, () -> reify(List.of(placed("node_modules/dotdot", p1, Map.of()))));
    assertEquals("EBADTAR", bad.code());
    assertTrue(bad.getMessage().contains("dotdot@1.0.0"), bad.getMessage());
    assertEquals(before, snapshot());
    assertTrue(store.find(p1.integrity()).isEmpty());
    assertEquals(List.of(), TreeSnapshot.of(outside, false, f -> false).keySet().stream().toList());
    // nothing half-made is left in the store's temporary folder either
    try (var left = Files.list(tmp.resolve("cache/_quoll/unpacked/tmp"))) {
      assertEquals(List.of(), left.toList());
    }
  }
}
