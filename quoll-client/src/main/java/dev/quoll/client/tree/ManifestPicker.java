package dev.quoll.client.tree;

import dev.quoll.core.packument.Packument;
import dev.quoll.core.packument.VersionManifest;
import dev.quoll.core.spec.RegistrySpec;
import dev.quoll.core.spec.SpecType;
import dev.quoll.semver.Options;
import dev.quoll.semver.Range;
import dev.quoll.semver.Semver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the version a registry spec resolves to, as npm-pick-manifest 11 does without {@code
 * before}, {@code avoid}, staged or restricted versions: a tag picks its version; an exact version
 * picks itself; a range picks the {@code latest} dist-tag when it satisfies the range, is not
 * deprecated and its {@code engines} pass ({@link Engines}), else the highest satisfying version,
 * sorted by: not deprecated and engines pass, then engines pass, then not deprecated, then version
 * (node-semver loose matching throughout).
 *
 * <p>Errors: {@link ResolveException} {@code ETARGET} "No matching version found for name@spec."
 * (pacote's message) when nothing matches; {@code ENOVERSIONS} when the package has no versions.
 */
public final class ManifestPicker {
  private ManifestPicker() {}

  /**
   * Picks a version manifest.
   *
   * @param packument the package's packument
   * @param spec a registry spec (version, range or tag); the empty spec means {@code latest}
   * @return the chosen version's manifest
   * @throws ResolveException as described on the class
   */
  public static VersionManifest pick(Packument packument, RegistrySpec spec) {
    return pick(packument, spec, Engines.none());
  }

  /**
   * Picks a version manifest, preferring versions whose {@code engines} pass.
   *
   * @param packument the package's packument
   * @param spec a registry spec (version, range or tag); the empty spec means {@code latest}
   * @param engines the node and npm versions (npm's {@code nodeVersion}, {@code npmVersion})
   * @return the chosen version's manifest
   * @throws ResolveException as described on the class
   */
  public static VersionManifest pick(Packument packument, RegistrySpec spec, Engines engines) {
    String wanted = spec.fetchSpec().orElse("");
    Optional<VersionManifest> m = pick(packument, spec.type(), wanted, engines);
    return m.orElseThrow(
        () ->
            new ResolveException(
                "ETARGET",
                "No matching version found for " + packument.name() + "@" + wanted + ".",
                "No matching version found for " + packument.name() + "@" + wanted + "."));
  }

  static Optional<VersionManifest> pick(
      Packument packument, SpecType type, String wanted, Engines engines) {
    Map<String, VersionManifest> versions = packument.versionManifests();
    if (type == SpecType.TAG && !wanted.isEmpty()) {
      return packument.distTags().get(wanted).map(versions::get);
    }
    if (type == SpecType.VERSION) {
      return Semver.clean(wanted, Options.LOOSE).map(versions::get);
    }
    String range = type == SpecType.RANGE ? wanted : "*";
    if (range.isEmpty()) {
      range = "*";
    }
    Range parsed = Range.tryParse(range, Options.LOOSE).orElse(null);
    Optional<String> latest = packument.distTags().latest();
    if (latest.isPresent() && (range.equals("*") || satisfies(parsed, latest.get()))) {
      VersionManifest mani = versions.get(latest.get());
      if (mani != null && engines.allows(mani.json()) && !deprecated(mani)) {
        return Optional.of(mani);
      }
    }
    if (versions.isEmpty()) {
      throw new ResolveException(
          "ENOVERSIONS",
          "No versions available for " + packument.name(),
          "No versions available for " + packument.name());
    }
    List<VersionManifest> candidates = new ArrayList<>();
    for (Map.Entry<String, VersionManifest> e : versions.entrySet()) {
      if (satisfies(parsed, e.getKey())) {
        candidates.add(e.getValue());
      }
    }
    Map<VersionManifest, Boolean> engineOk = new java.util.IdentityHashMap<>();
    for (VersionManifest c : candidates) {
      engineOk.put(c, engines.allows(c.json()));
    }
    candidates.sort(
        (a, b) -> {
          boolean ea = engineOk.get(a);
          boolean eb = engineOk.get(b);
          int d = Boolean.compare(!(ea && !deprecated(a)), !(eb && !deprecated(b)));
          if (d == 0) {
            d = Boolean.compare(!ea, !eb);
          }
          if (d == 0) {
            d = Boolean.compare(deprecated(a), deprecated(b));
          }
          return d != 0 ? d : Semver.rcompare(a.version(), b.version(), Options.LOOSE);
        });
    return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.getFirst());
  }

  private static boolean satisfies(Range range, String version) {
    return range != null && Semver.valid(version, Options.LOOSE).isPresent() && range.test(version);
  }

  /** Whether a manifest's {@code deprecated} field is truthy. */
  static boolean deprecated(VersionManifest m) {
    return m.field("deprecated").map(dev.quoll.core.json.JsValues::truthy).orElse(false);
  }
}
