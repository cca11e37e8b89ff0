package dev.quoll.registry.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * The text of the bearer tokens this registry issues, in the manner of GitHub's token format
 * (2021): a recognisable prefix, a random body, and a checksum, so secret scanners can find leaked
 * tokens and typos are refused without a database look-up.
 *
 * <p>Shape: {@code quoll_} + 30 base62 characters from {@link SecureRandom} (about 178 bits) + 6
 * base62 characters of the CRC32 of the prefix and body (42 characters in all). Stored only as
 * {@link #hash} (hex SHA-256). Tokens of the earlier format ({@code quoll_} + 43 base64url
 * characters) carry no checksum and are still looked up by their hash.
 */
public final class TokenFormat {
  /** The recognisable prefix of every token. */
  public static final String PREFIX = "quoll_";

  /** Characters of a token shown in listings (npm's redacted {@code token} field). */
  public static final int REDACTED_LENGTH = PREFIX.length() + 6;

  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final int BODY = 30;
  private static final int CHECKSUM = 6;
  private static final SecureRandom RANDOM = new SecureRandom();

  private TokenFormat() {}

  /** A new random token. */
  public static String generate() {
    StringBuilder b = new StringBuilder(PREFIX);
    for (int i = 0; i < BODY; i++) {
      b.append(BASE62.charAt(RANDOM.nextInt(62)));
    }
    return b.append(checksum(b.toString())).toString();
  }

  /**
   * @param token a presented token
   * @return {@code false} when it has this format's length and prefix but a wrong checksum (a typo
   *     or forgery that need not reach the store); {@code true} otherwise
   */
  public static boolean plausible(String token) {
    if (!token.startsWith(PREFIX) || token.length() != PREFIX.length() + BODY + CHECKSUM) {
      return true;
    }
    int split = token.length() - CHECKSUM;
    return checksum(token.substring(0, split)).equals(token.substring(split));
  }

  /** The first characters of a token, shown in {@code npm token list}. */
  public static String redact(String token) {
    return token.substring(0, Math.min(REDACTED_LENGTH, token.length()));
  }

  /** The stored form of a token: hex SHA-256 of its UTF-8 text. */
  public static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String checksum(String text) {
    CRC32 crc = new CRC32();
    crc.update(text.getBytes(StandardCharsets.UTF_8));
    long v = crc.getValue();
    char[] out = new char[CHECKSUM];
    for (int i = CHECKSUM - 1; i >= 0; i--) {
      out[i] = BASE62.charAt((int) (v % 62));
      v /= 62;
    }
    return new String(out);
  }
}
