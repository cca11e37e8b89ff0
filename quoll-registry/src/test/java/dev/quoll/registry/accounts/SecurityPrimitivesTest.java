package dev.quoll.registry.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.registry.RegistryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token format, CIDR ranges, password hashes, the secret box and rate limits. */
class SecurityPrimitivesTest {
  @TempDir Path dir;

  @Test
  void tokensHavePrefixEnoughRandomnessAndAChecksum() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String t = TokenFormat.generate();
      assertTrue(t.matches("quoll_[0-9A-Za-z]{36}"), t);
      assertTrue(TokenFormat.plausible(t));
      assertTrue(seen.add(t));
      char c = t.charAt(10);
      String typo = t.substring(0, 10) + (c == 'a' ? 'b' : 'a') + t.substring(11);
      assertFalse(TokenFormat.plausible(typo), "a typo fails the checksum: " + typo);
    }
    assertTrue(TokenFormat.plausible("quoll_" + "A".repeat(43)), "old tokens are looked up");
    assertEquals(64, TokenFormat.hash("x").length());
    assertEquals("quoll_abcdef", TokenFormat.redact("quoll_abcdefghij"));
  }

  @Test
  void cidrRanges() {
    Cidr v4 = Cidr.parse("192.168.0.0/16").orElseThrow();
    assertTrue(v4.contains("192.168.44.1"));
    assertFalse(v4.contains("192.169.0.1"));
    assertTrue(v4.contains("::ffff:192.168.1.1"), "IPv4-mapped IPv6");
    assertFalse(v4.contains("2001:db8::1"));
    assertTrue(Cidr.parse("10.1.2.3").orElseThrow().contains("10.1.2.3"));
    assertFalse(Cidr.parse("10.1.2.3").orElseThrow().contains("10.1.2.4"));
    assertTrue(Cidr.parse("0.0.0.0/0").orElseThrow().contains("8.8.8.8"));
    Cidr v6 = Cidr.parse("2001:db8::/32").orElseThrow();
    assertTrue(v6.contains("2001:db8:ffff::1"));
    assertFalse(v6.contains("2001:db9::1"));
    for (String bad :
        new String[] {
          "10.0.0.0/33",
          "256.1.1.1",
          "localhost",
          "example.com/8",
          "1.2.3/8",
          "",
          "::/129",
          "10.0.0.0/-1",
          "10.0.0.0/"
        }) {
      assertTrue(Cidr.parse(bad).isEmpty(), bad);
    }
    assertFalse(v4.contains("not-an-ip"));
  }

  @Test
  void argon2idHashesAndLegacyPbkdf2Upgrade() {
    PasswordHasher h = new PasswordHasher(PasswordHasher.Argon2Params.TEST);
    String a = h.hash("correct horse");
    assertTrue(a.startsWith("$argon2id$v=19$m=64,t=1,p=1$"), a);
    assertTrue(h.verify("correct horse", a));
    assertFalse(h.verify("correct horsf", a));
    assertNotEquals(a, h.hash("correct horse"), "salted");
    assertFalse(h.needsRehash(a));
    assertTrue(new PasswordHasher(PasswordHasher.Argon2Params.DEFAULT).needsRehash(a));
    assertTrue(
        new PasswordHasher(PasswordHasher.Argon2Params.DEFAULT).verify("correct horse", a),
        "other parameters still verify");
    String legacy = PasswordHasher.legacyPbkdf2("old password", 1000);
    assertTrue(h.verify("old password", legacy));
    assertFalse(h.verify("old passwore", legacy));
    assertTrue(h.needsRehash(legacy));
    for (String bad :
        new String[] {
          "",
          "$argon2id$v=19$m=64,t=1,p=1$",
          "$argon2id$v=19$m=1,t=1,p=1$AA$AA",
          "x$1$a$b",
          "$argon2id$v=19$m=9999999,t=1,p=1$AAAA$AAAA"
        }) {
      assertFalse(h.verify("x", bad), bad);
    }
  }

  @Test
  void secretBoxSealsPerOwnerAndCreatesAPrivateKeyFile() throws Exception {
    Path key = dir.resolve("data/secret.key");
    SecretBox box = SecretBox.fromKeyFile(key);
    assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(key));
    String sealed = box.seal("JBSWY3DPEHPK3PXP", "alice");
    assertFalse(sealed.contains("JBSWY3DPEHPK3PXP"));
    assertEquals("JBSWY3DPEHPK3PXP", SecretBox.fromKeyFile(key).open(sealed, "alice"));
    assertThrows(IllegalStateException.class, () -> box.open(sealed, "mallory"));
    SecretBox other = SecretBox.fromBase64("B".repeat(43) + "=");
    assertThrows(IllegalStateException.class, () -> other.open(sealed, "alice"));
    assertNotEquals(sealed, box.seal("JBSWY3DPEHPK3PXP", "alice"), "fresh nonce");
  }

  @Test
  void rateLimitsRefuseWithARetryTimeAndSeparateAccountsAndAddresses() {
    RateLimits limits = new RateLimits(Map.of(RateLimits.Action.LOGIN, 2));
    limits.spend(RateLimits.Action.LOGIN, "a", "1.1.1.1");
    limits.spend(RateLimits.Action.LOGIN, "a", "2.2.2.2");
    var e =
        assertThrows(
            RegistryException.class, () -> limits.spend(RateLimits.Action.LOGIN, "a", "3.3.3.3"));
    assertEquals(429, e.kind().status());
    assertTrue(e.retryAfterSeconds() >= 1 && e.retryAfterSeconds() <= 60);
    for (int i = 0; i < 2 * RateLimits.ADDRESS_FACTOR; i++) {
      limits.spend(RateLimits.Action.LOGIN, "user" + i, "4.4.4.4");
    }
    assertThrows(
        RegistryException.class, () -> limits.spend(RateLimits.Action.LOGIN, "x", "4.4.4.4"));
    limits.spend(RateLimits.Action.OTP, "a", "1.1.1.1"); // not limited
  }
}
