package dev.quoll.client.reify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quoll.client.install.InstallRequest;
import dev.quoll.client.install.Operation;
import dev.quoll.client.testing.FakeRegistry;
import dev.quoll.client.testing.InstallFixture;
import dev.quoll.core.json.Json;
import dev.quoll.core.manifest.DependencyType;
import dev.quoll.core.path.FolderTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A tarball in the cache whose bytes were altered after it was stored (same size) is never
 * installed: as pacote does ("cached data ... seems to be corrupted. Refreshing cache."), the bad
 * copy is dropped and the tarball fetched again, so the install gets the published files.
 */
class CorruptCacheTest {
  @RegisterExtension final InstallFixture fx = InstallFixture.create();

  @Test
  void alteredCachedTarballIsFetchedAgain() throws Exception {
    reinstallsAfterTheCachedTarballWasAltered(fx.quietInstaller());
  }

  @Test
  void alteredCachedTarballIsFetchedAgainWhenLinkingFromTheUnpackedStore() throws Exception {
    Reifier linking =
        new Reifier(
                fx.session().client,
                new dev.quoll.client.cache.ContentCache(fx.tmp().resolve("qc/_cacache")))
            .linkingFrom(
                new dev.quoll.client.cache.UnpackedStore(fx.tmp().resolve("qc/_quoll/unpacked")),
                2);
    reinstallsAfterTheCachedTarballWasAltered(
        new dev.quoll.client.install.Installer(
                fx.session().config,
                fx.session().packuments,
                linking,
                ReifyOptions.defaults(),
                new dev.quoll.client.tree.Platform("linux", "x64", "glibc"))
            .withScriptBanner(java.util.Optional.empty()));
  }

  private void reinstallsAfterTheCachedTarballWasAltered(
      dev.quoll.client.install.Installer installer) throws Exception {
    FakeRegistry.Published a =
        fx.registry()
            .publish("a", "1.0.0", Json.object(), Map.of("index.js", "module.exports = 1;\n"));
    Path root = fx.project("p", "{\"name\":\"p\",\"version\":\"1.0.0\"}\n");
    installer.run(
        InstallRequest.of(
            root, new Operation.Install(List.of("a@1.0.0"), DependencyType.PROD, false)));
    Path content;
    try (Stream<Path> s = Files.walk(fx.tmp().resolve("qc/_cacache/content-v2"))) {
      content = s.filter(Files::isRegularFile).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(content);
    assertEquals(a.tgz().length, bytes.length);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(content, bytes);
    FolderTrees.delete(root.resolve("node_modules"));
    FolderTrees.delete(fx.tmp().resolve("qc/_quoll/unpacked")); // unpacked again from the cache
    fx.registry().clearRequests();

    installer.run(
        InstallRequest.of(root, new Operation.Install(List.of(), DependencyType.PROD, false)));

    assertEquals(
        "module.exports = 1;\n", Files.readString(root.resolve("node_modules/a/index.js")));
    assertEquals(
        List.of(a.url()),
        fx.registry().requests().stream()
            .filter(r -> r.path().endsWith(".tgz"))
            .map(r -> fx.registry().url() + r.path().substring(1))
            .toList());
  }
}
