package dev.quoll.registry.accounts;

import com.j256.twofactorauth.TimeBasedOneTimePasswordUtil;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * TOTP (RFC 6238) with the parameters every authenticator app uses: HMAC-SHA1, 30-second steps, 6
 * digits; codes are computed by the j256 two-factor-auth library. A code is accepted for the
 * current step and one step either side (RFC 6238 §5.2's recommended drift); {@link #matchStep}
 * returns which step matched, so the caller can refuse a step already used.
 */
public final class Totp {
  /** Seconds per time step. */
  public static final int STEP_SECONDS = 30;

  private Totp() {}

  /** A new secret: 32 base32 characters (160 bits, RFC 4226 §4's recommended length). */
  public static String newSecret() {
    return TimeBasedOneTimePasswordUtil.generateBase32Secret(32);
  }

  /**
   * @param base32Secret the shared secret
   * @param code what the user typed (spaces are ignored)
   * @param now the current time
   * @return the matching time step (seconds since the epoch / 30), or empty
   */
  public static OptionalLong matchStep(String base32Secret, String code, Instant now) {
    String c = code.replace(" ", "");
    if (!c.matches("\\d{6}")) {
      return OptionalLong.empty();
    }
    long step = now.getEpochSecond() / STEP_SECONDS;
    for (long s = step - 1; s <= step + 1; s++) {
      if (codeAt(base32Secret, s).equals(c)) {
        return OptionalLong.of(s);
      }
    }
    return OptionalLong.empty();
  }

  /**
   * @param base32Secret the shared secret
   * @param step a time step
   * @return the 6-digit code of that step
   */
  public static String codeAt(String base32Secret, long step) {
    try {
      return TimeBasedOneTimePasswordUtil.generateNumberString(
          base32Secret, step * STEP_SECONDS * 1000L, STEP_SECONDS, 6);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The key URI authenticator apps read (Google Authenticator's "Key Uri Format"), which {@code npm
   * profile enable-2fa} expects as the {@code tfa} string.
   *
   * @param issuer e.g. {@code Quoll}
   * @param account the user name
   * @param base32Secret the secret
   * @return e.g. {@code
   *     otpauth://totp/Quoll:alice?secret=...&issuer=Quoll&algorithm=SHA1&digits=6&period=30}
   */
  public static String uri(String issuer, String account, String base32Secret) {
    String label = enc(issuer) + ":" + enc(account);
    return "otpauth://totp/"
        + label
        + "?secret="
        + base32Secret
        + "&issuer="
        + enc(issuer)
        + "&algorithm=SHA1&digits=6&period="
        + STEP_SECONDS;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
