package dev.quoll.core.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * ECMAScript's Number::toString(x) for radix 10 (ECMA-262 §6.1.6.1.20): the shortest digits that
 * round-trip (which {@link Double#toString} also yields since JDK 19), laid out as JavaScript lays
 * them out: plain integers below 1e21, plain decimals down to 1e-6, exponent form otherwise.
 */
final class JsNumber {
  private JsNumber() {}

  /**
   * @param x a finite double
   * @return the JavaScript text of {@code x}; {@code "null"} for NaN and infinities (as {@code
   *     JSON.stringify} writes them)
   */
  static String toString(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return "null";
    }
    if (x == 0) {
      return "0";
    }
    if (x < 0) {
      return "-" + toString(-x);
    }
    BigDecimal d = shortest(x);
    String digits = d.unscaledValue().toString();
    int k = digits.length();
    int n = k - d.scale(); // x = 0.digits * 10^n
    StringBuilder sb = new StringBuilder(k + 8);
    if (k <= n && n <= 21) {
      sb.append(digits);
      sb.repeat('0', n - k);
    } else if (0 < n && n <= 21) {
      sb.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      sb.append("0.");
      sb.repeat('0', -n);
      sb.append(digits);
    } else {
      int e = n - 1;
      sb.append(digits.charAt(0));
      if (k > 1) {
        sb.append('.').append(digits, 1, k);
      }
      sb.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
    }
    return sb.toString();
  }

  /**
   * The shortest decimal that rounds to {@code x}, the closest one when several have that length.
   * {@link Double#toString} gives this except that it never prints fewer than two digits, so a
   * one-digit answer (e.g. {@code 5e-324}) is looked for when it printed two.
   */
  private static BigDecimal shortest(double x) {
    BigDecimal d = new BigDecimal(Double.toString(x)).stripTrailingZeros();
    if (d.precision() != 2) {
      return d;
    }
    BigDecimal exact = new BigDecimal(x);
    BigDecimal best = null;
    for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
      BigDecimal candidate = d.round(new MathContext(1, mode));
      if (Double.parseDouble(candidate.toString()) == x
          && (best == null
              || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
        best = candidate;
      }
    }
    return best == null ? d : best.stripTrailingZeros();
  }
}
