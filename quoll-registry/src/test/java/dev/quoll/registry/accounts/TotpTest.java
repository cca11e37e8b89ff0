package dev.quoll.registry.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** {@link Totp} against the SHA-1 test vectors of RFC 6238 Appendix B. */
class TotpTest {
  /** RFC 6238 Appendix B: the ASCII seed "12345678901234567890", base32. */
  private static final String SEED = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

  @Test
  void rfc6238Vectors() {
    // RFC 6238 Appendix B lists 8-digit values; a 6-digit code is their last six digits
    // (the same truncation modulo 10^6).
    Map<Long, String> vectors =
        Map.of(
            59L, "94287082",
            1111111109L, "07081804",
            1111111111L, "14050471",
            1234567890L, "89005924",
            2000000000L, "69279037",
            20000000000L, "65353130");
    vectors.forEach((t, v) -> assertEquals(v.substring(2), Totp.codeAt(SEED, t / 30), "T=" + t));
  }

  @Test
  void oneStepOfDriftEitherSide() {
    Instant now = Instant.ofEpochSecond(1234567890L);
    long step = 1234567890L / 30;
    assertEquals(OptionalLong.of(step), Totp.matchStep(SEED, Totp.codeAt(SEED, step), now));
    assertEquals(OptionalLong.of(step - 1), Totp.matchStep(SEED, Totp.codeAt(SEED, step - 1), now));
    assertEquals(OptionalLong.of(step + 1), Totp.matchStep(SEED, Totp.codeAt(SEED, step + 1), now));
    assertTrue(Totp.matchStep(SEED, Totp.codeAt(SEED, step + 2), now).isEmpty());
    assertTrue(Totp.matchStep(SEED, Totp.codeAt(SEED, step - 2), now).isEmpty());
    assertTrue(Totp.matchStep(SEED, "12345", now).isEmpty());
    assertTrue(Totp.matchStep(SEED, "abcdef", now).isEmpty());
  }

  @Test
  void uriHasTheKeyUriFormat() {
    assertEquals(
        "otpauth://totp/Quoll:a%20b?secret="
            + SEED
            + "&issuer=Quoll&algorithm=SHA1&digits=6&period=30",
        Totp.uri("Quoll", "a b", SEED));
    assertEquals(32, Totp.newSecret().length());
  }
}
