package dev.quoll.client.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quoll.core.manifest.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundled dependencies read back from disk after reify (arborist 9's {@code
 * loadBundlesAndUpdateTrees} and {@code #pruneBundledMetadeps}), on a fake registry and a
 * node_modules written by hand. Found by the differential test on the alias-optional fixture: tap
 * 16 bundles ink and react, and npm's lockfile lists their 163 packages as {@code inBundle}.
 */
class BundleContentsTest {
  @TempDir Path project;

  private Node build(String registry, String packageJson) {
    FakeRegistry reg = new FakeRegistry(registry, "http://registry.test/");
    IdealTreeRequest req =
        IdealTreeRequest.of(Manifest.parse(packageJson))
            .withPlatform(new Platform("linux", "x64", "glibc", Engines.none()));
    return new IdealTreeBuilder(reg).build(req).root();
  }

  private void onDisk(String location, String json) throws Exception {
    Path dir = project.resolve(location);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("package.json"), json);
  }

  private static String layout(Node root) {
    Map<String, String> out = new TreeMap<>();
    for (Node n : root.inventory()) {
      if (n != root) {
        out.put(
            n.location(),
            n.version().orElse("?")
                + (n.dev() ? " dev" : "")
                + (n.inBundle() ? " inBundle" : "")
                + n.resolved().map(r -> " " + r).orElse(""));
      }
    }
    StringBuilder sb = new StringBuilder();
    out.forEach((k, v) -> sb.append(k).append(" ").append(v).append("\n"));
    return sb.toString();
  }

  // "loose" is in the bundle's folder but neither listed nor needed: arborist's getBundler does not
  // count it as bundled, and no edge clears its flags (dev, optional, peer, extraneous stay set)
  @Test
  void bundledPackagesOnDiskJoinTheTree() throws Exception {
    Node root =
        build(
            """
            lib@1.0.0 -> a@^1, c@^1 [bundle=a]
            a@1.0.0
            c@1.0.0
            """,
            "{\"devDependencies\":{\"lib\":\"^1\"}}");
    onDisk("node_modules/lib", "{\"name\":\"lib\",\"version\":\"1.0.0\"}");
    onDisk(
        "node_modules/lib/node_modules/a",
        "{\"name\":\"a\",\"version\":\"1.0.3\",\"dependencies\":{\"x\":\"^2\",\"@s/y\":\"1\"}}");
    onDisk(
        "node_modules/lib/node_modules/a/node_modules/x",
        "{\"name\":\"x\",\"version\":\"2.0.0\",\"_resolved\":\"https://r.test/x-2.0.0.tgz\"}");
    onDisk("node_modules/lib/node_modules/@s/y", "{\"name\":\"@s/y\",\"version\":\"1.0.0\"}");
    Files.createDirectories(project.resolve("node_modules/lib/node_modules/.bin"));
    Files.createDirectories(project.resolve("node_modules/lib/node_modules/empty"));
    onDisk("node_modules/lib/node_modules/loose", "{\"name\":\"loose\",\"version\":\"1.0.0\"}");

    List<String> pruned = BundleContents.load(root, project, false);

    assertEquals(List.of(), pruned);
    assertEquals(
        """
        node_modules/c 1.0.0 dev http://registry.test/c/-/c-1.0.0.tgz
        node_modules/lib 1.0.0 dev http://registry.test/lib/-/lib-1.0.0.tgz
        node_modules/lib/node_modules/@s/y 1.0.0 dev inBundle
        node_modules/lib/node_modules/a 1.0.3 dev inBundle
        node_modules/lib/node_modules/a/node_modules/x 2.0.0 dev inBundle \
        https://r.test/x-2.0.0.tgz
        node_modules/lib/node_modules/loose 1.0.0 dev
        """,
        layout(root));
  }

  @Test
  void nodesOnlyTheBundleNeededArePruned() throws Exception {
    // lib bundles a, which brings b in the bundle; lib also depends on b (not listed as bundled),
    // so the tree builder placed b at the top. Once the bundle is loaded, nothing needs that b.
    Node root =
        build(
            """
            lib@1.0.0 -> a@^1, b@^1 [bundle=a]
            a@1.0.0 -> b@^1
            b@1.0.0 -> d@^1
            d@1.0.0
            keep@1.0.0 -> d@^1
            """,
            "{\"dependencies\":{\"lib\":\"^1\",\"keep\":\"^1\"}}");
    assertEquals(
        """
        node_modules/b 1.0.0 http://registry.test/b/-/b-1.0.0.tgz
        node_modules/d 1.0.0 http://registry.test/d/-/d-1.0.0.tgz
        node_modules/keep 1.0.0 http://registry.test/keep/-/keep-1.0.0.tgz
        node_modules/lib 1.0.0 http://registry.test/lib/-/lib-1.0.0.tgz
        """,
        layout(root));
    onDisk("node_modules/lib", "{\"name\":\"lib\",\"version\":\"1.0.0\"}");
    onDisk(
        "node_modules/lib/node_modules/a",
        "{\"name\":\"a\",\"version\":\"1.0.0\",\"dependencies\":{\"b\":\"^1\"}}");
    onDisk("node_modules/lib/node_modules/b", "{\"name\":\"b\",\"version\":\"1.0.0\"}");

    List<String> pruned = BundleContents.load(root, project, false);

    assertEquals(List.of("node_modules/b"), pruned);
    assertEquals(
        """
        node_modules/d 1.0.0 http://registry.test/d/-/d-1.0.0.tgz
        node_modules/keep 1.0.0 http://registry.test/keep/-/keep-1.0.0.tgz
        node_modules/lib 1.0.0 http://registry.test/lib/-/lib-1.0.0.tgz
        node_modules/lib/node_modules/a 1.0.0 inBundle
        node_modules/lib/node_modules/b 1.0.0 inBundle
        """,
        layout(root));
  }
}
