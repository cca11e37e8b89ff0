package dev.quoll.registry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.core.json.Json;
import dev.quoll.core.name.PackageName;
import dev.quoll.registry.accounts.Identity;
import dev.quoll.registry.packages.KnownLocalNames;
import dev.quoll.registry.packages.PackageService;
import dev.quoll.registry.packages.PublicationReader;
import dev.quoll.registry.storage.DirectoryBlobStore;
import dev.quoll.registry.storage.JdbcMetadataStore;
import dev.quoll.registry.storage.MetadataStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read fast path: names not published here are answered without a metadata store query, and a
 * publish makes its name local before it writes.
 */
class LocalNamesTest {
  @TempDir Path dir;

  /** A store that counts calls per method name. */
  private static MetadataStore counting(
      MetadataStore real, ConcurrentHashMap<String, AtomicInteger> calls) {
    return (MetadataStore)
        Proxy.newProxyInstance(
            MetadataStore.class.getClassLoader(),
            new Class<?>[] {MetadataStore.class},
            (proxy, method, args) -> {
              calls.computeIfAbsent(method.getName(), k -> new AtomicInteger()).incrementAndGet();
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Test
  void readsOfNamesNotPublishedHereSkipTheStoreUntilTheNameIsPublished() throws Exception {
    var calls = new ConcurrentHashMap<String, AtomicInteger>();
    try (MetadataStore real = JdbcMetadataStore.sqlite(dir.resolve("q.db"))) {
      MetadataStore store = counting(real, calls);
      KnownLocalNames names = KnownLocalNames.load(store);
      PackageService packages =
          new PackageService(
              store,
              names,
              new DirectoryBlobStore(dir.resolve("blobs")),
              URI.create("http://localhost/"),
              Clock.systemUTC(),
              1 << 20,
              new dev.quoll.registry.access.AccessPolicy(java.util.Set.of(), n -> false));
      PackageName p = PackageName.parse("@s/p");
      for (int i = 0; i < 3; i++) {
        assertTrue(packages.findPackument(p, false).isEmpty());
        assertTrue(packages.findPackument(p, true).isEmpty());
        assertTrue(packages.findTarball(p, "p-1.0.0.tgz").isEmpty());
      }
      assertEquals(null, calls.get("findPackage"), "no store query for a name not published here");
      assertFalse(names.mayBeLocal("@s/p"));
      byte[] body = Json.toBytes(TestPackages.body("@s/p", "1.0.0"));
      packages.publish(PublicationReader.read(p, body), new Identity("s", "s@example.org"));
      assertTrue(names.mayBeLocal("@s/p"));
      assertEquals("1.0.0", packages.findVersion(p, "^1").orElseThrow().version());
      assertTrue(packages.findTarball(p, "p-1.0.0.tgz").isPresent());
      assertEquals(List.of("@s/p"), real.listPackageNames());
      assertTrue(KnownLocalNames.load(real).mayBeLocal("@s/p"), "loaded again from the store");
    }
  }
}
