package dev.quoll.client.install;

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
 * round trips as the graph is deep, whatever order the builder asks in. Specs that are not registry
 * specs (git, tarball, folder) and specs that fail to parse or resolve are ignored: the builder
 * reports them. At most {@code maxNames} names are fetched this way. Thread-safe.
 */
final class PickAhead {
  private static final List<String> FIELDS =
      List.of("dependencies", "optionalDependencies", "peerDependencies");

  private final Map<String, Set<String>> specs = new ConcurrentHashMap<>();
  private final Map<String, Packument> arrived = new ConcurrentHashMap<>();
  private final Set<String> expanded = ConcurrentHashMap.newKeySet();
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
    RegistrySpec reg;
    try {
      PackageSpec p = PackageSpec.parse(name, spec.isEmpty() ? "*" : spec);
      if (p instanceof AliasSpec a) {
        p = a.subSpec();
      }
      if (!(p instanceof RegistrySpec r)) {
        return;
      }
      reg = r;
    } catch (CoreException | IllegalArgumentException e) {
      return; // the builder reports it
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
      fetch.accept(real);
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
    for (String field : FIELDS) {
      for (Map.Entry<String, String> d : m.dependencies(field).entrySet()) {
        want(d.getKey(), d.getValue());
      }
    }
  }
}
