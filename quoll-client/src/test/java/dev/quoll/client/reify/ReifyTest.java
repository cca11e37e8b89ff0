package dev.quoll.client.reify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.ClientException;
import dev.quoll.client.cache.ContentCache;
import dev.quoll.client.registry.RegistryClient;
import dev.quoll.client.testing.FakeRegistry;
import dev.quoll.client.testing.FakeRegistry.Published;
import dev.quoll.client.testing.TreeSnapshot;
import dev.quoll.core.CoreException;
import dev.quoll.core.integrity.Integrity;
import dev.quoll.core.json.Json;
import dev.quoll.core.path.FolderTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReifyTest {
  @TempDir Path tmp;
  private ReifyFixture fx;
  private FakeRegistry registry;
  private RegistryClient client;
  private ContentCache cache;
  private Path root;

  @BeforeEach
  void start() throws IOException {
    fx = new ReifyFixture(tmp);
    registry = fx.registry;
    client = fx.client;
    cache = fx.cache;
    root = fx.root;
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private static ObjectNode manifest(String json) {
    return Json.parseObject(json);
  }

  private static PlacedPackage placed(
      String location, Published p, Map<String, String> bin, boolean optional) {
    return ReifyFixture.placed(location, p, bin, optional);
  }

  private ReifyResult reify(List<PlacedPackage> pkgs, ReifyOptions options) {
    return new Reifier(client, cache).reify(new ReifyPlan(root, pkgs, options));
  }

  private static ReifyOptions quiet() {
    return ReifyOptions.defaults();
  }

  private Map<String, String> snapshot() {
    return fx.snapshot();
  }

  @Test
  void placesPackagesAndLinksBinsLikeNpm() throws IOException {
    Published a =
        registry.publish(
            "a",
            "1.0.0",
            manifest("{\"bin\":{\"a-cli\":\"bin/cli.js\"}}"),
            Map.of(
                "bin/cli.js",
                "#!/usr/bin/env node\r\nconsole.log(1)\n",
                "index.js",
                "module.exports = 1"));
    Published b =
        registry.publish(
            "b", "2.0.0", manifest("{\"bin\":\"./b.js\"}"), Map.of("b.js", "#!/bin/sh\n"));
    Published c = registry.publish("@s/c", "3.0.0", manifest("{}"), Map.of("lib/c.js", "c"));
    ReifyResult r =
        reify(
            List.of(
                placed("node_modules/a", a, Map.of("a-cli", "bin/cli.js"), false),
                placed("node_modules/a/node_modules/b", b, Map.of("b", "b.js"), false),
                placed("node_modules/@s/c", c, Map.of(), false)),
            quiet());
    assertEquals(
        List.of("node_modules/@s/c", "node_modules/a", "node_modules/a/node_modules/b"), r.added());
    Map<String, String> tree = TreeSnapshot.of(root.resolve("node_modules"), false, rel -> false);
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put(".bin", "dir rwxr-xr-x");
    expected.put(".bin/a-cli", "link -> ../a/bin/cli.js");
    expected.put("@s", "dir rwxr-xr-x");
    expected.put("@s/c", "dir rwxr-xr-x");
    expected.put("@s/c/lib", "dir rwxr-xr-x");
    expected.put("@s/c/lib/c.js", "file rw-r--r--");
    expected.put("@s/c/package.json", "file rw-r--r--");
    expected.put("a", "dir rwxr-xr-x");
    expected.put("a/bin", "dir rwxr-xr-x");
    expected.put("a/bin/cli.js", "file rwxr-xr-x");
    expected.put("a/index.js", "file rw-r--r--");
    expected.put("a/node_modules", "dir rwxr-xr-x");
    expected.put("a/node_modules/.bin", "dir rwxr-xr-x");
    expected.put("a/node_modules/.bin/b", "link -> ../b/b.js");
    expected.put("a/node_modules/b", "dir rwxr-xr-x");
    expected.put("a/node_modules/b/b.js", "file rwxr-xr-x");
    expected.put("a/node_modules/b/package.json", "file rw-r--r--");
    expected.put("a/package.json", "file rw-r--r--");
    assertEquals(new java.util.TreeMap<>(expected), tree);
    // bin-links' fixBin: CRLF after the shebang became LF
    assertEquals(
        "#!/usr/bin/env node\nconsole.log(1)\n",
        Files.readString(root.resolve("node_modules/a/bin/cli.js")));
  }

  @Test
  void binsFromPackageJsonAndDirectoriesBinWhenThePlanHasNone() throws IOException {
    Published d =
        registry.publish(
            "d",
            "1.0.0",
            manifest("{\"directories\":{\"bin\":\"tools\"}}"),
            Map.of("tools/one", "#!/bin/sh\n", "tools/two.js", "x"));
    reify(List.of(placed("node_modules/d", d, Map.of(), false)), quiet());
    assertEquals(
        Path.of("../d/tools/one"), Files.readSymbolicLink(root.resolve("node_modules/.bin/one")));
    assertEquals(
        Path.of("../d/tools/two.js"),
        Files.readSymbolicLink(root.resolve("node_modules/.bin/two.js")));
  }

  @Test
  void lifecycleScriptsRunInOrderWithNpmsEnvironment() throws IOException {
    Path log = tmp.resolve("log.txt");
    String append = " >> " + log;
    Published tool =
        registry.publish(
            "tool",
            "1.0.0",
            manifest("{\"bin\":{\"tool\":\"t.sh\"}}"),
            Map.of("t.sh", "#!/bin/sh\necho tool-ran\n"));
    Published s =
        registry.publish(
            "s",
            "1.2.3",
            manifest(
                "{\"config\":{\"port\":\"8080\"},\"scripts\":{"
                    + "\"preinstall\":\"echo pre $npm_lifecycle_event $npm_package_name $npm_package_version $npm_package_config_port"
                    + append
                    + "\",\"install\":\"echo install $npm_config_foo $npm_package_optional-$npm_package_dev"
                    + append
                    + "\",\"postinstall\":\"tool"
                    + append
                    + " && echo \\\"$npm_package_json\\\" | grep -q s/package.json && echo post $INIT_CWD"
                    + append
                    + "\"}}"),
            Map.of("index.js", ""));
    Path gyp = Files.createDirectories(tmp.resolve("gypbin"));
    Files.writeString(
        gyp.resolve("node-gyp"), "#!/bin/sh\necho gyp $1 $(basename $PWD)" + append + "\n");
    gyp.resolve("node-gyp").toFile().setExecutable(true);
    Published g = registry.publish("native", "1.0.0", manifest("{}"), Map.of("binding.gyp", "{}"));
    Published ng =
        registry.publish(
            "nogyp", "1.0.0", manifest("{\"gypfile\":false}"), Map.of("binding.gyp", "{}"));
    ReifyOptions opts =
        new ReifyOptions(
            false, false, 4, 1, Map.of("npm_config_foo", "bar"), "sh", List.of(gyp.toString()));
    ReifyResult r =
        reify(
            List.of(
                placed("node_modules/tool", tool, Map.of("tool", "t.sh"), false),
                placed("node_modules/s", s, Map.of(), false),
                placed("node_modules/native", g, Map.of(), false),
                placed("node_modules/nogyp", ng, Map.of(), false)),
            opts);
    assertEquals(
        List.of(
            "pre preinstall s 1.2.3 8080",
            "gyp rebuild native",
            "install bar -",
            "tool-ran",
            "post " + root),
        Files.readAllLines(log));
    assertEquals(
        List.of(
            "node_modules/s:preinstall",
            "node_modules/native:install",
            "node_modules/s:install",
            "node_modules/s:postinstall"),
        r.scripts().stream().map(x -> x.location() + ":" + x.event()).toList());
  }

  @Test
  void ignoreScriptsRunsNothingButLinksBins() throws IOException {
    Path marker = tmp.resolve("ran");
    Published s =
        registry.publish(
            "s",
            "1.0.0",
            manifest(
                "{\"bin\":{\"s\":\"s.js\"},\"scripts\":{\"install\":\"touch " + marker + "\"}}"),
            Map.of("s.js", "x"));
    ReifyResult r =
        reify(
            List.of(placed("node_modules/s", s, Map.of("s", "s.js"), false)),
            quiet().withIgnoreScripts(true));
    assertFalse(Files.exists(marker));
    assertEquals(List.of(), r.scripts());
    assertTrue(Files.isSymbolicLink(root.resolve("node_modules/.bin/s")));
  }

  @Test
  void failingScriptRollsBackToTheTreeAsItWas() throws IOException {
    Published a1 =
        registry.publish(
            "a", "1.0.0", manifest("{\"bin\":{\"a\":\"a.js\"}}"), Map.of("a.js", "v1"));
    Published keep = registry.publish("keep", "1.0.0", manifest("{}"), Map.of("k.js", "k"));
    Published gone =
        registry.publish(
            "gone", "1.0.0", manifest("{\"bin\":{\"gone\":\"g.js\"}}"), Map.of("g.js", "g"));
    reify(
        List.of(
            placed("node_modules/a", a1, Map.of("a", "a.js"), false),
            placed("node_modules/keep", keep, Map.of(), false),
            placed("node_modules/gone", gone, Map.of("gone", "g.js"), false)),
        quiet());
    Map<String, String> before = snapshot();
    Published a2 =
        registry.publish(
            "a",
            "2.0.0",
            manifest(
                "{\"bin\":{\"a\":\"a.js\"},\"scripts\":{\"postinstall\":\"echo boom; exit 3\"}}"),
            Map.of("a.js", "v2"));
    Published fresh = registry.publish("fresh", "1.0.0", manifest("{}"), Map.of("f.js", "f"));
    ClientException e =
        assertThrows(
            ClientException.class,
            () ->
                reify(
                    List.of(
                        placed("node_modules/a", a2, Map.of("a", "a.js"), false),
                        placed("node_modules/keep", keep, Map.of(), false),
                        placed("node_modules/fresh", fresh, Map.of(), false)),
                    quiet()));
    assertEquals("ELIFECYCLE", e.code());
    assertTrue(e.getMessage().contains("a@2.0.0 postinstall"), e.getMessage());
    assertTrue(e.getMessage().contains("boom"), e.getMessage());
    assertEquals(before, snapshot());
  }

  @Test
  void failingOptionalPackageIsSkipped() throws IOException {
    Published ok = registry.publish("ok", "1.0.0", manifest("{}"), Map.of("o.js", "o"));
    Published bad =
        registry.publish(
            "bad",
            "1.0.0",
            manifest("{\"bin\":{\"bad\":\"b.js\"},\"scripts\":{\"install\":\"exit 1\"}}"),
            Map.of("b.js", "b"));
    Published inner = registry.publish("inner", "1.0.0", manifest("{}"), Map.of("i.js", "i"));
    Published missing =
        registry.publishRaw(
            "missing",
            "1.0.0",
            manifest("{}"),
            FakeRegistry.tgz(Map.of("package/x", new byte[] {1}), Map.of()));
    registry.replaceTarball(missing.url(), "not found".getBytes(StandardCharsets.UTF_8));
    ReifyResult r =
        reify(
            List.of(
                placed("node_modules/ok", ok, Map.of(), false),
                placed("node_modules/bad", bad, Map.of("bad", "b.js"), true),
                placed("node_modules/bad/node_modules/inner", inner, Map.of(), true),
                placed("node_modules/missing", missing, Map.of(), true)),
            quiet());
    assertEquals(List.of("node_modules/bad", "node_modules/missing"), r.skippedOptional());
    assertEquals(List.of("node_modules/ok"), r.added());
    assertEquals(
        List.of("ok", "ok/o.js", "ok/package.json"),
        List.copyOf(TreeSnapshot.of(root.resolve("node_modules"), false, x -> false).keySet()));
  }

  @Test
  void wrongIntegrityIsRefusedNamingThePackageAndLeavesNothing() throws IOException {
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
                        placed("node_modules/good", good, Map.of(), false),
                        placed("node_modules/evil", evil, Map.of(), false)),
                    quiet()));
    assertEquals("EINTEGRITY", e.code());
    assertTrue(e.getMessage().startsWith("evil@1.0.0: "), e.getMessage());
    assertEquals(before, snapshot());
    assertTrue(cache.find(evil.integrity()).isEmpty());
  }

  @Test
  void tarballsEscapingTheFolderAreRefusedAndLeaveNothing() throws IOException {
    Path outside = tmp.resolve("outside");
    Files.createDirectories(outside);
    byte[] dotdot = FakeRegistry.escapingTgz();
    Published p1 = registry.publishRaw("dotdot", "1.0.0", manifest("{}"), dotdot);
    Map<String, String> before = snapshot();
    CoreException e =
        assertThrows(
            CoreException.class,
            () -> reify(List.of(placed("node_modules/dotdot", p1, Map.of(), false)), quiet()));
    assertEquals("EBADTAR", e.code());
    assertTrue(e.getMessage().contains("dotdot@1.0.0"), e.getMessage());
    assertEquals(before, snapshot());

    byte[] symlink =
        FakeRegistry.tgz(
            Map.of(
                "package/package.json",
                "{}".getBytes(StandardCharsets.UTF_8),
                "package/link/pwned",
                "x".getBytes(StandardCharsets.UTF_8)),
            Map.of("package/link", outside.toString()));
    Published p2 = registry.publishRaw("symlinky", "1.0.0", manifest("{}"), symlink);
    try {
      reify(List.of(placed("node_modules/symlinky", p2, Map.of(), false)), quiet());
    } catch (CoreException refused) {
      assertEquals(before, snapshot());
    }
    assertEquals(List.of(), TreeSnapshot.of(outside, false, x -> false).keySet().stream().toList());
    assertFalse(Files.isSymbolicLink(root.resolve("node_modules/symlinky/link")));
    try (var walk = Files.walk(root)) {
      assertEquals(List.of(), walk.filter(Files::isSymbolicLink).toList());
    }
  }

  @Test
  void secondRunTouchesOnlyWhatChanged() throws IOException {
    Published a = registry.publish("a", "1.0.0", manifest("{}"), Map.of("a.js", "a"));
    Published b1 =
        registry.publish(
            "b", "1.0.0", manifest("{\"bin\":{\"b\":\"b.js\"}}"), Map.of("b.js", "b1"));
    Published c =
        registry.publish("c", "1.0.0", manifest("{\"bin\":{\"c\":\"c.js\"}}"), Map.of("c.js", "c"));
    reify(
        List.of(
            placed("node_modules/a", a, Map.of(), false),
            placed("node_modules/b", b1, Map.of("b", "b.js"), false),
            placed("node_modules/c", c, Map.of("c", "c.js"), false)),
        quiet());
    Object inode = Files.getAttribute(root.resolve("node_modules/a/a.js"), "unix:ino");
    Published b2 =
        registry.publish(
            "b", "2.0.0", manifest("{\"bin\":{\"b\":\"b.js\"}}"), Map.of("b.js", "b2"));
    List<PlacedPackage> plan =
        List.of(
            placed("node_modules/a", a, Map.of(), false),
            placed("node_modules/b", b2, Map.of("b", "b.js"), false));
    ReifyResult dry = reify(plan, quiet().withDryRun(true));
    assertEquals(List.of("node_modules/b"), dry.added());
    assertEquals("b1", Files.readString(root.resolve("node_modules/b/b.js")));
    ReifyResult r = reify(plan, quiet());
    assertEquals(List.of("node_modules/b"), r.added());
    assertEquals(List.of("node_modules/b", "node_modules/c"), r.removed());
    assertEquals(List.of("node_modules/a"), r.unchanged());
    assertEquals(inode, Files.getAttribute(root.resolve("node_modules/a/a.js"), "unix:ino"));
    assertEquals("b2", Files.readString(root.resolve("node_modules/b/b.js")));
    assertFalse(
        Files.exists(root.resolve("node_modules/.bin/c"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertTrue(Files.isSymbolicLink(root.resolve("node_modules/.bin/b")));
    List<String> stray = new ArrayList<>();
    try (var list = Files.list(root.resolve("node_modules"))) {
      list.filter(p -> p.getFileName().toString().startsWith(".quoll"))
          .forEach(p -> stray.add(p.toString()));
    }
    assertEquals(List.of(), stray);
    // a no-op run changes nothing
    ReifyResult noop = reify(plan, quiet());
    assertEquals(List.of(), noop.added());
    assertEquals(List.of(), noop.removed());
  }

  @Test
  void workspaceLinksAndTheirBins() throws IOException {
    Path ws = Files.createDirectories(root.resolve("packages/ws"));
    Files.writeString(
        ws.resolve("package.json"),
        "{\"name\":\"ws\",\"version\":\"0.1.0\",\"bin\":{\"ws\":\"cli.js\"}}");
    Files.writeString(ws.resolve("cli.js"), "x");
    reify(
        List.of(
            new PlacedPackage(
                "node_modules/ws",
                "ws",
                "0.1.0",
                new PackageSource.Link("packages/ws"),
                Map.of(),
                false,
                false,
                false,
                false,
                false)),
        quiet());
    assertEquals(
        Path.of("../packages/ws"), Files.readSymbolicLink(root.resolve("node_modules/ws")));
    assertEquals(
        Path.of("../ws/cli.js"), Files.readSymbolicLink(root.resolve("node_modules/.bin/ws")));
    assertEquals("x", Files.readString(root.resolve("node_modules/.bin/ws")));
  }

  @Test
  void warmCacheNeedsNoNetwork() throws IOException {
    Published a = registry.publish("a", "1.0.0", manifest("{}"), Map.of("a.js", "a"));
    reify(List.of(placed("node_modules/a", a, Map.of(), false)), quiet());
    FolderTrees.delete(root.resolve("node_modules"));
    registry.clearRequests();
    reify(List.of(placed("node_modules/a", a, Map.of(), false)), quiet());
    assertEquals(List.of(), registry.requests());
    assertTrue(Files.exists(root.resolve("node_modules/a/a.js")));
    assertEquals(Integrity.fromData(a.tgz()), a.integrity());
  }

  @Test
  void bundledDependenciesComeWithTheirParentAndStay() throws IOException {
    Published host =
        registry.publish(
            "host",
            "1.0.0",
            manifest("{\"bundleDependencies\":[\"inner\"]}"),
            Map.of(
                "node_modules/inner/package.json",
                "{\"name\":\"inner\",\"version\":\"1.0.0\"}",
                "node_modules/inner/i.js",
                "i"));
    PlacedPackage inner =
        new PlacedPackage(
            "node_modules/host/node_modules/inner",
            "inner",
            "1.0.0",
            new PackageSource.Tarball("", Integrity.fromData(new byte[0])),
            Map.of(),
            false,
            false,
            false,
            false,
            true);
    List<PlacedPackage> plan = List.of(placed("node_modules/host", host, Map.of(), false), inner);
    ReifyResult first = reify(plan, quiet());
    assertEquals(List.of("node_modules/host"), first.added());
    Path i = root.resolve("node_modules/host/node_modules/inner/i.js");
    assertEquals("i", Files.readString(i));
    ReifyResult second = reify(plan, quiet());
    assertEquals(List.of(), second.added());
    assertEquals(List.of(), second.removed());
    assertEquals(
        List.of("node_modules/host", "node_modules/host/node_modules/inner"), second.unchanged());
    assertEquals("i", Files.readString(i));
  }

  @Test
  void linkingFromTheUnpackedStore() throws IOException {
    Published a =
        registry.publish(
            "a",
            "1.0.0",
            manifest("{\"bin\":{\"a\":\"a.js\"}}"),
            Map.of("a.js", "a", "lib/x.js", "x"));
    Published evil = registry.publish("evil", "1.0.0", manifest("{}"), Map.of("e.js", "e"));
    registry.tamper(evil);
    dev.quoll.client.cache.UnpackedStore store =
        new dev.quoll.client.cache.UnpackedStore(tmp.resolve("cache/_quoll/unpacked"));
    Reifier linking = new Reifier(client, cache).linkingFrom(store);
    Published b = registry.publish("b", "1.0.0", manifest("{}"), Map.of("b.js", "b"));
    List<PlacedPackage> plan =
        List.of(
            placed("node_modules/a", a, Map.of("a", "a.js"), false),
            placed("node_modules/b", b, Map.of(), false),
            placed("node_modules/b/node_modules/a", a, Map.of("a", "a.js"), false));
    linking.reify(new ReifyPlan(root, plan, quiet()));
    assertEquals("x", Files.readString(root.resolve("node_modules/b/node_modules/a/lib/x.js")));
    Path stored = store.find(a.integrity()).orElseThrow();
    assertEquals(
        Files.getAttribute(stored.resolve("lib/x.js"), "unix:ino"),
        Files.getAttribute(root.resolve("node_modules/a/lib/x.js"), "unix:ino"));
    assertEquals(
        "rwxr-xr-x",
        java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(root.resolve("node_modules/a/a.js"))));
    assertTrue(Files.isSymbolicLink(root.resolve("node_modules/.bin/a")));
    FolderTrees.delete(root.resolve("node_modules"));
    registry.clearRequests();
    linking.reify(new ReifyPlan(root, plan, quiet()));
    assertEquals(List.of(), registry.requests());
    assertEquals("x", Files.readString(root.resolve("node_modules/a/lib/x.js")));
    Map<String, String> before = snapshot();
    ClientException e =
        assertThrows(
            ClientException.class,
            () ->
                linking.reify(
                    new ReifyPlan(
                        root,
                        List.of(
                            plan.getFirst(), placed("node_modules/evil", evil, Map.of(), false)),
                        quiet())));
    assertEquals("EINTEGRITY", e.code());
    assertEquals(before, snapshot());
    assertTrue(store.find(evil.integrity()).isEmpty());
  }
}
