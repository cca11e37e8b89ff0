package dev.quoll.registry.http;

import dev.quoll.registry.accounts.AccountService;
import dev.quoll.registry.accounts.AccountService.PasswordCheck;
import dev.quoll.registry.accounts.Credential;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code Authorization: Basic <base64(user:password)>} (RFC 7617; what npm sends for the {@code
 * _auth} and {@code username}/{@code _password} configs, npm-registry-fetch 19 {@code auth.js}).
 *
 * <p>Guarantees: the credentials are checked against the account's password hash; because that hash
 * is deliberately slow and npm repeats the header on every request, a successful check is
 * remembered for {@value #REMEMBER_SECONDS} s (while the password hash is unchanged and 2FA stays
 * off, checked on each use) under a salted SHA-256 of the header (never the password itself; the
 * salt is random per process), for at most {@value #MAX_REMEMBERED} credentials at once. Failures
 * are not remembered. The user part ends at the first colon (RFC 7617 §2); the bytes are UTF-8.
 */
final class BasicCredentials {
  static final int REMEMBER_SECONDS = 300;
  static final int MAX_REMEMBERED = 10_000;
  private final AccountService accounts;
  private final Clock clock;
  private final byte[] salt = new byte[16];
  private final ConcurrentHashMap<String, Remembered> remembered = new ConcurrentHashMap<>();

  private record Remembered(PasswordCheck check, Instant until) {}

  BasicCredentials(AccountService accounts, Clock clock) {
    this.accounts = accounts;
    this.clock = clock;
    new SecureRandom().nextBytes(salt);
  }

  /**
   * @param header the Authorization header value
   * @return whether it carries Basic credentials (valid or not)
   */
  static boolean isBasic(String header) {
    return header != null && header.length() > 6 && header.regionMatches(true, 0, "Basic ", 0, 6);
  }

  /**
   * @param header an Authorization header value for which {@link #isBasic} holds
   * @param address the client address (a password check spends its login rate limit)
   * @return the user as an unrestricted credential, or empty when the credentials are malformed,
   *     unknown or wrong
   * @throws dev.quoll.registry.RegistryException as {@link AccountService#verifyPassword}
   */
  Optional<Credential> credential(String header, String address) {
    String encoded = header.substring(6).strip();
    String key = digest(encoded);
    Instant now = clock.instant();
    Remembered r = remembered.get(key);
    if (r != null && r.until().isAfter(now)) {
      if (accounts.stillValid(r.check())) {
        return Optional.of(r.check().credential());
      }
      remembered.remove(key);
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    Optional<PasswordCheck> check =
        accounts.verifyPassword(decoded.substring(0, colon), decoded.substring(colon + 1), address);
    check.ifPresent(c -> remember(key, c, now));
    return check.map(PasswordCheck::credential);
  }

  private void remember(String key, PasswordCheck user, Instant now) {
    if (remembered.size() >= MAX_REMEMBERED) {
      remembered.values().removeIf(x -> !x.until().isAfter(now));
      if (remembered.size() >= MAX_REMEMBERED) {
        remembered.clear();
      }
    }
    remembered.put(key, new Remembered(user, now.plus(Duration.ofSeconds(REMEMBER_SECONDS))));
  }

  private String digest(String encoded) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(salt);
      return HexFormat.of().formatHex(sha.digest(encoded.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
