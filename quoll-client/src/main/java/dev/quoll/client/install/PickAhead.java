package dev.quoll.client.install;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.client.tree.ManifestPicker;
import dev.quoll.core.CoreException;
import dev.quoll.core.packument.Packument;
import dev.quoll.core.packument.VersionManifest;
import dev.quoll.core.spec.AliasSpec;
import dev.quoll.core.spec.PackageSpec;
import dev.quoll.core.spec.RegistrySpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Speculative packument prefetch for a cold install: follows the dependency graph ahead of the tree
 * builder, as far as the packuments that have arrived allow.
 *
 * <p>Contract: every (package, spec) pair seen — the root's dependencies first ({@link #want}),
 * then the dependencies, optional dependencies and peer dependencies of each version picked — is
 * expanded at most once, as soon as that package's packument is present: the spec is resolved with
 * {@link ManifestPicker} (npm-pick-manifest's rule, without engines) and the picked version's
 * dependencies are wanted in turn; each newly seen package name is passed to the fetch callback
 * once. So the packuments of the whole graph npm would build are requested after about as many
 * round trips as the graph is deep, whatever order the builder asks in. An optional peer dependency
 * ({@code peerDependenciesMeta.<name>.optional}) is only fetched, not expanded: npm installs it
 * only when something else needs it (then that edge expands it), and the builder reads just its
 * packument; expanding it fetched 292 packuments (20 MB) that a cold angular-quickstart install
 * never used (webpack loaders' optional peers: {@code @rspack/core}, {@code node-sass}, ...). Specs
 * that are not registry specs (git, tarball, folder) and specs that fail to parse or resolve are
 * ignored: the builder reports them. At most {@code maxNames} names are fetched this way.
 * Thread-safe.
 */
final class PickAhead {
  private static final List<String> FIELDS =
      List.of("dependencies", "optionalDependencies", "peerDependencies");

  private final Map<String, Set<String>> specs = new ConcurrentHashMap<>();
  private final Map<String, Packument> arrived = new ConcurrentHashMap<>();
  private final Set<String> expanded = ConcurrentHashMap.newKeySet();
  private final Set<String> fetched = ConcurrentHashMap.newKeySet();
  private final Consumer<String> fetch;
  private final int maxNames;

  /**
   * @param fetch starts fetching a package's packument (called at most once per name)
   * @param maxNames the most names passed to {@code fetch}
   */
  PickAhead(Consumer<String> fetch, int maxNames) {
    this.fetch = fetch;
    this.maxNames = maxNames;
  }

  /**
   * Records that {@code name@spec} will be resolved, and expands it when its packument is here.
   *
   * @param name the dependency name (an alias's own name)
   * @param spec the dependency spec as written
   */
  void want(String name, String spec) {
    RegistrySpec reg = registrySpec(name, spec);
    if (reg == null) {
      return;
    }
    String real = reg.name().orElse(name);
    String key = real + "@" + reg.fetchSpec().orElse("");
    if (!expanded.add(key)) {
      return;
    }
    Set<String> known = specs.computeIfAbsent(real, k -> ConcurrentHashMap.newKeySet());
    if (known.isEmpty() && specs.size() > maxNames) {
      return;
    }
    boolean first = known.isEmpty();
    known.add(key);
    if (first) {
      fetchOnce(real);
    }
    Packument p = arrived.get(real);
    if (p != null) {
      expand(p, reg);
    }
  }

  /**
   * Records an arrived packument and expands every spec wanted of it so far.
   *
   * @param packument the document
   */
  void arrived(Packument packument) {
    String name = packument.name();
    if (arrived.putIfAbsent(name, packument) != null) {
      return;
    }
    Set<String> known = specs.get(name);
    if (known == null) {
      return;
    }
    for (String key : List.copyOf(known)) {
      String spec = key.substring(name.length() + 1);
      try {
        if (PackageSpec.parse(name, spec.isEmpty() ? "*" : spec) instanceof RegistrySpec r) {
          expand(packument, r);
        }
      } catch (CoreException | IllegalArgumentException e) {
        // not expanded: the builder resolves it itself
      }
    }
  }

  private void expand(Packument p, RegistrySpec spec) {
    VersionManifest m;
    try {
      m = ManifestPicker.pick(p, spec);
    } catch (CoreException | IllegalArgumentException e) {
      return;
    }
    JsonNode peerMeta = m.json().path("peerDependenciesMeta");
    for (String field : FIELDS) {
      for (Map.Entry<String, String> d : m.dependencies(field).entrySet()) {
        if (field.equals("peerDependencies")
            && peerMeta.path(d.getKey()).path("optional").asBoolean(false)) {
          RegistrySpec reg = registrySpec(d.getKey(), d.getValue());
          if (reg != null && specs.size() <= maxNames) {
            fetchOnce(reg.name().orElse(d.getKey()));
          }
        } else {
          want(d.getKey(), d.getValue());
        }
      }
    }
  }

  /** Passes a name to the fetch callback unless it was passed before. */
  private void fetchOnce(String name) {
    if (fetched.add(name)) {
      fetch.accept(name);
    }
  }

  /** The registry spec of {@code name@spec} (an alias's target), or null for other kinds. */
  private static RegistrySpec registrySpec(String name, String spec) {
    try {
      PackageSpec p = PackageSpec.parse(name, spec.isEmpty() ? "*" : spec);
      if (p instanceof AliasSpec a) {
        p = a.subSpec();
      }
      return p instanceof RegistrySpec r ? r : null;
    } catch (CoreException | IllegalArgumentException e) {
      return null; // the builder reports it
    }
  }
}
