package dev.quoll.client.reify;

import dev.quoll.client.cache.ContentCache;
import dev.quoll.client.cache.UnpackedStore;
import dev.quoll.client.config.ConfigLoader;
import dev.quoll.client.config.NpmConfig;
import dev.quoll.client.registry.FetchOptions;
import dev.quoll.client.registry.RegistryClient;
import dev.quoll.client.testing.LockfilePlans;
import dev.quoll.core.json.Json;
import dev.quoll.core.path.FolderTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A tiny command for bench/client/reify: reifies {@code <project>/package-lock.json} into {@code
 * <project>/node_modules} with scripts off, using the npm config of this process ({@code
 * --cache=<dir>} as the only flag), and prints the time taken and the counts.
 */
public final class ReifyMain {
  private ReifyMain() {}

  /**
   * @param args {@code <project-dir> <cache-dir>}
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    Path project = Path.of(args[0]).toAbsolutePath();
    Path cacheDir = Path.of(args[1]).toAbsolutePath();
    NpmConfig config = ConfigLoader.forProcess(Map.of("cache", cacheDir.toString())).load();
    List<PlacedPackage> plan =
        LockfilePlans.plan(
            Json.parse(Files.readAllBytes(project.resolve("package-lock.json"))),
            config.registry());
    ReifyResult r;
    try (RegistryClient client = new RegistryClient(config, FetchOptions.of(config))) {
      r =
          reifier(client, cacheDir)
              .reify(new ReifyPlan(project, plan, ReifyOptions.defaults().withIgnoreScripts(true)));
    }
    System.out.printf(
        "quoll reify: %d added, %d removed, %d unchanged in %.2f s%n",
        r.added().size(), r.removed().size(), r.unchanged().size(), (System.nanoTime() - t0) / 1e9);
    // QUOLL_REPEAT=n: n more runs in this JVM, each after removing node_modules (JIT-warm cost)
    int repeat = Integer.parseInt(System.getenv().getOrDefault("QUOLL_REPEAT", "0"));
    for (int i = 0; i < repeat; i++) {
      FolderTrees.delete(project.resolve("node_modules"));
      long t1 = System.nanoTime();
      try (RegistryClient client = new RegistryClient(config, FetchOptions.of(config))) {
        reifier(client, cacheDir)
            .reify(new ReifyPlan(project, plan, ReifyOptions.defaults().withIgnoreScripts(true)));
      }
      System.out.printf("repeat %d: %.3f s%n", i, (System.nanoTime() - t1) / 1e9);
    }
  }

  /**
   * QUOLL_LINK=1: hard-link from the unpacked store in {@code <cache>/_quoll/unpacked}, with
   * QUOLL_LINK_THREADS link threads.
   */
  private static Reifier reifier(RegistryClient client, Path cacheDir) {
    Reifier r = new Reifier(client, new ContentCache(cacheDir.resolve("_cacache")));
    if ("1".equals(System.getenv("QUOLL_LINK"))) {
      int threads =
          Integer.parseInt(
              System.getenv()
                  .getOrDefault(
                      "QUOLL_LINK_THREADS", Integer.toString(Reifier.DEFAULT_LINK_THREADS)));
      r = r.linkingFrom(new UnpackedStore(cacheDir.resolve("_quoll").resolve("unpacked")), threads);
    }
    return r;
  }
}
