package dev.quoll.core.url;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** The URL Standard's IPv4 parser (decimal, octal and hex parts) and its dotted serializer. */
final class Ipv4 {
  private Ipv4() {}

  /** The "ends in a number" checker: whether a domain must be parsed as IPv4. */
  static boolean endsInNumber(String domain) {
    List<String> parts = new ArrayList<>(List.of(domain.split("\\.", -1)));
    if (parts.getLast().isEmpty()) {
      if (parts.size() == 1) {
        return false;
      }
      parts.removeLast();
    }
    String last = parts.getLast();
    if (!last.isEmpty() && last.chars().allMatch(WhatwgUrl::isDigit)) {
      return true;
    }
    return last.matches("0[xX][0-9a-fA-F]*");
  }

  static String parse(String input) throws WhatwgUrl.Failure {
    List<String> parts = new ArrayList<>(List.of(input.split("\\.", -1)));
    if (parts.getLast().isEmpty() && parts.size() > 1) {
      parts.removeLast();
    }
    if (parts.size() > 4) {
      throw new WhatwgUrl.Failure();
    }
    List<BigInteger> numbers = new ArrayList<>();
    for (String part : parts) {
      numbers.add(number(part));
    }
    BigInteger max256 = BigInteger.valueOf(255);
    for (int i = 0; i < numbers.size() - 1; i++) {
      if (numbers.get(i).compareTo(max256) > 0) {
        throw new WhatwgUrl.Failure();
      }
    }
    BigInteger last = numbers.getLast();
    if (last.compareTo(BigInteger.valueOf(256).pow(5 - numbers.size())) >= 0) {
      throw new WhatwgUrl.Failure();
    }
    long ipv4 = last.longValue();
    for (int i = 0; i < numbers.size() - 1; i++) {
      ipv4 += numbers.get(i).longValue() << (8 * (3 - i));
    }
    return ((ipv4 >> 24) & 255)
        + "."
        + ((ipv4 >> 16) & 255)
        + "."
        + ((ipv4 >> 8) & 255)
        + "."
        + (ipv4 & 255);
  }

  private static BigInteger number(String s) throws WhatwgUrl.Failure {
    if (s.isEmpty()) {
      throw new WhatwgUrl.Failure();
    }
    int radix = 10;
    if (s.length() >= 2 && (s.startsWith("0x") || s.startsWith("0X"))) {
      radix = 16;
      s = s.substring(2);
    } else if (s.length() >= 2 && s.startsWith("0")) {
      radix = 8;
      s = s.substring(1);
    }
    if (s.isEmpty()) {
      return BigInteger.ZERO;
    }
    String digits = radix == 16 ? "[0-9a-fA-F]+" : radix == 8 ? "[0-7]+" : "[0-9]+";
    if (!s.matches(digits)) {
      throw new WhatwgUrl.Failure();
    }
    return new BigInteger(s, radix);
  }
}
