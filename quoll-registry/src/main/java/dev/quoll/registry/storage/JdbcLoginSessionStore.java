package dev.quoll.registry.storage;

import dev.quoll.registry.RegistryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Web login sessions in the registry database (table {@code web_login_sessions}, migration V11),
 * shared by every node; expiry times are kept to the millisecond. Completing is {@code UPDATE ...
 * WHERE token IS NULL} and handing out is a {@code DELETE ... WHERE token = ?} of the token just
 * read, so of two racing nodes exactly one wins each step. Portable SQL. Failures are {@link
 * RegistryException} {@code INTERNAL}.
 */
public final class JdbcLoginSessionStore implements LoginSessionStore {
  private final DataSource dataSource;

  /**
   * @param dataSource the registry database (already migrated)
   */
  public JdbcLoginSessionStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void save(LoginSession s) {
    update(
        "INSERT INTO web_login_sessions (id, secret, is_create, expires_at, token)"
            + " VALUES (?, ?, ?, ?, NULL)",
        s.id(),
        s.secret(),
        s.create() ? 1 : 0,
        s.expires().toEpochMilli());
  }

  @Override
  public Optional<LoginSession> find(String id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT id, secret, is_create, expires_at, token FROM web_login_sessions"
                    + " WHERE id = ?")) {
      st.setString(1, id);
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new LoginSession(
                rs.getString(1),
                rs.getString(2),
                rs.getInt(3) != 0,
                Instant.ofEpochMilli(rs.getLong(4)),
                Optional.ofNullable(rs.getString(5))));
      }
    } catch (SQLException e) {
      throw SqlRunner.failure(e);
    }
  }

  @Override
  public boolean complete(String id, String token) {
    return update(
            "UPDATE web_login_sessions SET token = ? WHERE id = ? AND token IS NULL", token, id)
        == 1;
  }

  @Override
  public Optional<String> take(String id) {
    Optional<String> token = find(id).flatMap(LoginSession::token);
    if (token.isEmpty()) {
      return Optional.empty();
    }
    return update("DELETE FROM web_login_sessions WHERE id = ? AND token = ?", id, token.get()) == 1
        ? token
        : Optional.empty();
  }

  @Override
  public void remove(String id) {
    update("DELETE FROM web_login_sessions WHERE id = ?", id);
  }

  @Override
  public int removeExpired(Instant now) {
    update("DELETE FROM web_login_sessions WHERE expires_at <= ?", now.toEpochMilli());
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM web_login_sessions");
        ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw SqlRunner.failure(e);
    }
  }

  private int update(String sql, Object... params) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        switch (params[i]) {
          case String s -> st.setString(i + 1, s);
          case Integer n -> st.setInt(i + 1, n);
          case Long n -> st.setLong(i + 1, n);
          default -> throw new IllegalArgumentException("unsupported parameter " + params[i]);
        }
      }
      return st.executeUpdate();
    } catch (SQLException e) {
      throw SqlRunner.failure(e);
    }
  }
}
