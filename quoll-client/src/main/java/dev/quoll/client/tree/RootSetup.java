package dev.quoll.client.tree;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.manifest.DependencyType;
import dev.quoll.core.manifest.Manifest;
import dev.quoll.core.spec.AliasSpec;
import dev.quoll.core.spec.PackageSpec;
import dev.quoll.core.spec.RegistrySpec;
import dev.quoll.core.spec.SpecType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The start of a build (arborist 9's {@code #initTree}, {@code #applyUserRequests} and the
 * package.json half of {@code reify}'s save): the root node from package.json after removals and
 * additions, workspace folders with their links, and the lockfile tree's nodes moved under the new
 * root (with the lockfile's {@code file:} folder links and their targets, which are not
 * workspaces). Added specs are written to package.json as given, except an empty spec or a tag,
 * which is saved as {@code ^version} (or the exact version with save-exact) of what got placed.
 */
final class RootSetup {
  private final IdealTreeRequest request;
  private final Node root;
  private final Map<String, PackageSpec> added = new LinkedHashMap<>();
  private final Map<String, DependencyType> types = new LinkedHashMap<>();

  /**
   * Optional dependencies added by this request, with the spec the root node also lists them with
   * under {@code dependencies} (arborist's "affordance for previous npm versions" in {@code
   * add-rm-pkg-deps.add}): the lockfile's root entry shows both fields; package.json only {@code
   * optionalDependencies} (@npmcli/package-json's {@code update} drops the copy).
   */
  private final Map<String, String> optionalCopies = new LinkedHashMap<>();

  private Manifest manifest;

  RootSetup(IdealTreeRequest request, SourceFetcher fetcher) {
    this.request = request;
    Manifest m = request.rootManifest();
    if (!request.remove().isEmpty()) {
      m = m.withoutDependencies(request.remove());
    }
    for (String arg : request.add()) {
      PackageSpec spec = PackageSpec.parse(arg, Path.of(fetcher.projectDir()));
      String name = spec.name().orElseGet(() -> AddedSpecs.nameOf(spec, fetcher));
      added.put(name, spec);
      DependencyType type = DependencyType.inferred(request.saveType(), m.json(), name);
      types.put(name, type);
      String save = AddedSpecs.saveSpec(spec);
      m = m.withDependency(type, name, save);
      if (type == DependencyType.OPTIONAL) {
        optionalCopies.put(name, save);
      }
    }
    this.manifest = m;
    this.root = newRoot(m);
    root.setProjectDir(fetcher.projectDir());
    addWorkspaces();
    request.lockTree().ifPresent(this::adopt);
  }

  private Node newRoot(Manifest m) {
    return new Node(
        NodeInit.of(m.name().orElse(""), rootPackage(m), null, null)
            .withTop(true)
            .withLegacyPeerDeps(request.options().legacyPeerDeps())
            .withOverrides(Overrides.of(m.overrides().orElse(null)).orElse(null)));
  }

  /**
   * The root node's package: package.json normalised, plus {@link #optionalCopies} appended to
   * {@code dependencies}. reify's save rewrites the copy with the placed version only when the type
   * was inferred (no {@code -O}: it updates every field that has the name); with {@code -O} the
   * copy keeps the spec as typed.
   */
  private ObjectNode rootPackage(Manifest m) {
    ObjectNode pkg = NodeFactory.normalize(m.json());
    if (!optionalCopies.isEmpty()) {
      ObjectNode deps =
          pkg.get("dependencies") instanceof ObjectNode d ? d : pkg.putObject("dependencies");
      optionalCopies.forEach(deps::put);
    }
    return pkg;
  }

  private void addWorkspaces() {
    for (IdealTreeRequest.Workspace ws : request.workspaces()) {
      String name =
          ws.manifest().name().orElse(ws.path().substring(ws.path().lastIndexOf('/') + 1));
      Node target =
          TreeAssembly.addWorkspace(
              root, ws.path(), ws.manifest().json(), request.options().legacyPeerDeps());
      TreeAssembly.addLink(root, name, target);
    }
  }

  private void adopt(Node lockRoot) {
    List<Node> fileTargets = new ArrayList<>();
    for (Node fs : lockRoot.fsChildren()) {
      if (root.fsChildren().stream().noneMatch(t -> t.location().equals(fs.location()))) {
        fileTargets.add(fs);
      }
    }
    fileTargets.forEach(root::addFsChild);
    for (Node child : new ArrayList<>(lockRoot.children().values())) {
      if (child.isLink() && root.children().containsKey(child.name())) {
        continue;
      }
      if (child.isLink() && !fileTargets.contains(child.linkTarget().orElseThrow())) {
        continue;
      }
      child.setParent(root);
    }
    for (Node fs : lockRoot.fsChildren()) {
      for (Node target : root.fsChildren()) {
        if (target.location().equals(fs.location())) {
          for (Node kid : new ArrayList<>(fs.children().values())) {
            kid.setParent(target);
          }
        }
      }
    }
  }

  Node root() {
    return root;
  }

  /** The names added by the request (their root edges are explicit requests). */
  List<String> explicitNames() {
    return new ArrayList<>(added.keySet());
  }

  /** package.json after the request, with tags and empty specs saved as placed versions. */
  Manifest savedManifest(Node tree) {
    boolean changed = false;
    for (Map.Entry<String, PackageSpec> e : added.entrySet()) {
      PackageSpec spec = e.getValue();
      PackageSpec inner = spec instanceof AliasSpec a ? a.subSpec() : spec;
      Node placed = tree.children().get(e.getKey());
      if (placed != null
          && placed.version().isPresent()
          && inner instanceof RegistrySpec r
          && savesPlacedVersion(spec, r, placed.version().get())) {
        String v = (request.saveExact() ? "" : "^") + placed.version().get();
        String save =
            spec instanceof AliasSpec a ? "npm:" + a.subSpec().name().orElse("") + "@" + v : v;
        manifest = manifest.withDependency(types.get(e.getKey()), e.getKey(), save);
        if (request.saveType() != DependencyType.OPTIONAL
            && optionalCopies.containsKey(e.getKey())) {
          optionalCopies.put(e.getKey(), save);
        }
        changed = true;
      }
    }
    if (changed) {
      tree.reloadPkg(rootPackage(manifest));
      for (Node target : tree.fsChildren()) {
        String name = target.packageName().orElse(target.name());
        if (!tree.edgesOut().containsKey(name)) {
          tree.addEdge(new Edge(tree, EdgeType.WORKSPACE, name, "file:" + target.location()));
        }
      }
    }
    return manifest;
  }

  /**
   * npm 11 reify's save rule: a version, a tag or an empty spec is saved as the save-prefix plus
   * the placed version; a range only when it is {@code *} or {@code ^version} is a subset of it
   * (node-semver {@code subset}, loose), so the saved range never allows versions outside the
   * requested one.
   */
  private boolean savesPlacedVersion(PackageSpec spec, RegistrySpec inner, String version) {
    if (spec.rawSpec().isEmpty() || inner.type() != SpecType.RANGE) {
      return true;
    }
    String range = inner.fetchSpec().orElse("").strip();
    String prefixRange = (request.saveExact() ? "" : "^") + version;
    return range.isEmpty()
        || range.equals("*")
        || dev.quoll.semver.Semver.subset(prefixRange, range, dev.quoll.semver.Options.LOOSE);
  }
}
