package dev.quoll.client.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.core.manifest.Manifest;
import dev.quoll.core.packument.Packument;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The tree rules on small fake registries: whole location-to-version maps are compared. */
class TreeRulesTest {

  static IdealTree build(String registry, String packageJson, IdealTreeRequest.ResolveOptions o) {
    FakeRegistry reg = new FakeRegistry(registry, "http://registry.test/");
    IdealTreeRequest req =
        IdealTreeRequest.of(Manifest.parse(packageJson))
            .withOptions(o)
            .withPlatform(new Platform("linux", "x64", "glibc"));
    return new IdealTreeBuilder(reg).build(req);
  }

  static String layout(IdealTree tree) {
    Map<String, String> out = new TreeMap<>();
    for (Node n : tree.root().inventory()) {
      if (n != tree.root()) {
        String flags =
            (n.dev() ? " dev" : "")
                + (n.optional() ? " optional" : "")
                + (n.devOptional() ? " devOptional" : "")
                + (n.peer() ? " peer" : "")
                + (n.inert() ? " inert" : "");
        out.put(n.location(), n.version().orElse("?") + flags);
      }
    }
    StringBuilder sb = new StringBuilder();
    out.forEach((k, v) -> sb.append(k).append(" ").append(v).append("\n"));
    return sb.toString();
  }

  static String layout(String registry, String packageJson) {
    return layout(build(registry, packageJson, IdealTreeRequest.ResolveOptions.DEFAULT));
  }

  @Test
  void hoistsAndNestsConflicts() {
    String reg =
        """
        a@1.0.0 -> c@^1
        b@1.0.0 -> c@^2
        c@1.0.0
        c@2.0.0
        """;
    assertEquals(
        """
        node_modules/a 1.0.0
        node_modules/b 1.0.0
        node_modules/b/node_modules/c 2.0.0
        node_modules/c 1.0.0
        """,
        layout(reg, "{\"name\":\"root\",\"dependencies\":{\"a\":\"^1\",\"b\":\"^1\"}}"));
  }

  @Test
  void cyclesAndDedupe() {
    String reg =
        """
        a@1.0.0 -> b@^1
        b@1.0.0 -> a@^1
        b@1.1.0 -> a@^1
        """;
    assertEquals(
        """
        node_modules/a 1.0.0
        node_modules/b 1.1.0
        """,
        layout(reg, "{\"dependencies\":{\"a\":\"^1\"}}"));
  }

  @Test
  void picksLatestThenHighestAndSkipsDeprecated() {
    String reg =
        """
        a@1.0.0
        a@1.2.0 [deprecated]
        a@1.1.0
        b@1.0.0
        b@1.5.0
        b@2.0.0
        b@1.3.0 [latest]
        """;
    assertEquals(
        """
        node_modules/a 1.1.0
        node_modules/b 1.3.0
        """,
        layout(reg, "{\"dependencies\":{\"a\":\"^1\",\"b\":\"^1\"}}"));
  }

  @Test
  void peersArePlacedBesideTheirDependents() {
    String reg =
        """
        plugin@1.0.0 -> host@^2 (peer)
        host@1.0.0
        host@2.0.0
        host@3.0.0
        """;
    assertEquals(
        """
        node_modules/host 2.0.0 peer
        node_modules/plugin 1.0.0
        """,
        layout(reg, "{\"dependencies\":{\"plugin\":\"^1\"}}"));
  }

  @Test
  void peerConflictWithRootIsEresolve() {
    String reg =
        """
        plugin@1.0.0 -> host@^2 (peer)
        host@1.0.0
        host@2.0.0
        """;
    ResolveException e =
        assertThrows(
            ResolveException.class,
            () ->
                layout(
                    reg,
                    "{\"name\":\"root\",\"version\":\"1.0.0\",\"dependencies\":{\"plugin\":\"^1\",\"host\":\"^1\"}}"));
    assertEquals("ERESOLVE", e.code());
    assertTrue(e.explanation().contains("Could not resolve dependency:"), e.explanation());
  }

  @Test
  void aMissingPackageIsNpmsE404NamingTheSpec() {
    ResolveException e =
        assertThrows(
            ResolveException.class,
            () -> layout("a@1.0.0 -> missing@^1", "{\"dependencies\":{\"a\":\"^1\"}}"));
    assertEquals("E404", e.code());
    assertTrue(e.getMessage().startsWith("404 Not Found - GET "), e.getMessage());
    assertEquals(
        "\nThe requested resource 'missing@^1' could not be found or you do not have permission"
            + " to access it.\n\nNote that you can also install from a\n"
            + "tarball, folder, http url, or git url.",
        e.explanation());
  }

  @Test
  void failingOptionalIsDropped() {
    String reg =
        """
        a@1.0.0 -> missing@^1 (optional), b@^1 (optional)
        b@1.0.0 -> c@^1 [os=darwin]
        c@1.0.0
        """;
    assertEquals(
        """
        node_modules/a 1.0.0
        node_modules/a/node_modules/missing ? optional inert
        node_modules/b 1.0.0 optional inert
        node_modules/c 1.0.0 optional inert
        """,
        layout(reg, "{\"dependencies\":{\"a\":\"^1\"}}"));
  }

