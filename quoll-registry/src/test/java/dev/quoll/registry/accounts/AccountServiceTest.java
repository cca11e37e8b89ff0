package dev.quoll.registry.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.registry.RegistryException;
import dev.quoll.registry.accounts.AccountService.LoginRequest;
import dev.quoll.registry.storage.JdbcMetadataStore;
import dev.quoll.registry.storage.MetadataStore;
import dev.quoll.registry.storage.MetadataStore.Grants;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token expiry, the password-hash upgrade on login, and auth-only 2FA, on a moving clock. */
class AccountServiceTest {
  @TempDir Path dir;
  private MetadataStore store;
  private Instant now = Instant.parse("2026-06-01T00:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };
  private AccountService accounts;
  private TokenService tokens;
  private ProfileService profiles;

  @BeforeEach
  void setUp() {
    store = JdbcMetadataStore.sqlite(dir.resolve("q.db"));
    RateLimits limits = new RateLimits(Map.of());
    accounts =
        new AccountService(
            store,
            new PasswordHasher(PasswordHasher.Argon2Params.TEST),
            clock,
            SignupPolicy.OPEN,
            limits,
            new SecondFactor(store, SecretBox.fromBase64("C".repeat(43) + "="), limits, clock));
    tokens = new TokenService(store, accounts, limits, clock);
    profiles = new ProfileService(store, accounts, clock);
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private Credential login(String user, String pw) {
    String t =
        accounts.login(new LoginRequest(user, pw, Optional.of(user + "@x.org")), "-").token();
    return accounts.authenticate(t, "127.0.0.1").orElseThrow();
  }

  @Test
  void anExpiredTokenIsRefusedAtOnce() {
    Credential c = login("exp", "expiring-password");
    var created =
        tokens.create(
            c,
            new TokenService.TokenRequest(
                "expiring-password", "", false, List.of(), Optional.of(1), Grants.ALL, false),
            Optional.empty(),
            "-");
    assertTrue(accounts.authenticate(created.text(), "-").isPresent());
    now = now.plus(Duration.ofDays(1)).minusSeconds(1);
    assertTrue(accounts.authenticate(created.text(), "-").isPresent());
    now = now.plusSeconds(1);
    assertTrue(accounts.authenticate(created.text(), "-").isEmpty());
    assertTrue(store.findToken(created.token().hash()).isEmpty(), "and it is removed");
  }

  @Test
  void aLegacyPbkdf2HashIsUpgradedOnLogin() {
    store.saveUser(
        new MetadataStore.User(
            "old", "old@x.org", PasswordHasher.legacyPbkdf2("legacy-password", 1000), now));
    accounts.login(new LoginRequest("old", "legacy-password", Optional.empty()), "-");
    String hash = store.findUser("old").orElseThrow().passwordHash();
    assertTrue(hash.startsWith("$argon2id$"), hash);
    accounts.login(new LoginRequest("old", "legacy-password", Optional.empty()), "-");
    assertThrows(
        RegistryException.class,
        () -> accounts.login(new LoginRequest("old", "wrong-password", Optional.empty()), "-"));
  }

  @Test
  void authOnlyAsksAtLoginButNotForPackageWrites() {
    Credential c = login("ao", "auth-only-password");
    var started =
        profiles.update(
            c,
            new ProfileService.Update.TfaMode("auth-only", "auth-only-password"),
            Optional.empty(),
            "-");
    String uri = ((ProfileService.TfaAnswer.Uri) started.tfa()).uri();
    String secret = uri.replaceAll(".*secret=([A-Z2-7]+).*", "$1");
    long step = now.getEpochSecond() / Totp.STEP_SECONDS;
    profiles.update(
        c, new ProfileService.Update.TfaConfirm(Totp.codeAt(secret, step)), Optional.empty(), "-");
    assertEquals(Optional.of("auth-only"), accounts.secondFactor().activeMode("ao"));
    var e =
        assertThrows(
            RegistryException.class,
            () ->
                accounts.login(
                    new LoginRequest("ao", "auth-only-password", Optional.empty()), "-"));
    assertEquals(RegistryException.Kind.OTP_REQUIRED, e.kind());
    accounts.login(
        new LoginRequest(
            "ao",
            "auth-only-password",
            Optional.empty(),
            Optional.of(Totp.codeAt(secret, step + 1))),
        "-");
    var changeWithoutOtp =
        assertThrows(
            RegistryException.class,
            () ->
                profiles.update(
                    c,
                    new ProfileService.Update.Fields(
                        Map.of("fullname", "A O"), Optional.empty(), Optional.empty()),
                    Optional.empty(),
                    "-"));
    assertEquals(RegistryException.Kind.OTP_REQUIRED, changeWithoutOtp.kind());
    assertTrue(c.mayWrite("any-package"), "auth-only does not guard package writes");
    assertFalse(
        accounts.secondFactor().activeMode("ao").filter("auth-and-writes"::equals).isPresent());
  }
}
