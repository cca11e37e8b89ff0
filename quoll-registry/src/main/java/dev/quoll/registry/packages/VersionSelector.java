package dev.quoll.registry.packages;

import dev.quoll.core.packument.Packument;
import dev.quoll.core.packument.VersionManifest;
import dev.quoll.semver.Options;
import dev.quoll.semver.Semver;
import java.util.Optional;

/**
 * Picks the version object that {@code GET /<name>/<spec>} answers with, as the npm registry's
 * couch app did ({@code shows.js} "package" show, wire note §3.2).
 *
 * <p>Contract, in order: the highest published version satisfying {@code spec} read as a loose
 * node-semver range (node-semver 7 {@code maxSatisfying(versions, spec, true)}; an exact version
 * satisfies only itself, {@code v1.2.3} and {@code =1.2.3} find {@code 1.2.3}) replaces the spec
 * when it differs; then a spec that is not a published version but a dist-tag, or that is not a
 * strictly valid version at all, is looked up as a dist-tag; what is left is looked up as a version
 * key. Nothing found is empty (the caller answers 404 {@code version not found: <spec>}).
 */
public final class VersionSelector {
  private VersionSelector() {}

  /**
   * @param packument the package's document
   * @param spec an exact version, a range ({@code ^1.2.0}, {@code >=1 <2}, {@code 1.x}) or a tag
   * @return the version object, or empty when nothing matches
   */
  public static Optional<VersionManifest> select(Packument packument, String spec) {
    var versions = packument.versions();
    String ver = spec;
    Optional<String> best = Semver.maxSatisfying(versions, spec, Options.LOOSE);
    if (best.isPresent() && !best.get().equals(ver) && versions.contains(best.get())) {
      ver = best.get();
    }
    boolean published = versions.contains(ver);
    boolean tagged = packument.distTags().get(ver).isPresent();
    if ((!published && tagged) || Semver.valid(ver, Options.STRICT).isEmpty()) {
      Optional<String> target = packument.distTags().get(ver);
      if (target.isEmpty()) {
        return Optional.empty();
      }
      ver = target.get();
    }
    return packument.version(ver);
  }
}
