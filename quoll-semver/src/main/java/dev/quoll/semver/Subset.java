package dev.quoll.semver;

import java.util.ArrayList;
import java.util.List;

/**
 * node-semver 7's {@code subset(sub, dom, options)}: whether every version {@code sub} allows is
 * allowed by {@code dom}.
 *
 * <p>Contract (node-semver {@code ranges/subset.js}): a union is a subset when each of its non-null
 * comparator sets is a subset of some set of {@code dom} (null sets are ignored, and a union of
 * only null sets is a subset of anything). A comparator set is reduced to its highest lower bound,
 * lowest upper bound and equality comparators, which are then checked against each comparator of
 * the candidate set, with node-semver's prerelease tuple rules. Identical texts are a subset
 * without parsing, and a set parsed from the same text in both ranges (node-semver's memoised
 * array) is a subset of itself.
 */
final class Subset {
  private static final List<Comparator> MIN = List.of(Comparator.parse(">=0.0.0", Options.STRICT));
  private static final List<Comparator> MIN_PRE =
      List.of(Comparator.parse(">=0.0.0-0", Options.STRICT));

  private Subset() {}

  static boolean subset(String sub, String dom, Options options) {
    if (sub.equals(dom)) {
      return true;
    }
    Range subRange = Range.parse(sub, options);
    Range domRange = Range.parse(dom, options);
    boolean sawNonNull = false;
    outer:
    for (int i = 0; i < subRange.comparatorSets().size(); i++) {
      for (int j = 0; j < domRange.comparatorSets().size(); j++) {
        Boolean isSub;
        String key = subRange.keys().get(i);
        if (key != null && key.equals(domRange.keys().get(j))) {
          isSub = true;
        } else {
          isSub =
              simpleSubset(
                  subRange.comparatorSets().get(i), domRange.comparatorSets().get(j), options);
        }
        sawNonNull = sawNonNull || isSub != null;
        if (Boolean.TRUE.equals(isSub)) {
          continue outer;
        }
      }
      if (sawNonNull) {
        return false;
      }
    }
    return true;
  }

  /** True, false, or null for "sub is the null set". */
  private static Boolean simpleSubset(List<Comparator> sub, List<Comparator> dom, Options options) {
    boolean incPre = options.includePrerelease();
    if (sub.size() == 1 && sub.getFirst().isAny()) {
      if (dom.size() == 1 && dom.getFirst().isAny()) {
        return true;
      }
      sub = incPre ? MIN_PRE : MIN;
    }
    if (dom.size() == 1 && dom.getFirst().isAny()) {
      if (incPre) {
        return true;
      }
      dom = MIN;
    }
    List<Version> eqSet = new ArrayList<>();
    Comparator gt = null;
    Comparator lt = null;
    for (Comparator c : sub) {
      if (c.operator().isGreater()) {
        gt = higherGt(gt, c);
      } else if (c.operator().isLess()) {
        lt = lowerLt(lt, c);
      } else {
        eqSet.add(c.semver());
      }
    }
    if (eqSet.size() > 1) {
      return null;
    }
    Integer gtltComp = null;
    if (gt != null && lt != null) {
      gtltComp = gt.semver().compareTo(lt.semver());
      if (gtltComp > 0) {
        return null;
      } else if (gtltComp == 0
          && (gt.operator() != Operator.GTE || lt.operator() != Operator.LTE)) {
        return null;
      }
    }
    for (Version eq : eqSet) {
      if (gt != null && !satisfies(eq, gt.toString(), options)) {
        return null;
      }
      if (lt != null && !satisfies(eq, lt.toString(), options)) {
        return null;
      }
      for (Comparator c : dom) {
        if (!satisfies(eq, c.toString(), options)) {
          return false;
        }
      }
      return true;
    }
    boolean hasDomLt = false;
    boolean hasDomGt = false;
    Version needDomLtPre = lt != null && !incPre && lt.semver().isPrerelease() ? lt.semver() : null;
    Version needDomGtPre = gt != null && !incPre && gt.semver().isPrerelease() ? gt.semver() : null;
    if (needDomLtPre != null
        && needDomLtPre.prerelease().size() == 1
        && lt.operator() == Operator.LT
        && needDomLtPre.prerelease().getFirst().equals(new PrereleaseIdentifier.Numeric(0))) {
      needDomLtPre = null;
    }
    boolean notEqualBounds = gtltComp == null || gtltComp != 0;
    for (Comparator c : dom) {
      hasDomGt = hasDomGt || c.operator().isGreater();
      hasDomLt = hasDomLt || c.operator().isLess();
      if (gt != null) {
        if (needDomGtPre != null && sameTuplePre(c, needDomGtPre)) {
          needDomGtPre = null;
        }
        if (c.operator().isGreater()) {
          Comparator higher = higherGt(gt, c);
          if (higher == c && higher != gt) {
            return false;
          }
        } else if (gt.operator() == Operator.GTE && !c.test(gt.semver())) {
          return false;
        }
      }
      if (lt != null) {
        if (needDomLtPre != null && sameTuplePre(c, needDomLtPre)) {
          needDomLtPre = null;
        }
        if (c.operator().isLess()) {
          Comparator lower = lowerLt(lt, c);
          if (lower == c && lower != lt) {
            return false;
          }
        } else if (lt.operator() == Operator.LTE && !c.test(lt.semver())) {
          return false;
        }
      }
      if (c.operator() == Operator.EQ && (lt != null || gt != null) && notEqualBounds) {
        return false;
      }
    }
    if (gt != null && hasDomLt && lt == null && notEqualBounds) {
      return false;
    }
    if (lt != null && hasDomGt && gt == null && notEqualBounds) {
      return false;
    }
    return needDomGtPre == null && needDomLtPre == null;
  }

  private static boolean sameTuplePre(Comparator c, Version v) {
    Version s = c.semver();
    return s != null
        && s.isPrerelease()
        && s.major() == v.major()
        && s.minor() == v.minor()
        && s.patch() == v.patch();
  }

  private static boolean satisfies(Version v, String range, Options options) {
    return Range.tryParse(range, options).map(r -> r.test(v)).orElse(false);
  }

  private static Comparator higherGt(Comparator a, Comparator b) {
    if (a == null) {
      return b;
    }
    int comp = a.semver().compareTo(b.semver());
    return comp > 0
        ? a
        : comp < 0 ? b : b.operator() == Operator.GT && a.operator() == Operator.GTE ? b : a;
  }

  private static Comparator lowerLt(Comparator a, Comparator b) {
    if (a == null) {
      return b;
    }
    int comp = a.semver().compareTo(b.semver());
    return comp < 0
        ? a
        : comp > 0 ? b : b.operator() == Operator.LT && a.operator() == Operator.LTE ? b : a;
  }
}
