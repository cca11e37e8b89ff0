package dev.quoll.client.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.ClientException;
import dev.quoll.client.registry.FetchedPackument;
import dev.quoll.client.registry.RegistryClient;
import dev.quoll.client.tree.PackumentSource;
import dev.quoll.core.CoreException;
import dev.quoll.core.packument.Packument;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A {@link PackumentSource} backed by the {@link RegistryClient}: each packument is fetched at most
 * once per install, in the background when the tree builder hints at it.
 *
 * <p>Contract: {@link #prefetch} starts a fetch on a virtual thread for every name not yet asked
 * for; when a fetched document arrives, the dependencies of its {@code latest} version (and peer
 * dependencies) are prefetched as well, a guess at what the builder will ask for next (most ranges
 * resolve to the newest version). {@link #packument} waits for the fetch of that name. With {@code
 * --before}, versions published later are removed (npm-pick-manifest's {@code before} rule via
 * {@link FetchedPackument#versionsBefore}). A failed prefetch is reported only when the builder
 * asks for that name.
 */
public final class RegistryPackuments implements PackumentSource, AutoCloseable {
  private static final boolean TRACE = Boolean.getBoolean("quoll.trace");
  private final RegistryClient client;
  private final boolean speculate;
  private final Map<String, CompletableFuture<Packument>> fetches = new ConcurrentHashMap<>();
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

  /**
   * @param client the registry client (its {@code before} option filters versions)
   * @param speculate whether to prefetch the dependencies of each fetched packument's latest
   *     version
   */
  public RegistryPackuments(RegistryClient client, boolean speculate) {
    this.client = client;
    this.speculate = speculate;
  }

  /**
   * @throws CoreException {@code E404} and the other fetch failures of {@link
   *     RegistryClient#packument}
   */
  @Override
  public Packument packument(String name) {
    try {
      CompletableFuture<Packument> f = start(name);
      if (TRACE) {
        long t0 = System.nanoTime();
        boolean done = f.isDone();
        f.join();
        System.err.printf(
            "packument %s %s %.0f ms%n",
            name, done ? "ready" : "wait", (System.nanoTime() - t0) / 1e6);
      }
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new ClientException("EFETCH", String.valueOf(e.getCause()), e.getCause());
    }
  }

  @Override
  public void prefetch(Collection<String> names) {
    for (String n : names) {
      start(n);
    }
  }

  /** How many packuments were requested so far. */
  public int requested() {
    return fetches.size();
  }

  private CompletableFuture<Packument> start(String name) {
    return fetches.computeIfAbsent(
        name, n -> CompletableFuture.supplyAsync(() -> fetch(n), workers));
  }

  private Packument fetch(String name) {
    FetchedPackument fetched = client.packument(name);
    ObjectNode doc =
        client.options().beforeDate().map(fetched::versionsBefore).orElse(fetched.document());
    if (speculate) {
      speculate(doc);
    }
    return Packument.from(slim(doc));
  }

  /**
   * The part of a packument an install reads: {@code name}, {@code dist-tags}, {@code time} (for
   * {@code --before}) and per version the {@link #VERSION_KEYS}; readmes, maintainers, {@code
   * devDependencies} of dependencies and the like are dropped, so a large tree's documents fit in a
   * small heap.
   */
  static ObjectNode slim(ObjectNode doc) {
    ObjectNode out = doc.objectNode();
    for (String k : new String[] {"_id", "name", "dist-tags", "time"}) {
      if (doc.has(k)) {
        out.set(k, doc.get(k));
      }
    }
    ObjectNode versions = out.putObject("versions");
    for (Map.Entry<String, JsonNode> v : doc.path("versions").properties()) {
      ObjectNode slimV = versions.putObject(v.getKey());
      for (String k : VERSION_KEYS) {
        JsonNode value = v.getValue().get(k);
        if (value != null) {
          slimV.set(k, value);
        }
      }
      JsonNode scripts = v.getValue().get("scripts");
      if (scripts instanceof ObjectNode sc) {
        ObjectNode kept = slimV.putObject("scripts");
        for (String k : new String[] {"preinstall", "install", "postinstall"}) {
          if (sc.has(k)) {
            kept.set(k, sc.get(k));
          }
        }
      }
    }
    return out;
  }

  /** The version manifest fields kept by {@link #slim}: what arborist's tree and lockfile use. */
  static final List<String> VERSION_KEYS =
      List.of(
          "name",
          "version",
          "dependencies",
          "optionalDependencies",
          "peerDependencies",
          "peerDependenciesMeta",
          "bundleDependencies",
          "bundledDependencies",
          "acceptDependencies",
          "bin",
          "directories",
          "engines",
          "os",
          "cpu",
          "libc",
          "dist",
          "deprecated",
          "license",
          "licence",
          "funding",
          "gypfile",
          "hasInstallScript",
          "_hasShrinkwrap",
          "workspaces");

  private void speculate(ObjectNode doc) {
    String latest = doc.path("dist-tags").path("latest").asText("");
    JsonNode v = doc.path("versions").path(latest);
    for (String field : new String[] {"dependencies", "peerDependencies"}) {
      for (Map.Entry<String, JsonNode> e : v.path(field).properties()) {
        String spec = e.getValue().asText("");
        if (spec.startsWith("npm:")) {
          String rest = spec.substring(4);
          int at = rest.indexOf('@', 1);
          start(at < 0 ? rest : rest.substring(0, at));
        } else if (!spec.contains(":") && !spec.contains("/")) {
          start(e.getKey());
        }
      }
    }
  }

  /** Stops the background fetches still running. */
  @Override
  public void close() {
    workers.shutdownNow();
  }
}
