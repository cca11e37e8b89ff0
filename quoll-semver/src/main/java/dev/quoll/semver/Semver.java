package dev.quoll.semver;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * node-semver 7's top-level functions ({@code require('semver')}), for callers holding strings.
 *
 * <p>Conventions follow node-semver: functions that return {@code null} there return an empty
 * {@link Optional} here; functions that throw a {@code TypeError} there throw {@link
 * SemverException} here. Where node-semver takes {@code options} (or a {@code loose} boolean), the
 * Java method takes {@link Options}; overloads without it use {@link Options#STRICT}.
 */
public final class Semver {
  private Semver() {}

  /** {@code valid(v, options)}: the normalised version, or empty if invalid. */
  public static Optional<String> valid(String version, Options options) {
    return Version.tryParse(version, options).map(Version::toString);
  }

  /**
   * {@code clean(v, options)}: trims, drops leading {@code =}/{@code v} runs, then {@link #valid}.
   */
  public static Optional<String> clean(String version, Options options) {
    String s = JsText.trim(version);
    int i = 0;
    while (i < s.length() && (s.charAt(i) == '=' || s.charAt(i) == 'v')) {
      i++;
    }
    return valid(s.substring(i), options);
  }

  /**
   * {@code satisfies(v, range, options)}: false for an invalid range or version.
   *
   * @param version version text, parsed with the options' {@code loose}
   * @param range range text
   * @param options loose and/or includePrerelease
   */
  public static boolean satisfies(String version, String range, Options options) {
    return Range.tryParse(range, options).map(r -> r.test(version)).orElse(false);
  }

  /** {@link #satisfies(String, String, Options)} with strict options. */
  public static boolean satisfies(String version, String range) {
    return satisfies(version, range, Options.STRICT);
  }

  /**
   * {@code maxSatisfying(versions, range, options)}: the highest version text satisfying the range,
   * as given (not normalised); the first of equal versions wins. Empty when the range is invalid or
   * nothing satisfies it. Invalid version texts are skipped.
   */
  public static Optional<String> maxSatisfying(
      Iterable<String> versions, String range, Options options) {
    return best(versions, range, options, 1);
  }

  /** {@link #maxSatisfying(Iterable, String, Options)} with strict options. */
  public static Optional<String> maxSatisfying(Iterable<String> versions, String range) {
    return maxSatisfying(versions, range, Options.STRICT);
  }

  /** {@code minSatisfying(versions, range, options)}; see {@link #maxSatisfying}. */
  public static Optional<String> minSatisfying(
      Iterable<String> versions, String range, Options options) {
    return best(versions, range, options, -1);
  }

  /** {@link #minSatisfying(Iterable, String, Options)} with strict options. */
  public static Optional<String> minSatisfying(Iterable<String> versions, String range) {
    return minSatisfying(versions, range, Options.STRICT);
  }

  private static Optional<String> best(
      Iterable<String> versions, String range, Options options, int sign) {
    Optional<Range> r = Range.tryParse(range, options);
    if (r.isEmpty()) {
      return Optional.empty();
    }
    String best = null;
    Version bestVersion = null;
    for (String v : versions) {
      if (v.isEmpty()) {
        continue;
      }
      Optional<Version> parsed = Version.tryParse(v, options);
      if (parsed.isEmpty() || !r.get().test(parsed.get())) {
        continue;
      }
      if (best == null || Integer.signum(parsed.get().compareTo(bestVersion)) == sign) {
        best = v;
        bestVersion = parsed.get();
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * {@code minVersion(range, options)}: the lowest version the range admits, or empty.
   *
   * @throws SemverException for an invalid range
   */
  public static Optional<Version> minVersion(String range, Options options) {
    return RangeBounds.minVersion(Range.parse(range, options));
  }

  /** {@code validRange(range, options)}: the normalised range ({@code *} for "any"), or empty. */
  public static Optional<String> validRange(String range, Options options) {
    return Range.tryParse(range, options).map(r -> r.toString().isEmpty() ? "*" : r.toString());
  }

  /**
   * {@code toComparators(range, options)}: each set's comparator strings.
   *
   * @throws SemverException for an invalid range
   */
  public static List<List<String>> toComparators(String range, Options options) {
    List<List<String>> out = new ArrayList<>();
    for (List<Comparator> set : Range.parse(range, options).comparatorSets()) {
      List<String> values = new ArrayList<>();
      set.forEach(c -> values.add(c.toString()));
      out.add(JsText.split(JsText.trim(String.join(" ", values)), " "));
    }
    return out;
  }

  /**
   * {@code intersects(r1, r2, options)}: whether some version satisfies both ranges.
   *
   * @throws SemverException for an invalid range
   */
  public static boolean intersects(String range1, String range2, Options options) {
    return Range.parse(range1, options).intersects(Range.parse(range2, options), options);
  }

  /**
   * {@code subset(sub, dom, options)}: whether every version {@code sub} admits is admitted by
   * {@code dom}. Identical texts are a subset without being parsed.
   *
   * @throws SemverException for an invalid range
   */
  public static boolean subset(String sub, String dom, Options options) {
    return Subset.subset(sub, dom, options);
  }

  /**
   * {@code gtr(version, range, options)}: whether the version is above every version the range
   * admits.
   *
   * @throws SemverException for an invalid version or range
   */
  public static boolean gtr(String version, String range, Options options) {
    return RangeBounds.outside(
        Version.parse(version, options), Range.parse(range, options), true, options);
  }

  /**
   * {@code ltr(version, range, options)}: whether the version is below every version the range
   * admits.
   *
   * @throws SemverException for an invalid version or range
   */
  public static boolean ltr(String version, String range, Options options) {
    return RangeBounds.outside(
        Version.parse(version, options), Range.parse(range, options), false, options);
  }

  /**
   * {@code coerce(text, {loose, includePrerelease, rtl})}: a version made of the first (or last)
   * run of up to three numbers in any text, e.g. {@code "v2"} gives {@code 2.0.0}.
   */
  public static Optional<Version> coerce(String text, Options options, CoerceDirection direction) {
    return Coercion.coerce(text, options, direction);
  }

  /** {@link #coerce(String, Options, CoerceDirection)} left to right, strict. */
  public static Optional<Version> coerce(String text) {
    return coerce(text, Options.STRICT, CoerceDirection.LEFT_TO_RIGHT);
  }

  /**
   * {@code inc(version, release, options, identifier, identifierBase)}: the incremented version
   * text, or empty where node-semver returns null (invalid version or identifier).
   */
  public static Optional<String> inc(
      String version,
      ReleaseType release,
      Options options,
      String identifier,
      IdentifierBase base) {
    try {
      return Optional.of(
          Version.parse(version, options).inc(release, identifier, base, options).toString());
    } catch (SemverException e) {
      return Optional.empty();
    }
  }

  /** {@code inc(version, release)}. */
  public static Optional<String> inc(String version, ReleaseType release) {
    return inc(version, release, Options.STRICT, "", IdentifierBase.ZERO);
  }

  /**
   * {@code diff(v1, v2)}: the most significant kind of difference, or empty for equal versions. One
   * of major, premajor, minor, preminor, patch, prepatch, prerelease.
   *
   * @throws SemverException for an invalid (strict) version
   */
  public static Optional<ReleaseType> diff(String version1, String version2) {
    Version v1 = Version.parse(version1);
    Version v2 = Version.parse(version2);
    int comparison = v1.compareTo(v2);
    if (comparison == 0) {
      return Optional.empty();
    }
    Version high = comparison > 0 ? v1 : v2;
    Version low = comparison > 0 ? v2 : v1;
    if (low.isPrerelease() && !high.isPrerelease()) {
      if (low.patch() == 0 && low.minor() == 0) {
        return Optional.of(ReleaseType.MAJOR);
      }
      if (low.compareMain(high) == 0) {
        return Optional.of(
            low.minor() != 0 && low.patch() == 0 ? ReleaseType.MINOR : ReleaseType.PATCH);
      }
    }
    boolean pre = high.isPrerelease();
    if (v1.major() != v2.major()) {
      return Optional.of(pre ? ReleaseType.PREMAJOR : ReleaseType.MAJOR);
    }
    if (v1.minor() != v2.minor()) {
      return Optional.of(pre ? ReleaseType.PREMINOR : ReleaseType.MINOR);
    }
    if (v1.patch() != v2.patch()) {
      return Optional.of(pre ? ReleaseType.PREPATCH : ReleaseType.PATCH);
    }
    return Optional.of(ReleaseType.PRERELEASE);
  }

  /**
   * {@code truncate(version, type, options)}: drops what is below the release type (prerelease
   * types keep the version as is); empty for an invalid version or for {@link
   * ReleaseType#RELEASE}/{@link ReleaseType#PRE}, which node-semver does not accept here.
   */
  public static Optional<String> truncate(String version, ReleaseType type, Options options) {
    if (type == ReleaseType.RELEASE || type == ReleaseType.PRE) {
      return Optional.empty();
    }
    return Version.tryParse(version, options)
        .map(
            v ->
                switch (type) {
                  case MAJOR -> v.major() + ".0.0";
                  case MINOR -> v.major() + "." + v.minor() + ".0";
                  case PATCH -> v.major() + "." + v.minor() + "." + v.patch();
                  default -> v.toString();
                });
  }

  /**
   * {@code compare(a, b, options)}: -1, 0 or 1, ignoring build metadata.
   *
   * @throws SemverException for an invalid version
   */
  public static int compare(String a, String b, Options options) {
    return Version.parse(a, options).compareTo(Version.parse(b, options));
  }

  /** {@code compareLoose(a, b)}. */
  public static int compareLoose(String a, String b) {
    return compare(a, b, Options.LOOSE);
  }

  /** {@code rcompare(a, b, options)}: {@code compare(b, a)}. */
  public static int rcompare(String a, String b, Options options) {
    return compare(b, a, options);
  }

  /** {@code compareBuild(a, b, options)}: compare, then build metadata. */
  public static int compareBuild(String a, String b, Options options) {
    return Version.parse(a, options).compareBuild(Version.parse(b, options));
  }

  /**
   * {@code sort(list, options)}: a new list in ascending {@link #compareBuild} order (stable).
   *
   * @throws SemverException if any element is invalid
   */
  public static List<String> sort(List<String> versions, Options options) {
    return sorted(versions, options, 1);
  }

  /** {@code rsort(list, options)}: descending {@link #compareBuild} order (stable). */
  public static List<String> rsort(List<String> versions, Options options) {
    return sorted(versions, options, -1);
  }

  private static List<String> sorted(List<String> versions, Options options, int sign) {
    record Entry(String text, Version version) {}
    List<Entry> entries = new ArrayList<>();
    versions.forEach(v -> entries.add(new Entry(v, Version.parse(v, options))));
    entries.sort((x, y) -> sign * x.version().compareBuild(y.version()));
    return entries.stream().map(Entry::text).toList();
  }

  /** {@code eq(a, b, options)}. */
  public static boolean eq(String a, String b, Options options) {
    return compare(a, b, options) == 0;
  }

  /** {@code neq(a, b, options)}. */
  public static boolean neq(String a, String b, Options options) {
    return compare(a, b, options) != 0;
  }

  /** {@code gt(a, b, options)}. */
  public static boolean gt(String a, String b, Options options) {
    return compare(a, b, options) > 0;
  }

  /** {@code gte(a, b, options)}. */
  public static boolean gte(String a, String b, Options options) {
    return compare(a, b, options) >= 0;
  }

  /** {@code lt(a, b, options)}. */
  public static boolean lt(String a, String b, Options options) {
    return compare(a, b, options) < 0;
  }

  /** {@code lte(a, b, options)}. */
  public static boolean lte(String a, String b, Options options) {
    return compare(a, b, options) <= 0;
  }

  /**
   * {@code cmp(a, op, b, options)} for op in {@code === !== "" = == != > >= < <=}; {@code ===} and
   * {@code !==} compare the texts.
   *
   * @throws SemverException for an invalid operator or version
   */
  public static boolean cmp(String a, String op, String b, Options options) {
    return switch (op) {
      case "===" -> a.equals(b);
      case "!==" -> !a.equals(b);
      case "", "=", "==" -> eq(a, b, options);
      case "!=" -> neq(a, b, options);
      case ">" -> gt(a, b, options);
      case ">=" -> gte(a, b, options);
      case "<" -> lt(a, b, options);
      case "<=" -> lte(a, b, options);
      default -> throw new SemverException("Invalid operator: " + op);
    };
  }

  /** {@code major(v, options)}; throws {@link SemverException} if invalid. */
  public static long major(String version, Options options) {
    return Version.parse(version, options).major();
  }

  /** {@code minor(v, options)}; throws {@link SemverException} if invalid. */
  public static long minor(String version, Options options) {
    return Version.parse(version, options).minor();
  }

  /** {@code patch(v, options)}; throws {@link SemverException} if invalid. */
  public static long patch(String version, Options options) {
    return Version.parse(version, options).patch();
  }

  /** {@code prerelease(v, options)}: the prerelease parts, or empty if invalid or none. */
  public static Optional<List<PrereleaseIdentifier>> prerelease(String version, Options options) {
    return Version.tryParse(version, options)
        .filter(Version::isPrerelease)
        .map(Version::prerelease);
  }
}
