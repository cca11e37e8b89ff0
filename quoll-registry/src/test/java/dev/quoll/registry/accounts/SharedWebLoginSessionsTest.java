package dev.quoll.registry.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.registry.RegistryException;
import dev.quoll.registry.accounts.AccountService.LoginRequest;
import dev.quoll.registry.storage.JdbcLoginSessionStore;
import dev.quoll.registry.storage.JdbcMetadataStore;
import dev.quoll.registry.storage.LoginSessionStore;
import dev.quoll.testkit.PostgresService;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
  private static final SecretBox BOX = SecretBox.fromBase64("A".repeat(43) + "=");

  @Test
  void aSessionMovesBetweenNodesAndItsTokenIsHandedOutOnce() throws SQLException {
    try (JdbcMetadataStore db = JdbcMetadataStore.postgres(PostgresService.newDatabase(), 4)) {
      RateLimits limits = new RateLimits(java.util.Map.of());
      AccountService accounts =
          new AccountService(
              db,
              new PasswordHasher(PasswordHasher.Argon2Params.TEST),
              Clock.systemUTC(),
              SignupPolicy.OPEN,
              limits,
              new SecondFactor(db, BOX, limits, Clock.systemUTC()));
      accounts.login(new LoginRequest("erin", ERIN_PW, Optional.of("erin@example.org")), "-");
      WebLoginSessions a =
          new WebLoginSessions(
              accounts,
              Clock.systemUTC(),
              Duration.ofMinutes(10),
              new JdbcLoginSessionStore(db.dataSource()),
              BOX);
      WebLoginSessions b =
          new WebLoginSessions(
              accounts,
              Clock.systemUTC(),
              Duration.ofMinutes(10),
              new JdbcLoginSessionStore(db.dataSource()),
              BOX);
      var s = a.start(false);
      assertEquals(Optional.of(s), b.pending(s.id()));
      assertInstanceOf(WebLoginSessions.Poll.Pending.class, a.poll(s.id()));
      b.complete(s.id(), s.secret(), new LoginRequest("erin", ERIN_PW, Optional.empty()), "-");
      assertThrows(
          RegistryException.class,
          () ->
              a.complete(
                  s.id(), s.secret(), new LoginRequest("erin", ERIN_PW, Optional.empty()), "-"));
      List<String> row = onlyRow(db);
      var done = assertInstanceOf(WebLoginSessions.Poll.Done.class, a.poll(s.id()));
      assertNotEquals(s.id(), row.get(0), "the session id is not stored in clear");
      assertEquals(64, row.get(0).length(), "it is stored as its SHA-256");
      assertFalse(row.get(1).contains(done.token()), "the token is not stored in clear");
      assertTrue(row.get(1).startsWith("v1:"), "it is stored sealed by the SecretBox");
      assertEquals("erin", accounts.authenticate(done.token()).orElseThrow().name());
      assertInstanceOf(WebLoginSessions.Poll.Gone.class, b.poll(s.id()));
    }
  }

  private static List<String> onlyRow(JdbcMetadataStore db) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT id, token FROM web_login_sessions")) {
      assertTrue(rs.next());
      List<String> row = List.of(rs.getString(1), rs.getString(2));
      assertFalse(rs.next());
      return row;
    }
  }
}
