package dev.quoll.registry.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quoll.registry.RegistryException;
import dev.quoll.registry.accounts.AccountService.LoginRequest;
import dev.quoll.registry.storage.JdbcLoginSessionStore;
import dev.quoll.registry.storage.JdbcMetadataStore;
import dev.quoll.registry.storage.LoginSessionStore;
import dev.quoll.testkit.PostgresService;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The web login session cases on the database store (SQLite here), and two nodes sharing one
 * PostgreSQL database: a session started on one node is completed and collected on the other, still
 * at most once.
 */
class SharedWebLoginSessionsTest extends WebLoginSessionsTest {
  @Override
  protected LoginSessionStore sessionStore() {
    return new JdbcLoginSessionStore(store.dataSource());
  }

  /** Not repeated here: 10,000 database round trips say nothing the memory run does not. */
  @Override
  void theNumberOfLiveSessionsIsBounded() {}

  private static final String ERIN_PW = "erins-long-password";

  @Test
  void aSessionMovesBetweenNodesAndItsTokenIsHandedOutOnce() {
    try (JdbcMetadataStore db = JdbcMetadataStore.postgres(PostgresService.newDatabase(), 4)) {
      RateLimits limits = new RateLimits(java.util.Map.of());
      AccountService accounts =
          new AccountService(
              db,
              new PasswordHasher(PasswordHasher.Argon2Params.TEST),
              Clock.systemUTC(),
              SignupPolicy.OPEN,
              limits,
              new SecondFactor(
                  db, SecretBox.fromBase64("A".repeat(43) + "="), limits, Clock.systemUTC()));
      accounts.login(new LoginRequest("erin", ERIN_PW, Optional.of("erin@example.org")), "-");
      WebLoginSessions a =
          new WebLoginSessions(
              accounts,
              Clock.systemUTC(),
              Duration.ofMinutes(10),
              new JdbcLoginSessionStore(db.dataSource()));
      WebLoginSessions b =
          new WebLoginSessions(
              accounts,
              Clock.systemUTC(),
              Duration.ofMinutes(10),
              new JdbcLoginSessionStore(db.dataSource()));
      var s = a.start(false);
      assertEquals(Optional.of(s), b.pending(s.id()));
      assertInstanceOf(WebLoginSessions.Poll.Pending.class, a.poll(s.id()));
      b.complete(s.id(), s.secret(), new LoginRequest("erin", ERIN_PW, Optional.empty()), "-");
      assertThrows(
          RegistryException.class,
          () ->
              a.complete(
                  s.id(), s.secret(), new LoginRequest("erin", ERIN_PW, Optional.empty()), "-"));
      var done = assertInstanceOf(WebLoginSessions.Poll.Done.class, a.poll(s.id()));
      assertEquals("erin", accounts.authenticate(done.token()).orElseThrow().name());
      assertInstanceOf(WebLoginSessions.Poll.Gone.class, b.poll(s.id()));
    }
  }
}
