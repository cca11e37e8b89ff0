package dev.quoll.semver;

import java.util.List;
import java.util.Optional;

/**
 * node-semver 7's range-bound algorithms: {@code minVersion} ({@code ranges/min-version.js}) and
 * {@code outside}/{@code gtr}/{@code ltr} ({@code ranges/outside.js}).
 *
 * <p>Contract: {@link #minVersion} returns the lowest version the range admits ({@code 0.0.0}, then
 * {@code 0.0.0-0}, then the highest lower bound of the set with the lowest one, bumped past {@code
 * >} bounds), or empty when that candidate fails the range. {@link #outside} is true when the
 * version satisfies no set and lies beyond every set's bound in the given direction.
 */
final class RangeBounds {
  private static final Comparator GTE_ZERO = Comparator.parse(">=0.0.0", Options.STRICT);

  private RangeBounds() {}

  static Optional<Version> minVersion(Range range) {
    for (String candidate : List.of("0.0.0", "0.0.0-0")) {
      Version v = Version.parse(candidate);
      if (range.test(v)) {
        return Optional.of(v);
      }
    }
    Version min = null;
    for (List<Comparator> comps : range.comparatorSets()) {
      Version setMin = null;
      for (Comparator c : comps) {
        Version v = Version.parse(c.semver().toString());
        switch (c.operator()) {
          case GT, GTE, EQ -> {
            if (c.operator() == Operator.GT) {
              v =
                  v.isPrerelease()
                      ? withExtraZero(v)
                      : new Version(v.major(), v.minor(), v.patch() + 1, List.of(), List.of());
            }
            if (setMin == null || v.compareTo(setMin) > 0) {
              setMin = v;
            }
          }
          case LT, LTE -> {}
        }
      }
      if (setMin != null && (min == null || min.compareTo(setMin) > 0)) {
        min = setMin;
      }
    }
    if (min != null
        && min.patch() > VersionParser.MAX_SAFE_INTEGER
        && (range.options().loose() || range.options().includePrerelease())) {
      // node-semver re-parses the candidate with the range's options while testing it.
      throw new SemverException("Invalid patch version");
    }
    return min != null && range.test(min) ? Optional.of(min) : Optional.empty();
  }

  private static Version withExtraZero(Version v) {
    List<PrereleaseIdentifier> pre = new java.util.ArrayList<>(v.prerelease());
    pre.add(new PrereleaseIdentifier.Numeric(0));
    return new Version(v.major(), v.minor(), v.patch(), pre, v.build());
  }

  /**
   * @param greater true for {@code gtr} (version above the range), false for {@code ltr}
   */
  static boolean outside(Version version, Range range, boolean greater, Options options) {
    if (range.test(version)) {
      return false;
    }
    Operator comp = greater ? Operator.GT : Operator.LT;
    Operator ecomp = greater ? Operator.GTE : Operator.LTE;
    for (List<Comparator> comps : range.comparatorSets()) {
      Comparator high = null;
      Comparator low = null;
      for (Comparator c : comps) {
        if (c.isAny()) {
          c = GTE_ZERO;
        }
        high = high == null ? c : high;
        low = low == null ? c : low;
        if (beyond(c.semver(), high.semver(), greater)) {
          high = c;
        } else if (beyond(low.semver(), c.semver(), greater)) {
          low = c;
        }
      }
      if (high.operator() == comp || high.operator() == ecomp) {
        return false;
      }
      boolean lowIsOpen = low.operator() == Operator.EQ || low.operator() == comp;
      if (!lowIsOpen && low.operator() != ecomp) {
        continue;
      }
      if (options.loose() || options.includePrerelease()) {
        // node-semver compares these two without options, re-parsing both strictly.
        Version.parse(version.toString());
        if (options.loose() && low != GTE_ZERO) {
          Version.parse(low.semver().toString());
        }
      }
      int c = version.compareTo(low.semver());
      if (lowIsOpen ? (greater ? c <= 0 : c >= 0) : (greater ? c < 0 : c > 0)) {
        return false;
      }
    }
    return true;
  }

  /** {@code gt(a, b)} in gtr mode, {@code lt(a, b)} in ltr mode. */
  private static boolean beyond(Version a, Version b, boolean greater) {
    int c = a.compareTo(b);
    return greater ? c > 0 : c < 0;
  }
}
