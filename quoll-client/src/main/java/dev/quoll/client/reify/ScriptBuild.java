package dev.quoll.client.reify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.ClientException;
import dev.quoll.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The build phase of a reify: bins and lifecycle scripts of the placed packages (arborist 9's
 * {@code rebuild} as {@code reify} drives it, with {@code handleOptionalFailure}).
 *
 * <p>Contract: packages are sorted as arborist's {@code sortNodes} (depth, then location; so
 * shallow packages first, not leaves first). Registry packages are built first, then links (their
 * targets' scripts): for packages, every {@code preinstall}, then bins linked into {@code .bin}
 * ({@link BinLinker}), then every {@code install} ({@code node-gyp rebuild} when {@code
 * binding.gyp} exists, {@code gypfile} is not {@code false} and neither {@code install} nor {@code
 * preinstall} is set), then every {@code postinstall}; for links the same with {@code prepare}
 * after {@code preinstall} and before the bins. Scripts of one event run in parallel, at most
 * {@code extractConcurrency} at once (npm's {@code promise-call-limit}, one per CPU); the next
 * event starts when all of the previous one ended. No script runs with {@code ignoreScripts}. A
 * failing script of an optional package hands the package to {@code dropOptional} (and its later
 * scripts are skipped); any other failure throws {@code ELIFECYCLE} after the event's scripts
 * ended.
 */
final class ScriptBuild {
  private final Path root;
  private final ReifyOptions options;
  private final BinLinker bins;
  private final Lifecycle lifecycle;
  private final Predicate<String> isSkipped;
  private final Predicate<String> binFree;
  private final Consumer<PlacedPackage> dropOptional;
  private final List<ScriptRun> scripts;
  private final Map<String, Map<String, String>> linkedBins;

  /**
   * @param root the project folder
   * @param options ignore-scripts, shell, environment, concurrency
   * @param bins the bin linker of this reify (journaled)
   * @param isSkipped whether a location was dropped as a failed optional package
   * @param binFree whether a location was linked from a store entry known to declare no bins (its
   *     package.json need not be read for {@code directories.bin})
   * @param dropOptional removes a failed optional package
   * @param scripts receives every script that ran, in completion order per event
   * @param linkedBins receives the bins linked per location
   */
  ScriptBuild(
      Path root,
      ReifyOptions options,
      BinLinker bins,
      Predicate<String> isSkipped,
      Predicate<String> binFree,
      Consumer<PlacedPackage> dropOptional,
      List<ScriptRun> scripts,
      Map<String, Map<String, String>> linkedBins) {
    this.root = root;
    this.options = options;
    this.bins = bins;
    this.lifecycle = new Lifecycle(root, options);
    this.isSkipped = isSkipped;
    this.binFree = binFree;
    this.dropOptional = dropOptional;
    this.scripts = scripts;
    this.linkedBins = linkedBins;
  }

  private record Item(PlacedPackage pkg, Path dir, JsonNode json, Map<String, String> scripts) {}

  /**
   * Builds the packages that were placed, and the links kept from the root whose scripts npm runs
   * on every install.
   *
   * @param placed packages written by this reify
   * @param keptLinks links left in place that npm rebuilds anyway (workspaces, {@code file:}
   *     folders inside the project); their bins are not linked again
   */
  void build(List<PlacedPackage> placed, List<PlacedPackage> keptLinks) {
    List<Item> queue = new ArrayList<>();
    for (PlacedPackage p : placed) {
      queue.add(item(p));
    }
    List<Item> kept = new ArrayList<>();
    if (!options.ignoreScripts()) {
      for (PlacedPackage p : keptLinks) {
        kept.add(item(p));
      }
    }
    queue.sort((a, b) -> Locations.BY_DEPTH.compare(a.pkg().location(), b.pkg().location()));
    List<Item> deps =
        queue.stream().filter(it -> !(it.pkg().source() instanceof PackageSource.Link)).toList();
    List<Item> links =
        new ArrayList<>(
            queue.stream().filter(it -> it.pkg().source() instanceof PackageSource.Link).toList());
    pass(deps, List.of(), List.of("preinstall"), List.of("install", "postinstall"));
    List<Item> allLinks = new ArrayList<>(links);
    allLinks.addAll(kept);
    allLinks.sort((a, b) -> Locations.BY_DEPTH.compare(a.pkg().location(), b.pkg().location()));
    pass(allLinks, kept, List.of("preinstall", "prepare"), List.of("install", "postinstall"));
  }

  /** Builds one package: its folder, package.json and scripts (the gyp default added). */
  private Item item(PlacedPackage p) {
    Path dir =
        switch (p.source()) {
          case PackageSource.Tarball t -> root.resolve(p.location());
          case PackageSource.Git g -> root.resolve(p.location());
          case PackageSource.Link l -> root.resolve(l.target()).normalize();
        };
    Map<String, String> sc = new HashMap<>();
    if (options.ignoreScripts()) {
      return new Item(p, dir, Json.object(), sc);
    }
    JsonNode json = ActualTree.packageJson(dir).orElse(Json.object());
    if (json.get("scripts") instanceof ObjectNode s) {
      s.properties()
          .forEach(
              e -> {
                if (e.getValue().isTextual()) {
                  sc.put(e.getKey(), e.getValue().textValue());
                }
              });
    }
    if (!sc.containsKey("install") && !sc.containsKey("preinstall") && Lifecycle.isGyp(dir, json)) {
      sc.put("install", Lifecycle.NODE_GYP_DEFAULT);
    }
    return new Item(p, dir, json, sc);
  }

  private void pass(List<Item> items, List<Item> noBins, List<String> before, List<String> after) {
    if (!options.ignoreScripts()) {
      for (String ev : before) {
        runEvent(items, ev);
      }
    }
    for (Item it : items) {
      if (isSkipped.test(it.pkg().location()) || noBins.contains(it)) {
        continue;
      }
      Map<String, String> b =
          it.pkg().bin().isEmpty() && binFree.test(it.pkg().location())
              ? Map.<String, String>of()
              : BinLinker.binsOf(it.dir(), it.pkg().bin());
      if (!b.isEmpty()) {
        try {
          bins.link(it.pkg().location(), b);
          linkedBins.put(it.pkg().location(), b);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    if (!options.ignoreScripts()) {
      for (String ev : after) {
        runEvent(items, ev);
      }
    }
  }

  private void runEvent(List<Item> items, String event) {
    List<Item> todo =
        items.stream()
            .filter(it -> it.scripts().containsKey(event) && !isSkipped.test(it.pkg().location()))
            .toList();
    if (todo.isEmpty()) {
      return;
    }
    Semaphore limit = new Semaphore(options.extractConcurrency());
    Map<Item, Future<ScriptRun>> futures = new LinkedHashMap<>();
    try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Item it : todo) {
        // the permit is taken here, not in the task, so scripts start in sortNodes order (as
        // promise-call-limit starts them); a task taking it would race the others for it
        limit.acquireUninterruptibly();
        futures.put(
            it,
            ex.submit(
                () -> {
                  try {
                    return lifecycle.run(
                        it.pkg(), it.dir(), it.json(), event, it.scripts().get(event));
                  } finally {
                    limit.release();
                  }
                }));
      }
    }
    for (Map.Entry<Item, Future<ScriptRun>> e : futures.entrySet()) {
      Item it = e.getKey();
      ScriptRun r;
      try {
        r = e.getValue().get();
      } catch (ExecutionException ex) {
        r =
            new ScriptRun(
                it.pkg().location(), event, it.scripts().get(event), -1, ex.getCause().toString());
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new ClientException("EINTR", "interrupted");
      }
      scripts.add(r);
      if (r.exitCode() != 0) {
        if (it.pkg().optional()) {
          dropOptional.accept(it.pkg());
        } else {
          throw new ClientException(
              "ELIFECYCLE",
              it.pkg().id()
                  + " "
                  + event
                  + ": `"
                  + r.command()
                  + "` exited with code "
                  + r.exitCode()
                  + "\n"
                  + r.output());
        }
      }
    }
  }
}
