package dev.quoll.core.integrity;

import dev.quoll.core.CoreException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A sink that hashes bytes as they pass and, at the end, verifies them against an expected
 * integrity — the checking half of ssri 13's {@code integrityStream({integrity, size})}.
 *
 * <p>Contract: bytes are hashed with sha512 (ssri's default, so the caller can record a sha512
 * integrity even when only a sha1 {@code shasum} was expected) and with the expected value's {@link
 * Integrity#pickAlgorithm() strongest algorithm}; {@link #verify()} succeeds only when that
 * algorithm's digest equals one of the expected digests of that algorithm (ssri's {@code match}).
 * Nothing counts as verified before {@link #verify()} returned. The checker is single-use and not
 * thread-safe. Hashing is {@link MessageDigest#update(byte[], int, int)} over the caller's arrays:
 * no per-byte work.
 */
public final class IntegrityChecker {
  private final Integrity expected;
  private final long expectedSize;
  private final String algorithm;
  private final List<String> algorithms = new ArrayList<>();
  private final List<MessageDigest> digests = new ArrayList<>();
  private long size;
  private Integrity actual;
  private Hash verified;

  private IntegrityChecker(Integrity expected, long expectedSize) {
    this.expected = expected;
    this.expectedSize = expectedSize;
    this.algorithm = expected.pickAlgorithm();
    algorithms.add("sha512");
    if (!algorithm.equals("sha512")) {
      algorithms.add(algorithm);
    }
    for (String a : algorithms) {
      digests.add(HashAlgorithms.newDigest(a));
    }
  }

  /**
   * A checker for {@code expected} with no size check.
   *
   * @throws CoreException {@code EINTEGRITY} when Quoll cannot compute the picked algorithm
   */
  public static IntegrityChecker of(Integrity expected) {
    return new IntegrityChecker(expected, -1);
  }

  /**
   * A checker for {@code expected} that also requires exactly {@code expectedSize} bytes.
   *
   * @param expectedSize the expected length in bytes, or -1 for no size check
   * @throws CoreException {@code EINTEGRITY} when Quoll cannot compute the picked algorithm
   */
  public static IntegrityChecker of(Integrity expected, long expectedSize) {
    return new IntegrityChecker(expected, expectedSize);
  }

  /**
   * A checker for an SRI string, parsed leniently as ssri does.
   *
   * @throws CoreException {@code EINTEGRITY} "No valid integrity hashes to check against" when the
   *     string holds no valid hash (ssri's {@code checkStream} error)
   */
  public static IntegrityChecker of(String sri, long expectedSize) {
    Integrity parsed =
        Integrity.parse(sri)
            .orElseThrow(
                () ->
                    new CoreException("EINTEGRITY", "No valid integrity hashes to check against"));
    return new IntegrityChecker(parsed, expectedSize);
  }

  /**
   * A checker for a legacy hex sha1 {@code shasum} (a packument's {@code dist.shasum}), as pacote
   * does with {@code ssri.fromHex(shasum, 'sha1')}.
   *
   * @param shasum the hex sha1 digest
   * @throws CoreException {@code EINTEGRITY} when the shasum decodes to no bytes
   */
  public static IntegrityChecker ofShasum(String shasum) {
    Integrity parsed =
        Integrity.fromHex(shasum, "sha1")
            .orElseThrow(() -> new CoreException("EINTEGRITY", "invalid shasum: " + shasum));
    return new IntegrityChecker(parsed, -1);
  }

  /** The expected integrity. */
  public Integrity expected() {
    return expected;
  }

  /** The algorithm the check uses (the expected value's strongest). */
  public String algorithm() {
    return algorithm;
  }

  /** The number of bytes hashed so far. */
  public long size() {
    return size;
  }

  /**
   * Hashes {@code len} bytes of {@code b} from {@code off}.
   *
   * @throws CoreException {@code EBADSIZE} as soon as more bytes than the expected size arrived
   * @throws IllegalStateException after {@link #verify()}
   */
  public void update(byte[] b, int off, int len) {
    if (actual != null) {
      throw new IllegalStateException("integrity checker already finished");
    }
    size += len;
    if (expectedSize >= 0 && size > expectedSize) {
      throw sizeMismatch();
    }
    for (MessageDigest md : digests) {
      md.update(b, off, len);
    }
  }

  /**
   * Ends the input and verifies it; later calls return the same result.
   *
   * @return the computed hash that matched the expected integrity
   * @throws CoreException {@code EBADSIZE} (ssri's "stream size mismatch when checking ...") when
   *     the length differs from the expected size, else {@code EINTEGRITY} with ssri's message
   *     "{@code <sri> integrity checksum failed when using <algo>: wanted <digests> but got
   *     <actual>. (<n> bytes)}"
   */
  public Hash verify() {
    if (verified != null) {
      return verified;
    }
    if (actual == null) {
      List<Hash> hashes = new ArrayList<>();
      for (int i = 0; i < digests.size(); i++) {
        String digest = Base64.getEncoder().encodeToString(digests.get(i).digest());
        hashes.add(new Hash(algorithms.get(i), digest, List.of()));
      }
      actual = Integrity.of(hashes);
    }
    if (expectedSize >= 0 && size != expectedSize) {
      throw sizeMismatch();
    }
    Optional<Hash> match = actual.match(expected);
    if (match.isEmpty()) {
      List<String> wanted = expected.get(algorithm).stream().map(Hash::toString).toList();
      throw new CoreException(
          "EINTEGRITY",
          expected
              + " integrity checksum failed when using "
              + algorithm
              + ": wanted "
              + String.join(",", wanted)
              + " but got "
              + actual
              + ". ("
              + size
              + " bytes)");
    }
    verified = match.get();
    return verified;
  }

  /**
   * The integrity computed from the bytes (sha512 and the checked algorithm), available once {@link
   * #verify()} has been called, whether or not it succeeded.
   */
  public Optional<Integrity> actual() {
    return Optional.ofNullable(actual);
  }

  private CoreException sizeMismatch() {
    return new CoreException(
        "EBADSIZE",
        "stream size mismatch when checking "
            + expected
            + ".\n  Wanted: "
            + expectedSize
            + "\n  Found: "
            + size);
  }
}
