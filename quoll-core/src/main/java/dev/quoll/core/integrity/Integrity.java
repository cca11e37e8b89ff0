package dev.quoll.core.integrity;

import dev.quoll.core.CoreException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * A Subresource Integrity value: one or more {@link Hash}es grouped by algorithm, in the order the
 * algorithms first appeared — ssri 13's {@code Integrity}.
 *
 * <p>Contract: {@link #parse} keeps exactly the hashes ssri keeps (unknown algorithms and malformed
 * entries are dropped silently; a value with no hash left is absent, as ssri's {@code null});
 * {@link #toString()} and {@link #toString(String, boolean)} print exactly what ssri's {@code
 * toString} prints; {@link #pickAlgorithm()} and {@link #match} choose and compare as ssri does.
 * Instances are immutable and never empty.
 */
public final class Integrity {
  private final SequencedMap<String, List<Hash>> hashes;

  private Integrity(SequencedMap<String, List<Hash>> hashes) {
    this.hashes = hashes;
  }

  /**
   * Parses an SRI string in ssri's default (lenient) mode.
   *
   * @param sri white-space separated hashes, e.g. {@code "sha512-AbC...== sha1-xyz"}
   * @return the integrity, or empty when no valid hash is left (ssri returns {@code null})
   */
  public static Optional<Integrity> parse(String sri) {
    return parse(sri, false);
  }

  /**
   * Parses an SRI string as ssri's {@code parse(sri, {strict})}: split on JavaScript white space,
   * each part parsed by {@link Hash#parse}, invalid parts dropped.
   *
   * @param sri white-space separated hashes
   * @param strict ssri's strict mode (spec algorithms, 44 to 88 base64 characters, visible ASCII
   *     options)
   * @return the integrity, or empty when no valid hash is left
   */
  public static Optional<Integrity> parse(String sri, boolean strict) {
    SequencedMap<String, List<Hash>> map = new LinkedHashMap<>();
    for (String token : JsText.splitOnSpace(sri)) {
      Hash.parse(token, strict)
          .ifPresent(h -> map.computeIfAbsent(h.algorithm(), k -> new ArrayList<>()).add(h));
    }
    return of(map);
  }

  /**
   * An integrity of the given hashes, grouped by algorithm in first-appearance order.
   *
   * @throws IllegalArgumentException when {@code hashes} is empty
   */
  public static Integrity of(List<Hash> hashes) {
    SequencedMap<String, List<Hash>> map = new LinkedHashMap<>();
    for (Hash h : hashes) {
      map.computeIfAbsent(h.algorithm(), k -> new ArrayList<>()).add(h);
    }
    return of(map).orElseThrow(() -> new IllegalArgumentException("no hashes"));
  }

  private static Optional<Integrity> of(SequencedMap<String, List<Hash>> map) {
    if (map.isEmpty()) {
      return Optional.empty();
    }
    SequencedMap<String, List<Hash>> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return Optional.of(new Integrity(Collections.unmodifiableSequencedMap(copy)));
  }

  /**
   * ssri's {@code fromHex(hex, algorithm)}: the hex digest (decoded as Node's {@code
   * Buffer.from(hex, 'hex')}, which stops at the first pair that is not hex) re-encoded as base64.
   *
   * @param hex hex digits, e.g. a 40-character sha1 {@code shasum}
   * @param algorithm the algorithm name, e.g. {@code sha1}
   * @return the integrity, or empty when ssri returns {@code null} (no bytes decoded, or an
   *     algorithm ssri does not recognise)
   */
  public static Optional<Integrity> fromHex(String hex, String algorithm) {
    return fromHex(hex, algorithm, List.of());
  }

  /** {@link #fromHex(String, String)} with ssri's {@code options} appended to the hash. */
  public static Optional<Integrity> fromHex(String hex, String algorithm, List<String> options) {
    byte[] bytes = JsText.decodeHex(hex);
    return parse(
        algorithm + "-" + Base64.getEncoder().encodeToString(bytes) + Hash.optionString(options));
  }

  /**
   * ssri's {@code fromData(data, {algorithms})}: the integrity of {@code data} for each algorithm.
   *
   * @param data the bytes to hash
   * @param algorithms ssri algorithm names, at least one; ssri's default is {@code sha512}
   * @throws CoreException {@code EINTEGRITY} for an algorithm Quoll cannot compute
   */
  public static Integrity fromData(byte[] data, List<String> algorithms) {
    return fromData(data, algorithms, List.of());
  }

  /** {@link #fromData(byte[], List)} with ssri's {@code options} appended to each hash. */
  public static Integrity fromData(byte[] data, List<String> algorithms, List<String> options) {
    List<Hash> list = new ArrayList<>();
    for (String algorithm : algorithms) {
      MessageDigest md = HashAlgorithms.newDigest(algorithm);
      String digest = Base64.getEncoder().encodeToString(md.digest(data));
      list.add(new Hash(algorithm, digest, options));
    }
    return of(list);
  }

  /** The sha512 integrity of {@code data} (ssri's {@code fromData} default). */
  public static Integrity fromData(byte[] data) {
    return fromData(data, List.of("sha512"));
  }

  /** The hashes by algorithm, in first-appearance order (unmodifiable, never empty). */
  public SequencedMap<String, List<Hash>> hashes() {
    return hashes;
  }

  /** The hashes of one algorithm, or an empty list. */
  public List<Hash> get(String algorithm) {
    return hashes.getOrDefault(algorithm, List.of());
  }

  /**
   * ssri's {@code pickAlgorithm()}: the strongest algorithm present by {@link
   * HashAlgorithms#PRIORITY} (ties and unranked names keep the first seen).
   */
  public String pickAlgorithm() {
    return pickAlgorithm(List.of()).orElseThrow();
  }

  /**
   * ssri's {@code pickAlgorithm(opts, hashes)}: as {@link #pickAlgorithm()} but only among the
   * algorithms in {@code among} (no limit when it is empty).
   *
   * @return the algorithm, or empty when no algorithm of this value is in {@code among}
   */
  public Optional<String> pickAlgorithm(Collection<String> among) {
    String best = null;
    for (String algorithm : hashes.keySet()) {
      if (!among.isEmpty() && !among.contains(algorithm)) {
        continue;
      }
      if (best == null || HashAlgorithms.priority(best) < HashAlgorithms.priority(algorithm)) {
        best = algorithm;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * ssri's {@code this.match(other)}: picks the strongest algorithm of {@code other} that this
   * value also has, and returns this value's first hash of that algorithm whose digest equals one
   * of {@code other}'s. Only that one algorithm is compared.
   *
   * @return the matching hash of this value, or empty
   */
  public Optional<Hash> match(Integrity other) {
    Optional<String> algorithm = other.pickAlgorithm(hashes.keySet());
    if (algorithm.isEmpty()) {
      return Optional.empty();
    }
    List<Hash> theirs = other.get(algorithm.get());
    for (Hash mine : get(algorithm.get())) {
      for (Hash their : theirs) {
        if (mine.digest().equals(their.digest())) {
          return Optional.of(mine);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * ssri's {@code checkData(data, this)}: hashes {@code data} with {@link #pickAlgorithm()} and
   * compares with this value's hashes of that algorithm.
   *
   * @return the computed hash when it matches, else empty
   * @throws CoreException {@code EINTEGRITY} when Quoll cannot compute the picked algorithm
   */
  public Optional<Hash> checkData(byte[] data) {
    Integrity computed = fromData(data, List.of(pickAlgorithm()));
    return computed.match(this);
  }

  /**
   * ssri's {@code checkData(data, this, {error: true, size})}.
   *
   * @param data the bytes to check
   * @param expectedSize the expected length in bytes, or -1 for none
   * @return the computed hash that matched
   * @throws CoreException {@code EBADSIZE} when the length differs (checked only after a digest
   *     mismatch, as ssri does), else {@code EINTEGRITY} with ssri's message naming what was wanted
   *     and what was found
   */
  public Hash verifyData(byte[] data, long expectedSize) {
    String algorithm = pickAlgorithm();
    Integrity computed = fromData(data, List.of(algorithm));
    Optional<Hash> match = computed.match(this);
    if (match.isPresent()) {
      return match.get();
    }
    if (expectedSize >= 0 && data.length != expectedSize) {
      throw new CoreException(
          "EBADSIZE",
          "data size mismatch when checking "
              + this
              + ".\n  Wanted: "
              + expectedSize
              + "\n  Found: "
              + data.length);
    }
    throw new CoreException(
        "EINTEGRITY",
        "Integrity checksum failed when using "
            + algorithm
            + ": Wanted "
            + this
            + ", but got "
            + computed
            + ". ("
            + data.length
            + " bytes)");
  }

  /**
   * ssri's {@code hexDigest()}: the hex digest of this value read back as a single hash, which for
   * a one-hash value is that hash's hex digest.
   */
  public String hexDigest() {
    return Hash.parse(toString(), false).map(Hash::hexDigest).orElse("");
  }

  /** ssri's {@code toString()}: every hash, separated by one space, grouped by algorithm. */
  @Override
  public String toString() {
    return toString(" ", false);
  }

  /**
   * ssri's {@code toString({sep, strict})}, quirks included. In strict mode only spec algorithms
   * are printed, in the order sha512, sha384, sha256, hashes that are not strictly valid are left
   * out, and each run of non-white-space in {@code sep} becomes one space.
   *
   * @param sep the separator; an empty one means the default single space, as in ssri
   * @param strict ssri's strict option
   */
  public String toString(String sep, boolean strict) {
    String separator = sep.isEmpty() ? " " : sep;
    StringBuilder out = new StringBuilder();
    if (strict) {
      separator =
          separator.replaceAll(
              "[^\\t\\n\\u000B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF]+",
              " ");
      for (String algorithm : HashAlgorithms.SPEC) {
        List<Hash> list = hashes.get(algorithm);
        if (list != null) {
          appendGroup(out, separator, true, list);
        }
      }
    } else {
      for (List<Hash> list : hashes.values()) {
        appendGroup(out, separator, false, list);
      }
    }
    return out.toString();
  }

  /** ssri's {@code integrityHashToString}, including its trailing separator quirk. */
  private static void appendGroup(StringBuilder out, String sep, boolean strict, List<Hash> list) {
    boolean any = false;
    StringBuilder complement = new StringBuilder();
    int last = list.size() - 1;
    for (int i = 0; i < last; i++) {
      String s = list.get(i).toString(strict);
      if (!s.isEmpty()) {
        any = true;
        complement.append(s).append(sep);
      }
    }
    String fin = list.get(last).toString(strict);
    if (!fin.isEmpty()) {
      any = true;
      complement.append(fin);
    }
    if (!out.isEmpty() && any) {
      out.append(sep);
    }
    out.append(complement);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Integrity other && hashes.equals(other.hashes);
  }

  @Override
  public int hashCode() {
    return hashes.hashCode();
  }
}
