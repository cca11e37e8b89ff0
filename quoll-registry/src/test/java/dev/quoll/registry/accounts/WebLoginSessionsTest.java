package dev.quoll.registry.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.registry.RegistryException;
import dev.quoll.registry.accounts.AccountService.LoginRequest;
import dev.quoll.registry.storage.JdbcMetadataStore;
import dev.quoll.registry.storage.LoginSessionStore;
import dev.quoll.registry.storage.MemoryLoginSessionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Expiry and single use of web login sessions, with a clock the test moves. */
class WebLoginSessionsTest {
  protected JdbcMetadataStore store;
  private Instant now = Instant.parse("2026-11-21T00:00:00Z");
  private WebLoginSessions sessions;
  private AccountService accounts;

  @BeforeEach
  void setUp() throws Exception {
    Path dir = Files.createTempDirectory("quoll-weblogin");
    store = JdbcMetadataStore.sqlite(dir.resolve("quoll.db"));
    Clock clock =
        new Clock() {
          @Override
          public ZoneId getZone() {
            return ZoneId.of("UTC");
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
    RateLimits limits = new RateLimits(java.util.Map.of());
    accounts =
        new AccountService(
            store,
            new PasswordHasher(PasswordHasher.Argon2Params.TEST),
            clock,
            SignupPolicy.OPEN,
            limits,
            new SecondFactor(store, SecretBox.fromBase64("A".repeat(43) + "="), limits, clock));
    accounts.login(new LoginRequest("carol", PW, Optional.of("carol@example.org")), "-");
    sessions = new WebLoginSessions(accounts, clock, Duration.ofMinutes(10), sessionStore());
  }

  /** Where this run keeps sessions; the subclass runs the same cases on the database. */
  protected LoginSessionStore sessionStore() {
    return new MemoryLoginSessionStore();
  }

  private static final String PW = "carols-long-password";

  @AfterEach
  void tearDown() throws Exception {
    store.close();
  }

  @Test
  void expiredSessionIsGoneForPageFormAndPoll() {
    var s = sessions.start(false);
    now = now.plus(Duration.ofMinutes(10));
    assertTrue(sessions.pending(s.id()).isEmpty());
    var e =
        assertThrows(
            RegistryException.class,
            () ->
                sessions.complete(
                    s.id(), s.secret(), new LoginRequest("carol", PW, Optional.empty()), "-"));
    assertEquals(404, e.kind().status());
    assertInstanceOf(WebLoginSessions.Poll.Gone.class, sessions.poll(s.id()));
  }

  @Test
  void completedButUncollectedSessionExpiresToo() {
    var s = sessions.start(false);
    sessions.complete(s.id(), s.secret(), new LoginRequest("carol", PW, Optional.empty()), "-");
    now = now.plus(Duration.ofMinutes(11));
    assertInstanceOf(WebLoginSessions.Poll.Gone.class, sessions.poll(s.id()));
  }

  @Test
  void tokenIsHandedOutOnce() {
    var s = sessions.start(false);
    assertInstanceOf(WebLoginSessions.Poll.Pending.class, sessions.poll(s.id()));
    now = now.plus(Duration.ofMinutes(9));
    sessions.complete(s.id(), s.secret(), new LoginRequest("carol", PW, Optional.empty()), "-");
    var done = assertInstanceOf(WebLoginSessions.Poll.Done.class, sessions.poll(s.id()));
    assertEquals("carol", accounts.authenticate(done.token()).orElseThrow().name());
    assertInstanceOf(WebLoginSessions.Poll.Gone.class, sessions.poll(s.id()));
  }

  @Test
  void signUpNeedsAnEmail() {
    var s = sessions.start(true);
    var e =
        assertThrows(
            RegistryException.class,
            () ->
                sessions.complete(
                    s.id(), s.secret(), new LoginRequest("dave", PW, Optional.empty()), "-"));
    assertEquals(400, e.kind().status());
    assertTrue(sessions.pending(s.id()).isPresent());
  }

  @Test
  void theNumberOfLiveSessionsIsBounded() {
    for (int i = 0; i < WebLoginSessions.MAX_SESSIONS; i++) {
      sessions.start(false);
    }
    var e = assertThrows(RegistryException.class, () -> sessions.start(false));
    assertEquals(429, e.kind().status());
    now = now.plus(Duration.ofMinutes(10));
    assertTrue(sessions.pending(sessions.start(false).id()).isPresent(), "expired ones are gone");
  }
}
