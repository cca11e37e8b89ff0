package dev.quoll.registry.accounts;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address range in CIDR notation (RFC 4632, RFC 4291 §2.3), as in a token's {@code
 * cidr_whitelist} or the trusted-proxy list.
 *
 * <p>Parsing accepts only literal addresses (never a host name, so no DNS look-up happens): dotted
 * quad IPv4 with a prefix 0-32, or IPv6 text with a prefix 0-128; a missing prefix means a single
 * host. Host bits below the prefix are ignored. An IPv4-mapped IPv6 client address ({@code
 * ::ffff:a.b.c.d}) matches IPv4 ranges.
 *
 * @param network the network address bytes (4 or 16)
 * @param prefix the prefix length
 * @param text the range as given
 */
public record Cidr(byte[] network, int prefix, String text) {
  private static final Pattern V4 = Pattern.compile("(\\d{1,3})(\\.\\d{1,3}){3}");
  private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]+(%[0-9A-Za-z]+)?");

  /**
   * @param text e.g. {@code 192.168.0.0/16}, {@code 10.0.0.1}, {@code 2001:db8::/32}
   * @return the range, or empty when the text is not a valid CIDR range
   */
  public static Optional<Cidr> parse(String text) {
    String t = text.strip();
    int slash = t.indexOf('/');
    String addr = slash < 0 ? t : t.substring(0, slash);
    Optional<byte[]> bytes = literal(addr);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    int max = bytes.get().length * 8;
    int prefix = max;
    if (slash >= 0) {
      String p = t.substring(slash + 1);
      if (!p.matches("\\d{1,3}")) {
        return Optional.empty();
      }
      prefix = Integer.parseInt(p);
      if (prefix > max) {
        return Optional.empty();
      }
    }
    return Optional.of(new Cidr(bytes.get(), prefix, t));
  }

  /**
   * @param address a literal IP address
   * @return its bytes (4 for IPv4 and IPv4-mapped IPv6, else 16), or empty when not a literal
   */
  public static Optional<byte[]> literal(String address) {
    String a = address.strip();
    if (a.startsWith("[") && a.endsWith("]")) {
      a = a.substring(1, a.length() - 1);
    }
    boolean v4 = V4.matcher(a).matches();
    if (!v4 && (!a.contains(":") || !V6.matcher(a).matches())) {
      return Optional.empty();
    }
    if (v4) {
      for (String part : a.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return Optional.empty();
        }
      }
    }
    try {
      return Optional.of(InetAddress.getByName(a).getAddress());
    } catch (UnknownHostException | SecurityException e) {
      return Optional.empty();
    }
  }

  /**
   * @param address a literal client address
   * @return whether it lies in this range (never for a non-literal or another family)
   */
  public boolean contains(String address) {
    return literal(address).map(this::contains).orElse(false);
  }

  /** Whether the address bytes lie in this range. */
  public boolean contains(byte[] address) {
    if (address.length != network.length) {
      return false;
    }
    int bits = network.length * 8;
    BigInteger mask =
        prefix == 0
            ? BigInteger.ZERO
            : BigInteger.ONE
                .shiftLeft(bits)
                .subtract(BigInteger.ONE)
                .shiftRight(bits - prefix)
                .shiftLeft(bits - prefix);
    return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c
        && prefix == c.prefix
        && java.util.Arrays.equals(network, c.network)
        && text.equals(c.text);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(network) * 31 + prefix;
  }

  @Override
  public String toString() {
    return text;
  }
}
