package dev.quoll.semver;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node-semver 7 range: a union ({@code ||}) of comparator sets, each an intersection of {@link
 * Comparator}s, parsed with node-semver's full grammar (hyphen ranges, x-ranges with {@code *},
 * {@code x}, {@code X} and the empty string, {@code ~}, {@code ~>}, {@code ^}, primitive
 * comparators, loose mode and {@code includePrerelease}).
 *
 * <p>{@link #toString()} is node-semver's {@code range} property ({@code validRange} prints {@code
 * *} for the empty string). {@link #test} is node-semver's {@code Range.prototype.test}: a version
 * matches when it satisfies every comparator of some set and, unless {@code includePrerelease} is
 * set, a prerelease version also shares its {@code major.minor.patch} with a comparator of that set
 * that has a prerelease. A parsed range is immutable and cheap to test repeatedly (no regular
 * expressions on that path).
 */
public final class Range {
  private final List<List<Comparator>> set;
  private final List<String> keys;
  private final Options options;
  private final String formatted;

  /** node-semver's memo of parsed ranges (1,000 entries). */
  private static final RangeMemo MEMO = new RangeMemo(1000);

  private Range(List<List<Comparator>> set, List<String> keys, Options options) {
    this.set = List.copyOf(set);
    this.keys = keys;
    this.options = options;
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < set.size(); i++) {
      if (i > 0) {
        b.append("||");
      }
      List<Comparator> comps = set.get(i);
      for (int k = 0; k < comps.size(); k++) {
        if (k > 0) {
          b.append(' ');
        }
        b.append(comps.get(k));
      }
    }
    this.formatted = b.toString();
  }

  /**
   * Parses a range with strict options ({@code new Range(s)}).
   *
   * @param text e.g. {@code "^1.2.3 || >=2.0.0-beta <3"}
   * @return the range
   * @throws SemverException {@code "Invalid SemVer Range: x"}, {@code "Invalid comparator: x"} or a
   *     version error
   */
  public static Range parse(String text) {
    return parse(text, Options.STRICT);
  }

  /**
   * Parses a range ({@code new Range(s, options)}).
   *
   * @param text the range
   * @param options loose grammar and/or includePrerelease
   * @return the range (memoised as node-semver memoises it: the same text and options may return
   *     the same immutable instance)
   * @throws SemverException as {@link #parse(String)}
   */
  public static Range parse(String text, Options options) {
    String memoKey = RangeMemo.key(text, options);
    Range known = MEMO.get(memoKey);
    if (known != null) {
      return known;
    }
    Range parsed = parseUncached(text, options);
    MEMO.put(memoKey, parsed);
    return parsed;
  }

  private static Range parseUncached(String text, Options options) {
    String raw = JsText.collapseSpaces(JsText.trim(text));
    List<RangeParser.ComparatorSet> sets = new ArrayList<>();
    for (String part : JsText.split(raw, "||")) {
      RangeParser.ComparatorSet s = RangeParser.parse(JsText.trim(part), options);
      if (!s.comparators().isEmpty()) {
        sets.add(s);
      }
    }
    if (sets.isEmpty()) {
      throw new SemverException("Invalid SemVer Range: " + raw);
    }
    if (sets.size() > 1) {
      RangeParser.ComparatorSet first = sets.getFirst();
      sets.removeIf(s -> isNullSet(s.comparators().getFirst()));
      if (sets.isEmpty()) {
        sets.add(first);
      } else if (sets.size() > 1) {
        for (RangeParser.ComparatorSet s : sets) {
          if (s.comparators().size() == 1 && s.comparators().getFirst().isAny()) {
            sets = new ArrayList<>(List.of(s));
            break;
          }
        }
      }
    }
    List<List<Comparator>> set = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (RangeParser.ComparatorSet s : sets) {
      set.add(s.comparators());
      keys.add(s.key());
    }
    return new Range(set, keys, options);
  }

  /** Like {@link #parse(String, Options)} but empty for an invalid range. */
  public static Optional<Range> tryParse(String text, Options options) {
    try {
      return Optional.of(parse(text, options));
    } catch (SemverException e) {
      return Optional.empty();
    }
  }

  static boolean isNullSet(Comparator c) {
    return c.toString().equals("<0.0.0-0");
  }

  /** The comparator sets (the union's members); never empty. */
  public List<List<Comparator>> comparatorSets() {
    return set;
  }

  /** The options this range was parsed with. */
  public Options options() {
    return options;
  }

  List<String> keys() {
    return keys;
  }

  /**
   * Whether the version text satisfies this range; invalid text (under this range's {@code loose}
   * option) does not.
   */
  public boolean test(String version) {
    if (version.isEmpty()) {
      return false;
    }
    Optional<Version> v = Version.tryParse(version, options);
    return v.isPresent() && test(v.get());
  }

  /** Whether the version satisfies this range (node-semver's {@code Range.prototype.test}). */
  public boolean test(Version version) {
    for (List<Comparator> comps : set) {
      if (testSet(comps, version)) {
        return true;
      }
    }
    return false;
  }

  private boolean testSet(List<Comparator> comps, Version version) {
    for (Comparator c : comps) {
      if (!c.test(version)) {
        return false;
      }
    }
    if (version.isPrerelease() && !options.includePrerelease()) {
      for (Comparator c : comps) {
        Version allowed = c.semver();
        if (allowed != null
            && allowed.isPrerelease()
            && allowed.major() == version.major()
            && allowed.minor() == version.minor()
            && allowed.patch() == version.patch()) {
          return true;
        }
      }
      return false;
    }
    return true;
  }

  /**
   * The highest of the versions satisfying this range (node-semver's {@code maxSatisfying}); of
   * versions comparing equal (e.g. differing only in build metadata) the first wins.
   *
   * @param versions candidate versions, e.g. every version of a package
   * @return the highest satisfying version, or empty when none satisfies
   */
  public Optional<Version> maxSatisfying(Iterable<Version> versions) {
    return best(versions, 1);
  }

  /** The lowest satisfying version (node-semver's {@code minSatisfying}); first of equals wins. */
  public Optional<Version> minSatisfying(Iterable<Version> versions) {
    return best(versions, -1);
  }

  private Optional<Version> best(Iterable<Version> versions, int sign) {
    Version best = null;
    for (Version v : versions) {
      if (test(v) && (best == null || Integer.signum(v.compareTo(best)) == sign)) {
        best = v;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Whether some version satisfies both ranges, under this range's options. */
  public boolean intersects(Range other) {
    return intersects(other, options);
  }

  /**
   * node-semver's {@code Range.prototype.intersects}: whether some version satisfies both ranges.
   *
   * @param other the other range
   * @param opts options for the comparator-level checks (node-semver passes the parse options)
   */
  public boolean intersects(Range other, Options opts) {
    for (List<Comparator> mine : set) {
      if (!isSatisfiable(mine, opts)) {
        continue;
      }
      for (List<Comparator> theirs : other.set) {
        if (isSatisfiable(theirs, opts) && allIntersect(mine, theirs, opts)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean allIntersect(List<Comparator> a, List<Comparator> b, Options opts) {
    for (Comparator x : a) {
      for (Comparator y : b) {
        if (!x.intersects(y, opts)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isSatisfiable(List<Comparator> comps, Options opts) {
    List<Comparator> remaining = new ArrayList<>(comps);
    Comparator test = remaining.removeLast();
    boolean result = true;
    while (result && !remaining.isEmpty()) {
      for (Comparator other : remaining) {
        if (!test.intersects(other, opts)) {
          result = false;
          break;
        }
      }
      test = remaining.removeLast();
    }
    return result;
  }

  /** node-semver's {@code range} string, e.g. {@code >=1.2.3 <2.0.0-0||>=3.0.0}. */
  @Override
  public String toString() {
    return formatted;
  }

  /** Equal when the printed ranges and the options are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Range r && r.formatted.equals(formatted) && r.options.equals(options);
  }

  /** Hash of the printed range and options. */
  @Override
  public int hashCode() {
    return formatted.hashCode() * 31 + options.hashCode();
  }
}
