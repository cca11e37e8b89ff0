package dev.quoll.client.tree;

import dev.quoll.core.packument.Packument;
import java.util.Collection;

/**
 * Where the tree builder gets package metadata: a name to its packument (full, or the abbreviated
 * "corgi" document, which {@link Packument} reads as well; the lockfile fields {@code license},
 * {@code funding} and {@code engines} are only in the full one).
 *
 * <p>Implementations may cache and fetch in parallel; the builder calls {@link #prefetch} with
 * names it will probably ask for soon, then {@link #packument} one at a time from one thread.
 */
public interface PackumentSource {

  /**
   * The packument of a package.
   *
   * @param name a registry package name, e.g. {@code @scope/name}
   * @throws dev.quoll.core.CoreException {@code E404} when the registry has no such package, or any
   *     other code for a fetch failure
   */
  Packument packument(String name);

  /**
   * A hint that these packuments will be wanted soon (to start fetching them in parallel). The
   * default does nothing.
   */
  default void prefetch(Collection<String> names) {}

  /**
   * A hint that a dependency {@code name@spec} will be resolved soon: what {@link #prefetch} gets,
   * with the spec, so that a source can look further ahead (the picked version's own dependencies).
   * The default passes the name to {@link #prefetch} when the spec is a registry spec.
   *
   * @param name the dependency's name (an alias's own name)
   * @param spec the spec as written ({@code ^1.2.0}, {@code npm:other@2}, a git URL, ...)
   * @param realName the registry package name the spec resolves in (an alias's target)
   */
  default void wanted(String name, String spec, String realName) {
    prefetch(java.util.List.of(realName));
  }

  /**
   * A hint that the builder placed a node in the tree, whose tarball will probably be installed (to
   * start downloading it while the tree is still being built; a node may still be replaced later).
   * The default does nothing.
   *
   * @param name the real package name (after an alias)
   * @param id {@code name@version}
   * @param resolved the tarball URL of the version's {@code dist}
   * @param integrity the version's integrity (SRI string)
   */
  default void picked(String name, String id, String resolved, String integrity) {}

  /**
   * As {@link #picked(String, String, String, String)}, with what reify's unpacking of the package
   * depends on, so that it can be unpacked ahead too. The default calls the four-argument form.
   *
   * @param name the real package name (after an alias)
   * @param id {@code name@version}
   * @param resolved the tarball URL of the version's {@code dist}
   * @param integrity the version's integrity (SRI string)
   * @param bin the manifest's {@code bin} object (command to package-relative file), empty when it
   *     has none or it is not an object: the same map reify's plan gets
   * @param hasInstallScript whether the version has install scripts (then reify unpacks it into
   *     node_modules rather than from the store)
   */
  default void picked(
      String name,
      String id,
      String resolved,
      String integrity,
      java.util.Map<String, String> bin,
      boolean hasInstallScript) {
    picked(name, id, resolved, integrity);
  }
}
