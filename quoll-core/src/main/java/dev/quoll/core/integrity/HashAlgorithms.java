package dev.quoll.core.integrity;

import dev.quoll.core.CoreException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hash algorithm names that ssri 13 recognises, their priority, and the ones Quoll can compute.
 *
 * <p>ssri accepts an algorithm when Node's {@code crypto.getHashes()} lists it; the names that can
 * appear in an SRI string are the lower-case alphanumeric ones. This class fixes that set to what
 * Node 20/22 with OpenSSL 3 (default provider) report, so that parsing does not depend on the
 * machine: {@code blake2b512 blake2s256 md5 ripemd ripemd160 rmd160 sha1 sha224 sha256 sha384
 * sha512 shake128 shake256 sm3}. Any other name (for example {@code sha3}, {@code whirlpool},
 * {@code foo}) is an unknown algorithm: ssri drops such hashes while parsing, and so do we.
 *
 * <p>Quoll computes {@code md5 sha1 sha224 sha256 sha384 sha512} (the JDK's {@link
 * MessageDigest}s). The other recognised names parse, print and compare like in ssri, but computing
 * or verifying them fails with {@link CoreException} code {@code EINTEGRITY}; nothing is ever
 * reported as verified by an algorithm Quoll cannot compute.
 */
public final class HashAlgorithms {
  private HashAlgorithms() {}

  /** The spec algorithms, the only ones strict mode accepts, in ssri's strict output order. */
  public static final List<String> SPEC = List.of("sha512", "sha384", "sha256");

  /** ssri's {@code DEFAULT_PRIORITY} filtered by Node's hashes: weakest first. */
  public static final List<String> PRIORITY =
      List.of("md5", "sha1", "sha224", "sha256", "sha384", "sha512");

  private static final Set<String> KNOWN =
      Set.of(
          "blake2b512",
          "blake2s256",
          "md5",
          "ripemd",
          "ripemd160",
          "rmd160",
          "sha1",
          "sha224",
          "sha256",
          "sha384",
          "sha512",
          "shake128",
          "shake256",
          "sm3");

  private static final Map<String, String> JAVA_NAMES =
      Map.of(
          "md5", "MD5",
          "sha1", "SHA-1",
          "sha224", "SHA-224",
          "sha256", "SHA-256",
          "sha384", "SHA-384",
          "sha512", "SHA-512");

  /** Whether ssri (under Node 20/22) accepts {@code algorithm} in an SRI string. */
  public static boolean isKnown(String algorithm) {
    return KNOWN.contains(algorithm);
  }

  /** Whether Quoll can compute {@code algorithm} (a subset of the known ones). */
  public static boolean isSupported(String algorithm) {
    return JAVA_NAMES.containsKey(algorithm);
  }

  /**
   * The priority of an algorithm as ssri's {@code getPrioritizedHash} sees it: its index in {@link
   * #PRIORITY}, or -1 for every other name (weaker than all of them).
   */
  public static int priority(String algorithm) {
    return PRIORITY.indexOf(algorithm);
  }

  /**
   * A fresh digest for an ssri algorithm name.
   *
   * @throws CoreException {@code EINTEGRITY} when Quoll cannot compute {@code algorithm}
   */
  public static MessageDigest newDigest(String algorithm) {
    String javaName = JAVA_NAMES.get(algorithm);
    if (javaName == null) {
      throw new CoreException("EINTEGRITY", "unsupported integrity hash algorithm: " + algorithm);
    }
    try {
      return MessageDigest.getInstance(javaName);
    } catch (NoSuchAlgorithmException e) {
      throw new CoreException(
          "EINTEGRITY", "unsupported integrity hash algorithm: " + algorithm, e);
    }
  }
}
