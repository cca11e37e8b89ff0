package dev.quoll.client.reify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.client.cache.ContentCache;
import dev.quoll.client.config.ConfigSource;
import dev.quoll.client.config.NpmConfig;
import dev.quoll.client.install.InstallRequest;
import dev.quoll.client.install.Installer;
import dev.quoll.client.install.Operation;
import dev.quoll.client.install.RegistryPackuments;
import dev.quoll.client.registry.FetchOptions;
import dev.quoll.client.registry.RegistryClient;
import dev.quoll.client.testing.InstallFixture;
import dev.quoll.client.testing.TreeSnapshot;
import dev.quoll.client.tree.Platform;
import dev.quoll.core.json.Json;
import dev.quoll.core.manifest.DependencyType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An install stopped by SIGTERM (what Ctrl-C and {@code kill} do to the JVM) while a postinstall
 * script runs, after the new packages were swapped into node_modules: as arborist does on a signal,
 * the swap is reverted before the process exits, so node_modules, package.json and the lockfile are
 * exactly as they were and no staging folder is left behind.
 */
class StoppedInstallTest {
  @RegisterExtension final InstallFixture fx = InstallFixture.create();

  @Test
  void sigtermDuringScriptsRollsBack() throws Exception {
    fx.registry().publish("a", "1.0.0", Json.object(), Map.of("index.js", "// 1.0.0"));
    fx.registry().publish("a", "1.1.0", Json.object(), Map.of("index.js", "// 1.1.0"));
    var slow = Json.object();
    slow.putObject("scripts").put("postinstall", "touch \"$QUOLL_TEST_MARK\"; sleep 60");
    fx.registry().publish("slow", "1.0.0", slow, Map.of("index.js", ""));
    Path root =
        fx.project(
            "p", "{\n  \"name\": \"p\",\n  \"version\": \"1.0.0\",\n  \"dependencies\": {}\n}\n");
    fx.quietInstaller()
        .run(
            InstallRequest.of(
                root, new Operation.Install(List.of("a@1.0.0"), DependencyType.PROD, false)));
    Map<String, String> before = TreeSnapshot.of(root, true, rel -> false);

    Path mark = fx.tmp().resolve("script-started");
    ProcessBuilder pb =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                Child.class.getName(),
                root.toString(),
                fx.registry().url(),
                fx.tmp().resolve("qc").toString())
            .redirectErrorStream(true)
            .redirectOutput(fx.tmp().resolve("child.txt").toFile());
    pb.environment().put("QUOLL_TEST_MARK", mark.toString());
    Process child = pb.start();
    List<ProcessHandle> scripts = new ArrayList<>();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(mark) && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(
          Files.exists(mark),
          "the script never started: " + Files.readString(fx.tmp().resolve("child.txt")));
      assertTrue(Files.exists(root.resolve("node_modules/slow")), "nothing was swapped in yet");
      child.descendants().forEach(scripts::add);
      child.destroy(); // SIGTERM
      assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the install did not stop");
    } finally {
      child.destroyForcibly();
      scripts.forEach(ProcessHandle::destroyForcibly);
    }
    assertEquals(
        TreeSnapshot.text(before),
        TreeSnapshot.text(TreeSnapshot.of(root, true, rel -> false)),
        Files.readString(fx.tmp().resolve("child.txt")));
  }

  /** The stopped install: {@code install slow a@1.1.0} in {@code <project>}. */
  public static final class Child {
    private Child() {}

    /**
     * @param args {@code <project> <registry-url> <cache-dir>}
     */
    public static void main(String[] args) {
      Path root = Path.of(args[0]);
      Path cache = Path.of(args[2]);
      NpmConfig config =
          new NpmConfig(
              Map.of(ConfigSource.USER, Map.of("registry", args[1], "cache", cache.toString())));
      RegistryClient client = new RegistryClient(config, FetchOptions.of(config));
      new Installer(
              config,
              new RegistryPackuments(client, true),
              new Reifier(client, new ContentCache(cache.resolve("_cacache"))),
              ReifyOptions.defaults(),
              new Platform("linux", "x64", "glibc"))
          .withScriptBanner(java.util.Optional.empty())
          .run(
              InstallRequest.of(
                  root,
                  new Operation.Install(List.of("slow", "a@1.1.0"), DependencyType.PROD, false)));
    }
  }
}