  @Test
  void overridesReplaceSpecs() {
    String reg =
        """
        a@1.0.0 -> c@^1
        c@1.0.0
        c@2.0.0
        """;
    assertEquals(
        """
        node_modules/a 1.0.0
        node_modules/c 2.0.0
        """,
        layout(reg, "{\"dependencies\":{\"a\":\"^1\"},\"overrides\":{\"c\":\"2.0.0\"}}"));
  }

  @Test
  void bundledDependenciesAreNotResolved() {
    String reg =
        """
        a@1.0.0 -> b@^1, c@^1 [bundle=b]
        b@1.0.0
        c@1.0.0
        """;
    assertEquals(
        """
        node_modules/a 1.0.0
        node_modules/c 1.0.0
        """,
        layout(reg, "{\"dependencies\":{\"a\":\"^1\"}}"));
  }

  @Test
  void lockedVersionsAreKeptWhileTheyServe() {
    String reg =
        """
        a@1.0.0 -> c@^1
        b@1.0.0 -> c@^1.1
        c@1.0.0
        c@1.1.0
        c@1.2.0
        """;
    String lock =
        """
        {"name":"r","lockfileVersion":3,"requires":true,"packages":{
          "":{"name":"r","dependencies":{"a":"^1"}},
          "node_modules/a":{"version":"1.0.0","dependencies":{"c":"^1"}},
          "node_modules/c":{"version":"1.0.0"}}}
        """;
    FakeRegistry registry = new FakeRegistry(reg, "http://registry.test/");
    Manifest pkg = Manifest.parse("{\"name\":\"r\",\"dependencies\":{\"a\":\"^1\",\"b\":\"^1\"}}");
    Node locked =
        dev.quoll.client.lockfile.LockfileReader.read(
            dev.quoll.client.lockfile.Lockfile.parse(lock), pkg, false);
    IdealTree tree =
        new IdealTreeBuilder(registry)
            .build(
                IdealTreeRequest.of(pkg)
                    .withLockTree(locked)
                    .withPlatform(new Platform("linux", "x64", "glibc")));
    assertEquals(
        """
        node_modules/a 1.0.0
        node_modules/b 1.0.0
        node_modules/c 1.2.0
        """,
        layout(tree));
  }

  @Test
  void forceAcceptsPeerConflictWithAWarning() {
    String reg =
        """
        plugin@1.0.0 -> host@^2 (peer)
        host@1.0.0
        host@2.0.0
        """;
    IdealTree tree =
        build(
            reg,
            "{\"name\":\"root\",\"version\":\"1.0.0\",\"dependencies\":{\"plugin\":\"^1\",\"host\":\"^1\"}}",
            new IdealTreeRequest.ResolveOptions(false, true, false, false));
    assertEquals(
        """
        node_modules/host 1.0.0
        node_modules/plugin 1.0.0
        """,
        layout(tree));
    assertTrue(tree.warnings().getFirst().startsWith("ERESOLVE overriding peer dependency"));
  }

  @Test
  void tarballsOfOtherPlatformsAreNotPickedAhead() {
    // esbuild 0.14's shape: one optional package per platform, only this platform's is needed
    FakeRegistry reg =
        new FakeRegistry(
            """
            esbuild@0.14.11 -> esbuild-linux-64@0.14.11 (optional), \
            esbuild-darwin-64@0.14.11 (optional), esbuild-linux-arm64@0.14.11 (optional)
            esbuild-linux-64@0.14.11 [os=linux] [cpu=x64]
            esbuild-darwin-64@0.14.11 [os=darwin] [cpu=x64]
            esbuild-linux-arm64@0.14.11 [os=linux] [cpu=arm64]
            """,
            "http://registry.test/");
    List<String> picked = new CopyOnWriteArrayList<>();
    PackumentSource recording =
        new PackumentSource() {
          @Override
          public Packument packument(String name) {
            return reg.packument(name);
          }

          @Override
          public void picked(String name, String id, String resolved, String integrity) {
            picked.add(id);
          }
        };
    IdealTree tree =
        new IdealTreeBuilder(recording)
            .build(
                IdealTreeRequest.of(Manifest.parse("{\"dependencies\":{\"esbuild\":\"0.14.11\"}}"))
                    .withPlatform(new Platform("linux", "x64", "glibc")));
    assertEquals(
        """
        node_modules/esbuild 0.14.11
        node_modules/esbuild-darwin-64 0.14.11 optional inert
        node_modules/esbuild-linux-64 0.14.11 optional
        node_modules/esbuild-linux-arm64 0.14.11 optional inert
        """,
        layout(tree));
    assertEquals(
        List.of("esbuild-linux-64@0.14.11", "esbuild@0.14.11"), picked.stream().sorted().toList());
  }
}
