package dev.quoll.client.tree;

import dev.quoll.core.manifest.DependencyType;
import dev.quoll.core.manifest.Manifest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What to build an ideal tree from.
 *
 * @param rootManifest the project's package.json
 * @param workspaces the workspace folders (path relative to the root, e.g. {@code packages/a}, and
 *     package.json), as the caller found them from {@code workspaces}
 * @param lockTree the tree read from the lockfile (its root carries {@code rootManifest}), if any;
 *     it is used as the starting point and is modified in place
 * @param add specs to add ({@code name}, {@code name@range}, {@code name@tag}, {@code
 *     alias@npm:name@range}); saved to {@code saveType}
 * @param saveType where added specs are saved
 * @param saveExact save added versions exactly instead of with {@code ^}
 * @param remove names to remove from every dependency field of the root
 * @param update names to re-resolve even when their current node is valid ({@code npm update x})
 * @param options the resolution switches
 * @param platform the platform optional packages are checked against
 */
public record IdealTreeRequest(
    Manifest rootManifest,
    List<Workspace> workspaces,
    Optional<Node> lockTree,
    List<String> add,
    DependencyType saveType,
    boolean saveExact,
    List<String> remove,
    Set<String> update,
    ResolveOptions options,
    Platform platform) {

  /** One workspace folder: its path relative to the root, and its package.json. */
  public record Workspace(String path, Manifest manifest) {}

  /**
   * The switches of npm's tree building.
   *
   * @param legacyPeerDeps --legacy-peer-deps
   * @param force --force
   * @param strictPeerDeps --strict-peer-deps
   * @param preferDedupe --prefer-dedupe
   */
  public record ResolveOptions(
      boolean legacyPeerDeps, boolean force, boolean strictPeerDeps, boolean preferDedupe) {
    /** npm's defaults: all off. */
    public static final ResolveOptions DEFAULT = new ResolveOptions(false, false, false, false);
  }

  /** A request to build the tree for {@code rootManifest} alone, with npm's defaults. */
  public static IdealTreeRequest of(Manifest rootManifest) {
    return new IdealTreeRequest(
        rootManifest,
        List.of(),
        Optional.empty(),
        List.of(),
        DependencyType.PROD,
        false,
        List.of(),
        Set.of(),
        ResolveOptions.DEFAULT,
        Platform.current());
  }

  /** This request with a lockfile tree. */
  public IdealTreeRequest withLockTree(Node tree) {
    return new IdealTreeRequest(
        rootManifest,
        workspaces,
        Optional.of(tree),
        add,
        saveType,
        saveExact,
        remove,
        update,
        options,
        platform);
  }

  /** This request with other options. */
  public IdealTreeRequest withOptions(ResolveOptions o) {
    return new IdealTreeRequest(
        rootManifest, workspaces, lockTree, add, saveType, saveExact, remove, update, o, platform);
  }

  /** This request adding specs, saved to {@code type}. */
  public IdealTreeRequest withAdd(List<String> specs, DependencyType type) {
    return new IdealTreeRequest(
        rootManifest,
        workspaces,
        lockTree,
        List.copyOf(specs),
        type,
        saveExact,
        remove,
        update,
        options,
        platform);
  }

  /** This request removing names. */
  public IdealTreeRequest withRemove(List<String> names) {
    return new IdealTreeRequest(
        rootManifest,
        workspaces,
        lockTree,
        add,
        saveType,
        saveExact,
        List.copyOf(names),
        update,
        options,
        platform);
  }

  /** This request with workspaces. */
  public IdealTreeRequest withWorkspaces(List<Workspace> ws) {
    return new IdealTreeRequest(
        rootManifest,
        List.copyOf(ws),
        lockTree,
        add,
        saveType,
        saveExact,
        remove,
        update,
        options,
        platform);
  }

  /** This request for another platform. */
  public IdealTreeRequest withPlatform(Platform p) {
    return new IdealTreeRequest(
        rootManifest, workspaces, lockTree, add, saveType, saveExact, remove, update, options, p);
  }
}
