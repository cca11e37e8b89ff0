package dev.quoll.client.tree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.Json;
import dev.quoll.core.manifest.Manifest;
import dev.quoll.core.manifest.NormalizeStep;
import dev.quoll.core.manifest.Normalizer;
import dev.quoll.core.packument.Dist;
import dev.quoll.core.packument.VersionManifest;
import dev.quoll.core.spec.AliasSpec;
import dev.quoll.core.spec.PackageSpec;
import dev.quoll.core.spec.RegistrySpec;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes nodes for edges (build-ideal-tree's {@code #nodeFromSpec}): resolves the edge's spec
 * through the {@link PackumentSource} and {@link ManifestPicker}, normalizes the manifest as
 * arborist does ({@code @npmcli/package-json}'s {@code syncNormalize} steps), and records pacote's
 * {@code resolved} (the tarball URL) and {@code integrity} (the dist integrity, else sha1 from the
 * shasum). Other kinds come from the {@link SourceFetcher} (tarballs, remote URLs, git; their
 * {@code resolved} and {@code integrity} as pacote records them), except {@code file:} directories,
 * which become links ({@link LocalLinks}). A spec that cannot be resolved gives a node carrying the
 * error (a "failure node"). Manifests are cached per {@code name@spec} and base folder.
 */
final class NodeFactory {
  static final Normalizer NORMALIZER =
      Normalizer.of(
          List.of(
              NormalizeStep.ID,
              NormalizeStep.BUNDLED_DEPENDENCIES,
              NormalizeStep.BUNDLE_DEPENDENCIES,
              NormalizeStep.OPTIONAL_DEDUPE,
              NormalizeStep.SCRIPTS,
              NormalizeStep.FUNDING,
              NormalizeStep.BIN,
              NormalizeStep.BIN_DIR));

  private final PackumentSource source;
  private final SourceFetcher fetcher;
  private final boolean legacyPeerDeps;
  private final Engines engines;
  private final Platform platform;
  private final Map<String, Object> manifests = new HashMap<>();

  NodeFactory(
      PackumentSource source, SourceFetcher fetcher, boolean legacyPeerDeps, Platform platform) {
    this.source = source;
    this.fetcher = fetcher;
    this.legacyPeerDeps = legacyPeerDeps;
    this.engines = platform.engines();
    this.platform = platform;
  }

  /** Normalizes a package.json-like document as arborist's Node constructor does. */
  static ObjectNode normalize(ObjectNode pkg) {
    return NORMALIZER.run(Manifest.of(pkg.deepCopy())).manifest().json();
  }

  /** A node for {@code edge}, placed in {@code parent}; a failure node when it cannot resolve. */
  Node nodeFor(String name, Edge edge, Node parent) {
    Overrides o = edge.from().overrides();
    Overrides nodeOverrides = o == null ? null : o.forNode(name, edge.rawSpec());
    Node node;
    try {
      Node link = LocalLinks.linkFor(name, edge, fetcher.projectDir(), legacyPeerDeps);
      if (link != null) {
        link.setParent(parent);
        return link;
      }
      Resolved r =
          resolve(name, edge.spec(), LocalLinks.baseDir(edge.from(), fetcher.projectDir()));
      node =
          new Node(
              NodeInit.of(name, r.pkg(), r.resolved(), r.integrity())
                  .withLegacyPeerDeps(legacyPeerDeps)
                  .withOverrides(nodeOverrides));
    } catch (CoreException e) {
      ObjectNode empty = Json.object();
      node =
          new Node(
              NodeInit.of(name, empty, null, null)
                  .withError(e)
                  .withLegacyPeerDeps(legacyPeerDeps)
                  .withOverrides(nodeOverrides));
    }
    node.setParent(parent);
    return node;
  }

  private record Resolved(ObjectNode pkg, String resolved, String integrity) {}

  private Resolved resolve(String name, String spec, String baseDir) {
    String key = name + "@" + spec + "@" + baseDir;
    Object cached = manifests.get(key);
    if (cached instanceof Resolved r) {
      return r;
    }
    if (cached instanceof CoreException e) {
      throw e;
    }
    try {
      Resolved r = fetch(name, spec, baseDir);
      manifests.put(key, r);
      return r;
    } catch (CoreException e) {
      manifests.put(key, e);
      throw e;
    }
  }

  private Resolved fetch(String name, String spec, String baseDir) {
    PackageSpec parsed = PackageSpec.parse(name, spec.isEmpty() ? "*" : spec, Path.of(baseDir));
    if (parsed instanceof AliasSpec alias) {
      parsed = alias.subSpec();
    }
    if (!(parsed instanceof RegistrySpec reg)) {
      SourceFetcher.Fetched f = fetcher.fetch(parsed);
      return new Resolved(normalize(f.pkg()), f.resolved(), f.integrity().orElse(null));
    }
    String realName = reg.name().orElse(name);
    VersionManifest mani = ManifestPicker.pick(packument(realName, reg), reg, engines);
    ObjectNode pkg = normalize(mani.json());
    String resolved = null;
    String integrity = null;
    if (mani.dist().isPresent()) {
      Dist dist = mani.dist().get();
      resolved = dist.tarball().orElse(null);
      integrity =
          dist.integrity().or(() -> dist.shasum().map(NodeFactory::sha1Integrity)).orElse(null);
    }
    return new Resolved(pkg, resolved, integrity);
  }

  /** The packument a registry spec resolves from; a 404 is npm's E404 report naming the spec. */
  private dev.quoll.core.packument.Packument packument(String realName, RegistrySpec spec) {
    try {
      return source.packument(realName);
    } catch (CoreException e) {
      if (e.code().equals("E404") && !(e instanceof ResolveException)) {
        throw NotFound.of(e, spec.toString());
      }
      throw e;
    }
  }

  private static String sha1Integrity(String hex) {
    try {
      return "sha1-" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Hints the source that a node was placed in the tree, so its tarball can be fetched ahead (nodes
   * without a registry tarball and integrity, failure nodes, and packages whose {@code os}, {@code
   * cpu} or {@code libc} exclude this platform are not passed on: reify skips those when optional,
   * as arborist's {@code #checkEngineAndPlatform} does, and fails on them otherwise, so their
   * tarballs are never needed ahead; esbuild 0.14's twenty 3 MB platform packages are the case).
   */
  void placed(Node node) {
    if (node.error().isPresent() || node.isLink() || !platform.allows(node.pkg())) {
      return;
    }
    String name = node.packageName().orElse(node.name());
    var resolved = node.resolved();
    var integrity = node.integrity();
    if (resolved.isPresent() && integrity.isPresent() && node.version().isPresent()) {
      // the bin map as TreePlan gives it to reify
      Map<String, String> bin = new LinkedHashMap<>();
      JsonNode b = node.pkg().path("bin");
      if (b.isObject()) {
        b.properties().forEach(e -> bin.put(e.getKey(), e.getValue().asText()));
      }
      source.picked(
          name,
          name + "@" + node.version().get(),
          resolved.get(),
          integrity.get(),
          bin,
          node.hasInstallScript());
    }
  }

  /** Hints the source about the packuments these edges will need. */
  void prefetch(List<Edge> edges) {
    for (Edge e : edges) {
      try {
        PackageSpec p = PackageSpec.parse(e.name(), e.spec().isEmpty() ? "*" : e.spec());
        if (p instanceof AliasSpec a) {
          p = a.subSpec();
        }
        if (p instanceof RegistrySpec r) {
          source.wanted(e.name(), e.spec(), r.name().orElse(e.name()));
        }
      } catch (CoreException ignored) {
        // the edge will fail when it is resolved
      }
    }
  }
}
