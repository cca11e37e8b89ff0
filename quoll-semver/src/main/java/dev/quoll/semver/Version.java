package dev.quoll.semver;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An immutable semantic version as node-semver 7's {@code SemVer} class parses and orders it.
 *
 * <p>Shape: {@code major.minor.patch} (each {@code 0..2^53-1}), a prerelease list of {@link
 * PrereleaseIdentifier}s and a build list of strings. {@link #toString()} is node-semver's {@code
 * version} property: {@code major.minor.patch[-prerelease]}, without build metadata and with
 * numeric prerelease parts printed as numbers ({@code 1.2.3-01} parsed loosely prints {@code
 * 1.2.3-1}).
 *
 * <p>Ordering ({@link #compareTo}) is node-semver's {@code compare}: main triple first, then a
 * version without prerelease sorts after one with, then prerelease parts pairwise; build metadata
 * is ignored (see {@link #compareBuild}). Equality ({@link #equals}) is stricter: same printed
 * version and same build list.
 */
public final class Version implements Comparable<Version> {
  private final long major;
  private final long minor;
  private final long patch;
  private final List<PrereleaseIdentifier> prerelease;
  private final List<String> build;
  private final String version;

  Version(
      long major,
      long minor,
      long patch,
      List<PrereleaseIdentifier> prerelease,
      List<String> build) {
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.prerelease = List.copyOf(prerelease);
    this.build = List.copyOf(build);
    StringBuilder b = new StringBuilder().append(major).append('.').append(minor).append('.');
    b.append(patch);
    for (int i = 0; i < this.prerelease.size(); i++) {
      b.append(i == 0 ? '-' : '.').append(this.prerelease.get(i));
    }
    this.version = b.toString();
  }

  /**
   * Parses a version with node-semver's strict grammar ({@code new SemVer(s)}): optional leading
   * {@code v}, surrounding whitespace trimmed.
   *
   * @param text e.g. {@code "1.2.3-beta.1+sha"}
   * @return the version
   * @throws SemverException {@code "Invalid Version: <text>"}, {@code "version is longer than 256
   *     characters"}, or {@code "Invalid major version"} (likewise minor, patch) above 2^53-1
   */
  public static Version parse(String text) {
    return VersionParser.parse(text, false);
  }

  /**
   * Parses a version with the grammar the options select ({@code new SemVer(s, options)}).
   *
   * @param text the version text
   * @param options only {@link Options#loose()} matters
   * @return the version
   * @throws SemverException as {@link #parse(String)}
   */
  public static Version parse(String text, Options options) {
    return VersionParser.parse(text, options.loose());
  }

  /** Like {@link #parse(String)} but empty for invalid input (node-semver's {@code parse}). */
  public static Optional<Version> tryParse(String text) {
    return tryParse(text, Options.STRICT);
  }

  /**
   * Like {@link #parse(String, Options)} but empty for invalid input.
   *
   * @param text the version text
   * @param options only {@link Options#loose()} matters
   * @return the version, or empty where node-semver's {@code parse} returns null
   */
  public static Optional<Version> tryParse(String text, Options options) {
    return Optional.ofNullable(VersionParser.tryParse(text, options.loose()));
  }

  /** The major number, {@code 0..2^53}. */
  public long major() {
    return major;
  }

  /** The minor number. */
  public long minor() {
    return minor;
  }

  /** The patch number. */
  public long patch() {
    return patch;
  }

  /** The prerelease parts; empty for a release. */
  public List<PrereleaseIdentifier> prerelease() {
    return prerelease;
  }

  /** The build metadata parts (after {@code +}); empty when none. */
  public List<String> build() {
    return build;
  }

  /** Whether this version has a prerelease. */
  public boolean isPrerelease() {
    return !prerelease.isEmpty();
  }

  /**
   * node-semver's {@code compare}: -1, 0 or 1, ignoring build metadata.
   *
   * @param other the version to compare with
   */
  @Override
  public int compareTo(Version other) {
    if (other.version.equals(version)) {
      return 0;
    }
    int main = compareMain(other);
    return main != 0 ? main : comparePre(other);
  }

  /** node-semver's {@code compareMain}: compares {@code major.minor.patch} only; -1, 0 or 1. */
  public int compareMain(Version other) {
    int c = Long.compare(major, other.major);
    if (c == 0) {
      c = Long.compare(minor, other.minor);
    }
    if (c == 0) {
      c = Long.compare(patch, other.patch);
    }
    return Integer.signum(c);
  }

  /** node-semver's {@code comparePre}: a release sorts after any prerelease; -1, 0 or 1. */
  public int comparePre(Version other) {
    boolean mine = !prerelease.isEmpty();
    boolean theirs = !other.prerelease.isEmpty();
    if (mine != theirs) {
      return mine ? -1 : 1;
    }
    if (!mine) {
      return 0;
    }
    return compareParts(prerelease, other.prerelease, PrereleaseIdentifier::compare);
  }

  /**
   * node-semver's {@code compareBuild} function: {@link #compareTo} and then build metadata (a
   * version with build sorts after one without; parts compare like prerelease parts).
   */
  public int compareBuild(Version other) {
    int c = compareTo(other);
    if (c != 0) {
      return c;
    }
    return compareParts(build, other.build, PrereleaseIdentifier::compareText);
  }

  /**
   * node-semver's part-by-part loop of {@code comparePre} and {@code compareBuild}: the first
   * differing part decides; a list that ends first sorts before the longer one.
   */
  private static <T> int compareParts(List<T> mine, List<T> theirs, Comparator<T> partOrder) {
    for (int i = 0; ; i++) {
      boolean endA = i >= mine.size();
      boolean endB = i >= theirs.size();
      if (endA && endB) {
        return 0;
      } else if (endB) {
        return 1;
      } else if (endA) {
        return -1;
      }
      T a = mine.get(i);
      T b = theirs.get(i);
      if (!a.equals(b)) {
        return partOrder.compare(a, b);
      }
    }
  }

  /**
   * node-semver's {@code SemVer.prototype.inc} with the default identifier and base: the next
   * version of the given kind. Build metadata is kept.
   *
   * @param type the release type
   * @return the incremented version
   * @throws SemverException for {@link ReleaseType#RELEASE} on a version without prerelease
   */
  public Version inc(ReleaseType type) {
    return new Increment(this, false).apply(type, "", IdentifierBase.ZERO);
  }

  /**
   * node-semver's {@code SemVer.prototype.inc(release, identifier, identifierBase)}.
   *
   * @param type the release type
   * @param identifier prerelease identifier such as {@code "beta"} or {@code "rc.1"}; {@code ""}
   *     for none
   * @param base where a new prerelease counter starts, or none
   * @param options {@link Options#loose()} selects the grammar the identifier must match
   * @return the incremented version; its {@link #toString()} is node-semver's result
   * @throws SemverException {@code "invalid identifier: x"}, {@code "invalid increment argument:
   *     identifier is empty"}, {@code "invalid increment argument: identifier already exists"}, or
   *     {@code "version x is not a prerelease"}
   */
  public Version inc(ReleaseType type, String identifier, IdentifierBase base, Options options) {
    return new Increment(this, options.loose()).apply(type, identifier, base);
  }

  /** node-semver's {@code version}: {@code major.minor.patch[-prerelease]}, build omitted. */
  @Override
  public String toString() {
    return version;
  }

  /** The printed version followed by {@code +build} when there is build metadata. */
  public String toStringWithBuild() {
    return build.isEmpty() ? version : version + "+" + String.join(".", build);
  }

  /** Equal when the printed version and the build metadata are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Version v && v.version.equals(version) && v.build.equals(build);
  }

  /** Hash consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    return version.hashCode() * 31 + build.hashCode();
  }
}
