package dev.quoll.semver;

/**
 * The {@code identifierBase} argument of node-semver 7's {@code inc}: the number a new prerelease
 * counter starts at, or {@link #NONE} (node-semver's {@code false}) for no counter at all ({@code
 * 1.2.3 premajor "beta" -> 2.0.0-beta}).
 */
public enum IdentifierBase {
  /** Counters start at 0 (node-semver's default, and any falsy or non-numeric value). */
  ZERO,
  /** Counters start at 1 (node-semver: any value with {@code Number(value)} truthy). */
  ONE,
  /** No counter (node-semver's {@code identifierBase === false}). */
  NONE;

  /**
   * Interprets a string the way node-semver does: {@code Number(value) ? 1 : 0}.
   *
   * @param value e.g. {@code "1"}, {@code "0"}; any string, never null
   * @return {@link #ONE} when JavaScript's {@code Number(value)} is a non-zero number, else {@link
   *     #ZERO}
   */
  public static IdentifierBase fromJsValue(String value) {
    double d = JsText.toNumber(value);
    return d != 0 && !Double.isNaN(d) ? ONE : ZERO;
  }
}
