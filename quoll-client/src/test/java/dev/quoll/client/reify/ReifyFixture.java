package dev.quoll.client.reify;

import dev.quoll.client.cache.ContentCache;
import dev.quoll.client.registry.RegistryClient;
import dev.quoll.client.testing.FakeRegistry;
import dev.quoll.client.testing.FakeRegistry.Published;
import dev.quoll.client.testing.InstallSession;
import dev.quoll.client.testing.TreeSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a reifier test works on: a {@link FakeRegistry}, a fast-retry client and the content cache
 * under {@code <tmp>/cache}, and a project {@code <tmp>/project} holding only a root package.json.
 */
final class ReifyFixture implements AutoCloseable {
  final FakeRegistry registry;
  final RegistryClient client;
  final ContentCache cache;
  final Path root;

  ReifyFixture(Path tmp) throws IOException {
    registry = new FakeRegistry();
    client = InstallSession.fastClient(registry, tmp.resolve("cache"));
    cache = new ContentCache(tmp.resolve("cache/_cacache"));
    root = Files.createDirectories(tmp.resolve("project"));
    Files.writeString(root.resolve("package.json"), "{\"name\":\"root\",\"version\":\"1.0.0\"}");
  }

  /** A non-dev, non-peer registry package {@code p} planned at {@code location}. */
  static PlacedPackage placed(
      String location, Published p, Map<String, String> bin, boolean optional) {
    return new PlacedPackage(
        location,
        p.name(),
        p.version(),
        new PackageSource.Tarball(p.url(), p.integrity()),
        bin,
        false,
        optional,
        false,
        false,
        false);
  }

  /** The project's files and links, see {@link TreeSnapshot#of}. */
  Map<String, String> snapshot() {
    return TreeSnapshot.of(root, true, rel -> false);
  }

  @Override
  public void close() {
    client.close();
    registry.close();
  }
}
