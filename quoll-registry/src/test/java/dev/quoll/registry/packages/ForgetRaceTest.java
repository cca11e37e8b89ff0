package dev.quoll.registry.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.core.name.PackageName;
import dev.quoll.registry.access.AccessPolicy;
import dev.quoll.registry.storage.DirectoryBlobStore;
import dev.quoll.registry.storage.JdbcMetadataStore;
import dev.quoll.registry.storage.MetadataStore.PackageWrite;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rendering read from the store before another node's write was applied here ({@link
 * PackageService#forget}) must not be cached after it: otherwise the node would serve the older
 * revision from its cache after it had applied (and acknowledged) the newer one, until the next
 * write of that package.
 */
class ForgetRaceTest {
  @TempDir Path dir;

  private static String doc(int n) {
    return "{\"_id\":\"p\",\"name\":\"p\",\"dist-tags\":{\"latest\":\"1.0.0\"},"
        + "\"versions\":{\"1.0.0\":{\"name\":\"p\",\"version\":\"1.0.0\"}},"
        + "\"time\":{},\"n\":"
        + n
        + "}";
  }

  @Test
  void aCopyOlderThanAnAppliedChangeIsServedButNotCached() throws Exception {
    try (JdbcMetadataStore store = JdbcMetadataStore.sqlite(dir.resolve("q.db"))) {
      store.savePackage(new PackageWrite("p", 0, doc(1), List.of(), Instant.EPOCH));
      PackageService packages =
          new PackageService(
              store,
              KnownLocalNames.load(store),
              new DirectoryBlobStore(dir.resolve("blobs")),
              URI.create("http://localhost/"),
              Clock.systemUTC(),
              1 << 20,
              new AccessPolicy(Set.of(), n -> false));
      PackageName p = PackageName.parse("p");
      // the change to revision 2 is applied here while a read of revision 1 is on its way: the
      // read below stands for it (its store read returns revision 1, as the row is still there)
      packages.forget("p", 2);
      assertEquals(1, packages.findPackument(p, false).orElseThrow().revision());
      store.savePackage(new PackageWrite("p", 1, doc(2), List.of(), Instant.EPOCH));
      assertEquals(
          2,
          packages.findPackument(p, false).orElseThrow().revision(),
          "revision 1 was not kept in the cache");
      store.savePackage(new PackageWrite("p", 2, doc(3), List.of(), Instant.EPOCH));
      assertEquals(
          2,
          packages.findPackument(p, false).orElseThrow().revision(),
          "revision 2 is at the floor and was cached (this node has not applied revision 3)");
      packages.forget("p", 3);
      assertTrue(packages.findPackument(p, false).orElseThrow().revision() == 3);
    }
  }
}
