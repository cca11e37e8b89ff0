package dev.quoll.client.install;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.client.ClientException;
import dev.quoll.client.config.NpmConfig;
import dev.quoll.client.reify.PackageSource;
import dev.quoll.client.reify.PlacedPackage;
import dev.quoll.client.tree.Node;
import dev.quoll.core.integrity.Integrity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an ideal tree into the packages reify places (arborist's diff input).
 *
 * <p>Contract: every node of the tree below {@code node_modules} (the project's, or that of a
 * workspace or {@code file:} folder inside the project) becomes one {@link PlacedPackage} at its
 * location, except inert nodes (optional packages that cannot be installed here), nodes in a bundle
 * (they come inside their bundler's tarball), nodes {@link Omit#omits omitted} by {@code --omit}
 * and everything inside a left-out node. Links (workspaces) become {@link PackageSource.Link}s to
 * their target folder; git resolutions without integrity become {@link PackageSource.Git}. A node
 * without {@code resolved} gets the registry's conventional tarball URL ({@code
 * <registry><name>/-/<base>-<version>.tgz}, as npm does for lockfiles written with {@code
 * omit-lockfile-registry-resolved}).
 */
public final class TreePlan {
  private TreePlan() {}

  /**
   * The placed packages of a tree.
   *
   * @param root the ideal tree's root
   * @param omit the omitted dependency types
   * @param config gives the registry of each package for missing {@code resolved} URLs
   * @return the packages, parents before children
   * @throws ClientException {@code EINTEGRITY} for a registry package without a usable integrity
   */
  public static List<PlacedPackage> of(Node root, Set<Omit> omit, NpmConfig config) {
    Set<String> skip = leftOut(root, omit);
    List<PlacedPackage> out = new ArrayList<>();
    for (Node node : root.inventory()) {
      String loc = node.location();
      if (node != root && installed(loc) && !skip.contains(loc)) {
        out.add(placed(node, loc, config));
      }
    }
    return out;
  }

  /** The locations {@link #of} leaves out although they are in the tree. */
  public static Set<String> leftOut(Node root, Set<Omit> omit) {
    Set<String> out = new LinkedHashSet<>();
    for (Node node : root.inventory()) {
      String loc = node.location();
      if (node == root || !installed(loc)) {
        continue;
      }
      if (node.inert() || node.inBundle() || Omit.omits(node, omit) || inside(loc, out)) {
        out.add(loc);
      }
    }
    return out;
  }

  /**
   * Whether reify places a location: one in the project's node_modules, or in the node_modules of a
   * folder inside the project (a workspace or {@code file:} folder); never outside the project.
   */
  private static boolean installed(String loc) {
    return loc.startsWith("node_modules/")
        || loc.contains("/node_modules/") && !loc.startsWith("../") && !loc.startsWith("/");
  }

  private static boolean inside(String loc, Set<String> outer) {
    for (String o : outer) {
      if (loc.startsWith(o + "/")) {
        return true;
      }
    }
    return false;
  }

  private static PlacedPackage placed(Node node, String loc, NpmConfig config) {
    String name = node.packageName().orElse(node.name());
    String version = node.version().orElse("");
    Map<String, String> bin = new LinkedHashMap<>();
    JsonNode b = node.pkg().path("bin");
    if (b.isObject()) {
      b.properties().forEach(e -> bin.put(e.getKey(), e.getValue().asText()));
    }
    PackageSource source;
    if (node.isLink()) {
      source = new PackageSource.Link(node.linkTarget().orElseThrow().location());
    } else if (node.integrity().isEmpty() && node.resolved().filter(TreePlan::isGit).isPresent()) {
      source = new PackageSource.Git(node.resolved().get());
    } else {
      String resolved = node.resolved().orElseGet(() -> tarballUrl(config, name, version));
      Integrity integrity =
          node.integrity()
              .flatMap(Integrity::parse)
              .orElseThrow(
                  () ->
                      new ClientException(
                          "EINTEGRITY",
                          "no integrity for "
                              + name
                              + "@"
                              + version
                              + " at "
                              + loc
                              + "; Quoll installs only verified tarballs"));
      source = new PackageSource.Tarball(resolved, integrity);
    }
    return new PlacedPackage(
        loc,
        name,
        version,
        source,
        bin,
        node.hasInstallScript(),
        node.optional(),
        node.dev(),
        node.peer(),
        node.inBundle());
  }

  /** Whether a lockfile {@code resolved} names a git commit (pacote's git resolutions). */
  private static boolean isGit(String resolved) {
    return resolved.startsWith("git+") || resolved.startsWith("git:");
  }

  private static String tarballUrl(NpmConfig config, String name, String version) {
    String base = name.contains("/") ? name.substring(name.indexOf('/') + 1) : name;
    return config.registryFor(name) + name + "/-/" + base + "-" + version + ".tgz";
  }
}
