package dev.quoll.client.reify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.client.cache.UnpackedStore;
import dev.quoll.client.testing.FakeRegistry.Published;
import dev.quoll.core.json.Json;
import dev.quoll.core.path.FolderTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PlaceAhead}: packages linked before reify are adopted only for the same location and
 * integrity, give the same tree as reify alone, and nothing of them outlives the install.
 */
class PlaceAheadTest {
  @TempDir Path tmp;
  private ReifyFixture fx;
  private UnpackedStore store;
  private Published a;
  private Published b;
  private List<PlacedPackage> plan;
  private Path nm;

  @BeforeEach
  void start() throws IOException {
    fx = new ReifyFixture(tmp);
    store = new UnpackedStore(tmp.resolve("cache/_quoll/unpacked"));
    a =
        fx.registry.publish(
            "a", "1.0.0", Json.parseObject("{}"), Map.of("index.js", "a", "lib/x/y.js", "y"));
    b = fx.registry.publish("b", "2.0.0", Json.parseObject("{}"), Map.of("index.js", "b"));
    plan =
        List.of(
            ReifyFixture.placed("node_modules/a", a, Map.of(), false),
            ReifyFixture.placed("node_modules/a/node_modules/b", b, Map.of(), false));
    nm = fx.root.resolve("node_modules");
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private Reifier reifier() {
    return new Reifier(fx.client, fx.cache).linkingFrom(store, 2);
  }

  private ReifyResult reify(Optional<PlaceAhead> ahead) {
    return reifier()
        .reify(
            new ReifyPlan(fx.root, plan, ReifyOptions.defaults().withIgnoreScripts(true)), ahead);
  }

  private static PlaceAhead.Candidate candidate(String location, Published p) {
    return new PlaceAhead.Candidate(location, p.integrity());
  }

  private Map<String, String> warmStoreSnapshot() {
    reify(Optional.empty()); // fills the store
    Map<String, String> tree = fx.snapshot();
    FolderTrees.delete(nm);
    return tree;
  }

  @Test
  void placedPackagesAreAdoptedAndTheTreeIsReifysOwn() throws IOException, InterruptedException {
    Map<String, String> expected = warmStoreSnapshot();
    List<PlaceAhead.Candidate> candidates =
        List.of(
            candidate("node_modules/a", a),
            candidate("node_modules/a/node_modules/b", b),
            candidate("node_modules/c", b)); // not in the plan: never placed in the tree
    try (PlaceAhead ahead = reifier().placeAhead(fx.root, () -> candidates).orElseThrow()) {
      assertTrue(Files.isDirectory(ahead.stage()));
      // all three placed before reify claims (a placement not started yet is taken over instead)
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (ahead.placed() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertEquals(3, ahead.placed());
      ReifyResult r = reify(Optional.of(ahead));
      assertEquals(List.of("node_modules/a", "node_modules/a/node_modules/b"), r.added());
      assertFalse(Files.exists(ahead.stage()), "the staging folder outlived reify");
      assertEquals(2, ahead.claimed());
    }
    assertEquals(expected, fx.snapshot());
    Path stored = store.find(a.integrity()).orElseThrow();
    assertEquals(
        Files.getAttribute(stored.resolve("lib/x/y.js"), "unix:ino"),
        Files.getAttribute(nm.resolve("a/lib/x/y.js"), "unix:ino"));
  }

  @Test
  void aCandidateWithAnotherIntegrityIsNotAdopted() {
    Map<String, String> expected = warmStoreSnapshot();
    // b's files predicted at a's location: reify must place a itself
    List<PlaceAhead.Candidate> wrong = List.of(candidate("node_modules/a", b));
    try (PlaceAhead ahead = reifier().placeAhead(fx.root, () -> wrong).orElseThrow()) {
      reify(Optional.of(ahead));
      assertEquals(0, ahead.claimed());
    }
    assertEquals(expected, fx.snapshot());
  }

  @Test
  void aChangedStoreEntryIsLeftToReifyWhichRepairsIt() throws IOException {
    Map<String, String> expected = warmStoreSnapshot();
    Path y = store.find(a.integrity()).orElseThrow().resolve("lib/x/y.js");
    Files.writeString(y, "edited in place");
    List<PlaceAhead.Candidate> candidates = List.of(candidate("node_modules/a", a));
    try (PlaceAhead ahead = reifier().placeAhead(fx.root, () -> candidates).orElseThrow()) {
      reify(Optional.of(ahead));
      assertEquals(0, ahead.claimed());
    }
    assertEquals(expected, fx.snapshot());
    assertEquals("y", Files.readString(nm.resolve("a/lib/x/y.js")));
  }

  @Test
  void closedWithoutReifyTheProjectIsAsItWas() {
    Map<String, String> before = fx.snapshot();
    warmStoreSnapshot();
    List<PlaceAhead.Candidate> candidates = List.of(candidate("node_modules/a", a));
    reifier().placeAhead(fx.root, () -> candidates).orElseThrow().close();
    assertFalse(Files.exists(nm));
    assertEquals(before, fx.snapshot());
  }

  @Test
  void nothingStartsWhereNodeModulesExistsOrWithoutAStore() throws IOException {
    List<PlaceAhead.Candidate> candidates = List.of(candidate("node_modules/a", a));
    // where nothing can start, the lockfile is not even read for candidates
    Supplier<List<PlaceAhead.Candidate>> unread =
        () -> {
          throw new AssertionError("candidates asked for although nothing can start");
        };
    assertTrue(new Reifier(fx.client, fx.cache).placeAhead(fx.root, unread).isEmpty());
    assertFalse(Files.exists(nm));
    assertTrue(reifier().placeAhead(fx.root, List::of).isEmpty());
    assertFalse(Files.exists(nm), "nothing to place: no node_modules made");
    Files.createSymbolicLink(nm, fx.root.resolve("gone")); // broken: reify's to report
    assertTrue(reifier().placeAhead(fx.root, unread).isEmpty());
    Files.delete(nm);
    Files.createDirectory(nm);
    assertTrue(reifier().placeAhead(fx.root, unread).isEmpty());
    try (var names = Files.list(nm)) {
      assertEquals(0, names.count());
    }
  }
}
