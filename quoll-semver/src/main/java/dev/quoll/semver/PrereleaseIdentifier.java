package dev.quoll.semver;

/**
 * One dot-separated part of a version's prerelease, as node-semver 7 stores it: a number when the
 * part is all digits and below {@code Number.MAX_SAFE_INTEGER}, otherwise the text.
 *
 * <p>Ordering (node-semver {@code compareIdentifiers}): when both parts are all digits they compare
 * as numbers (as JavaScript doubles, so digit strings beyond 2<sup>53</sup> may compare equal); a
 * numeric part sorts before a non-numeric one; otherwise parts compare as strings by UTF-16 code
 * unit.
 */
public sealed interface PrereleaseIdentifier {
  /**
   * A numeric part, {@code 0 <= value <= 2^53 - 1}.
   *
   * @param value the number
   */
  record Numeric(long value) implements PrereleaseIdentifier {
    /** The number in decimal, as node-semver prints it. */
    @Override
    public String toString() {
      return Long.toString(value);
    }
  }

  /**
   * A textual part such as {@code beta}; rarely digits too large for a safe integer, or an {@code
   * inc} identifier such as {@code rc.1} stored whole, as node-semver stores it.
   *
   * @param value the text, non-empty
   */
  record Text(String value) implements PrereleaseIdentifier {
    /** The text as is. */
    @Override
    public String toString() {
      return value;
    }
  }

  /**
   * node-semver's {@code compareIdentifiers} for two prerelease or build parts.
   *
   * @return negative, zero or positive
   */
  static int compare(PrereleaseIdentifier a, PrereleaseIdentifier b) {
    if (a instanceof Numeric(long x) && b instanceof Numeric(long y)) {
      return Long.compare(x, y);
    }
    return compareText(a.toString(), a instanceof Numeric, b.toString(), b instanceof Numeric);
  }

  /** {@code compareIdentifiers} for two strings (build metadata). */
  static int compareText(String a, String b) {
    return compareText(a, false, b, false);
  }

  private static int compareText(String a, boolean aNum, String b, boolean bNum) {
    boolean anum = aNum || JsText.isAllDigits(a);
    boolean bnum = bNum || JsText.isAllDigits(b);
    if (anum && bnum) {
      double x = Double.parseDouble(a);
      double y = Double.parseDouble(b);
      return x == y ? 0 : x < y ? -1 : 1;
    }
    if (a.equals(b)) {
      return 0;
    }
    if (anum) {
      return -1;
    }
    if (bnum) {
      return 1;
    }
    return a.compareTo(b) < 0 ? -1 : 1;
  }
}
