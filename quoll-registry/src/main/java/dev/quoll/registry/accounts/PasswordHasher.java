package dev.quoll.registry.accounts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashing with Argon2id (RFC 9106) through Bouncy Castle's pure-Java {@link
 * Argon2BytesGenerator} (no native code), a 16-byte random salt and a 32-byte tag.
 *
 * <p>Encoded form: the PHC string format {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt
 * base64>$<hash base64>} (unpadded standard base64), so parameters can change without invalidating
 * stored hashes. Hashes of the earlier PBKDF2 scheme ({@code
 * pbkdf2-sha256$<iterations>$<salt>$<key>}, RFC 8018 with HMAC-SHA256) still verify; {@link
 * #needsRehash} tells the caller to replace them (and Argon2id hashes with other parameters) after
 * a successful login. Comparison is constant time; a malformed hash never verifies.
 */
public final class PasswordHasher {
  private static final String ARGON2ID = "$argon2id$v=19$";
  private static final String PBKDF2 = "pbkdf2-sha256";
  private final Argon2Params params;
  private final SecureRandom random = new SecureRandom();

  /**
   * Argon2id cost parameters.
   *
   * @param memoryKiB memory in KiB (at least 8 x parallelism)
   * @param iterations passes over memory (at least 1)
   * @param parallelism lanes (at least 1)
   */
  public record Argon2Params(int memoryKiB, int iterations, int parallelism) {
    /** OWASP Password Storage Cheat Sheet (2024), Argon2id option 2: m=19 MiB, t=2, p=1. */
    public static final Argon2Params DEFAULT = new Argon2Params(19 * 1024, 2, 1);

    /** The cheapest allowed cost, for tests only. */
    public static final Argon2Params TEST = new Argon2Params(64, 1, 1);

    /** Checks the bounds. */
    public Argon2Params {
      if (parallelism < 1 || iterations < 1 || memoryKiB < 8 * parallelism) {
        throw new IllegalArgumentException("invalid Argon2 parameters");
      }
    }
  }

  /**
   * @param params the cost of new hashes
   */
  public PasswordHasher(Argon2Params params) {
    this.params = params;
  }

  /**
   * @param password the clear-text password
   * @return the PHC-encoded Argon2id hash
   */
  public String hash(String password) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    byte[] tag = argon2(password, salt, params, 32);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return ARGON2ID
        + "m="
        + params.memoryKiB()
        + ",t="
        + params.iterations()
        + ",p="
        + params.parallelism()
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(tag);
  }

  /**
   * @param password the clear-text password to check
   * @param encoded an Argon2id or legacy PBKDF2 hash
   * @return whether the password matches; {@code false} for a malformed hash
   */
  public boolean verify(String password, String encoded) {
    try {
      if (encoded.startsWith(ARGON2ID)) {
        String[] parts = encoded.substring(ARGON2ID.length()).split("\\$");
        if (parts.length != 3) {
          return false;
        }
        Argon2Params p = parseParams(parts[0]);
        byte[] salt = Base64.getDecoder().decode(parts[1]);
        byte[] expected = Base64.getDecoder().decode(parts[2]);
        return MessageDigest.isEqual(expected, argon2(password, salt, p, expected.length));
      }
      String[] parts = encoded.split("\\$");
      if (parts.length != 4 || !parts[0].equals(PBKDF2)) {
        return false;
      }
      int n = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      return MessageDigest.isEqual(expected, pbkdf2(password, salt, n));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * @param encoded a stored hash
   * @return whether it should be replaced by {@link #hash} (another scheme or other parameters)
   */
  public boolean needsRehash(String encoded) {
    return !encoded.startsWith(
        ARGON2ID
            + "m="
            + params.memoryKiB()
            + ",t="
            + params.iterations()
            + ",p="
            + params.parallelism()
            + "$");
  }

  private static Argon2Params parseParams(String text) {
    int m = -1;
    int t = -1;
    int p = -1;
    for (String kv : text.split(",")) {
      String[] x = kv.split("=", 2);
      if (x.length != 2) {
        throw new IllegalArgumentException("bad parameter " + kv);
      }
      int v = Integer.parseInt(x[1]);
      switch (x[0]) {
        case "m" -> m = v;
        case "t" -> t = v;
        case "p" -> p = v;
        default -> throw new IllegalArgumentException("bad parameter " + kv);
      }
    }
    if (m > 4 * 1024 * 1024 || t > 64 || p > 64) {
      throw new IllegalArgumentException("Argon2 parameters out of range");
    }
    return new Argon2Params(m, t, p);
  }

  private static byte[] argon2(String password, byte[] salt, Argon2Params p, int length) {
    Argon2Parameters parameters =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(p.memoryKiB())
            .withIterations(p.iterations())
            .withParallelism(p.parallelism())
            .withSalt(salt)
            .build();
    Argon2BytesGenerator gen = new Argon2BytesGenerator();
    gen.init(parameters);
    byte[] out = new byte[length];
    gen.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }

  /** Creates a legacy PBKDF2 hash (tests of the upgrade path only). */
  static String legacyPbkdf2(String password, int iterations) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PBKDF2
        + "$"
        + iterations
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(pbkdf2(password, salt, iterations));
  }

  private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } finally {
      spec.clearPassword();
    }
  }
}
