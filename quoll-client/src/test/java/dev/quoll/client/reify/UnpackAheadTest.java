package dev.quoll.client.reify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.ClientException;
import dev.quoll.client.cache.StoredPackage;
import dev.quoll.client.cache.TarballDownloads;
import dev.quoll.client.cache.UnpackAhead;
import dev.quoll.client.cache.UnpackedStore;
import dev.quoll.client.testing.FakeRegistry;
import dev.quoll.client.testing.FakeRegistry.Published;
import dev.quoll.client.testing.TreeSnapshot;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link UnpackAhead}: each prefetched tarball is unpacked into the store once, with reify's own
 * options (the same files and modes as reify's unpack), reify links from that entry instead of
 * unpacking again, takes over an unpack not yet started, and a failure or a close leaves no store
 * entry and no temporary folder; tampered tarballs are still refused by reify with its own errors.
 */
class UnpackAheadTest {
  @TempDir Path tmp;
  private ReifyFixture fx;
  private FakeRegistry registry;
  private UnpackedStore store;
  private TarballDownloads downloads;
  private UnpackAhead ahead;

  @BeforeEach
  void start() throws IOException {
    fx = new ReifyFixture(tmp);
    registry = fx.registry;
    store = new UnpackedStore(tmp.resolve("cache/_quoll/unpacked"));
    downloads = new TarballDownloads(fx.client, fx.cache, 4);
    ahead = new UnpackAhead(store, downloads, 2);
  }

  @AfterEach
  void stop() {
    ahead.close();
    downloads.close();
    fx.close();
  }

  private static ObjectNode manifest(String json) {
    return Json.parseObject(json);
  }

  private void unpack(Published p, Map<String, String> bin) {
    ahead.unpack(p.name(), p.name() + "@" + p.version(), p.url(), p.integrity(), opts(bin));
  }

  private static dev.quoll.core.tarball.ExtractOptions opts(Map<String, String> bin) {
    return Reifier.extractOptions(bin);
  }

  private ReifyResult reify(Path root, List<PlacedPackage> pkgs) {
    return new Reifier(fx.client, fx.cache)
        .downloadingWith(downloads)
        .linkingFrom(store, 4)
        .unpackingAheadWith(ahead)
        .reify(new ReifyPlan(root, pkgs, ReifyOptions.defaults().withIgnoreScripts(true)));
  }

  private long requests(Published p) {
    return registry.requests().stream().filter(r -> p.url().endsWith(r.path())).count();
  }

  private static void await(BooleanSupplier done) throws InterruptedException {
    for (int i = 0; i < 1000 && !done.getAsBoolean(); i++) {
      Thread.sleep(10);
    }
    assertTrue(done.getAsBoolean(), "timed out");
  }

  private List<Path> storeTemporaries() throws IOException {
    Path t = tmp.resolve("cache/_quoll/unpacked/tmp");
    if (!Files.isDirectory(t)) {
      return List.of();
    }
    try (var s = Files.list(t)) {
      return s.toList();
    }
  }

  @Test
  void unpacksOnceWithReifysOptionsAndReifyLinksThatEntry() throws Exception {
    Map<String, String> bin = Map.of("a", "bin/a.js");
    Published a =
        registry.publish(
            "a",
            "1.0.0",
            manifest("{\"bin\":{\"a\":\"bin/a.js\"}}"),
            Map.of("bin/a.js", "#!/usr/bin/env node\nrun()\n", "lib/x.js", "x"));
    Published b = registry.publish("b", "1.0.0", manifest("{}"), Map.of("b.js", "b"));
    unpack(a, bin);
    unpack(a, bin); // the same integrity again: nothing more
    unpack(b, Map.of());
    await(() -> ahead.unpacked() == 2);
    Path stored = store.find(a.integrity()).orElseThrow();
    Object inode = Files.getAttribute(stored.resolve("lib/x.js"), "unix:ino");
    assertEquals(
        "rwxr-xr-x",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(stored.resolve("bin/a.js"))));

    List<PlacedPackage> plan =
        List.of(
            ReifyFixture.placed("node_modules/a", a, bin, false),
            ReifyFixture.placed("node_modules/b", b, Map.of(), false));
    reify(fx.root, plan);
    // linked from the entry unpacked ahead, not unpacked again
    assertEquals(inode, Files.getAttribute(fx.root.resolve("node_modules/a/lib/x.js"), "unix:ino"));
    assertEquals(2, ahead.unpacked());
    assertEquals(1, requests(a));
    assertEquals(1, requests(b));
    assertEquals(List.of(), storeTemporaries());

    // the same node_modules as reify's own unpacking (no store) makes
    Path other = Files.createDirectories(tmp.resolve("other"));
    Files.copy(fx.root.resolve("package.json"), other.resolve("package.json"));
    new Reifier(fx.client, fx.cache)
        .reify(new ReifyPlan(other, plan, ReifyOptions.defaults().withIgnoreScripts(true)));
    assertEquals(
        TreeSnapshot.of(other, true, f -> false), TreeSnapshot.of(fx.root, true, f -> false));
  }

  @Test
  void reifyTakesOverAnUnpackNotStartedAndThePoolThenSkipsIt() throws Exception {
    Published a = registry.publish("a", "1.0.0", manifest("{}"), Map.of("a.js", "a"));
    CountDownLatch gate = registry.hold(a.url());
    unpack(a, Map.of());
    await(() -> requests(a) == 1); // the download is under way, held
    assertTrue(ahead.claim(a.integrity()).isEmpty()); // not started: the claimer unpacks it
    gate.countDown();
    downloads.ensure("a", "a@1.0.0", a.url(), a.integrity());
    Thread.sleep(200); // time for the pool to see the claimed job
    assertEquals(0, ahead.unpacked());
    assertTrue(store.find(a.integrity()).isEmpty());
    reify(fx.root, List.of(ReifyFixture.placed("node_modules/a", a, Map.of(), false)));
    assertEquals("a", Files.readString(fx.root.resolve("node_modules/a/a.js")));
    assertTrue(store.find(a.integrity()).isPresent());
    assertEquals(1, requests(a));
  }

  @Test
  void closeLeavesNoPartialEntryAndLaterCallsDoNothing() throws Exception {
    Published a = registry.publish("a", "1.0.0", manifest("{}"), Map.of("a.js", "a"));
    Map<String, String> many = new HashMap<>();
    for (int i = 0; i < 1500; i++) {
      many.put("d" + (i % 30) + "/f" + i + ".js", "content " + i);
    }
    Published big = registry.publish("big", "1.0.0", manifest("{}"), many);
    CountDownLatch gate = registry.hold(a.url());
    unpack(a, Map.of());
    unpack(big, Map.of());
    await(() -> requests(a) == 1);
    ahead.close(); // a's download still held; big's unpack queued, running or done
    gate.countDown();
    downloads.ensure("a", "a@1.0.0", a.url(), a.integrity());
    Thread.sleep(200);
    assertTrue(store.find(a.integrity()).isEmpty());
    // big: either complete (finished before the close) or absent, never half made
    store
        .load(big.integrity())
        .ifPresent(
            p ->
                assertEquals(
                    1500,
                    p.files().stream()
                        .map(StoredPackage.StoredFile::path)
                        .filter(f -> f.endsWith(".js"))
                        .count()));
    assertEquals(List.of(), storeTemporaries());
    Published c = registry.publish("c", "1.0.0", manifest("{}"), Map.of("c.js", "c"));
    unpack(c, Map.of()); // after close: not even downloaded
    assertEquals(0, requests(c));
    assertTrue(ahead.claim(c.integrity()).isEmpty());
  }

  @Test
  void tamperedTarballsLeaveNothingAndReifyReportsThem() throws Exception {
    Published evil = registry.publish("evil", "1.0.0", manifest("{}"), Map.of("e.js", "e"));
    registry.tamper(evil);
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    byte[] dotdot = FakeRegistry.escapingTgz();
    Published bad = registry.publishRaw("dotdot", "1.0.0", manifest("{}"), dotdot);
    unpack(evil, Map.of());
    unpack(bad, Map.of());
    await(() -> requests(evil) >= 1 && requests(bad) >= 1);
    Thread.sleep(300); // time for both to fail in the background
    assertEquals(0, ahead.unpacked());
    assertTrue(store.find(evil.integrity()).isEmpty());
    assertTrue(store.find(bad.integrity()).isEmpty());
    assertTrue(fx.cache.find(evil.integrity()).isEmpty());
    assertEquals(List.of(), storeTemporaries());
    assertEquals(List.of(), TreeSnapshot.of(outside, false, f -> false).keySet().stream().toList());

    Map<String, String> before = fx.snapshot();
    ClientException e =
        assertThrows(
            ClientException.class,
            () ->
                reify(
                    fx.root,
                    List.of(ReifyFixture.placed("node_modules/evil", evil, Map.of(), false))));
    assertEquals("EINTEGRITY", e.code());
    assertTrue(e.getMessage().startsWith("evil@1.0.0: "), e.getMessage());
    CoreException e2 =
        assertThrows(
            CoreException.class,
            () ->
                reify(
                    fx.root,
                    List.of(ReifyFixture.placed("node_modules/dotdot", bad, Map.of(), false))));
    assertEquals("EBADTAR", e2.code());
    assertTrue(e2.getMessage().contains("dotdot@1.0.0"), e2.getMessage());
    assertEquals(before, fx.snapshot());
    assertTrue(store.find(bad.integrity()).isEmpty());
    assertEquals(List.of(), storeTemporaries());
    assertEquals(List.of(), TreeSnapshot.of(outside, false, f -> false).keySet().stream().toList());
  }
}
