package dev.quoll.registry.storage;

import java.time.Instant;
import java.util.Optional;

/**
 * Where web login sessions live: in memory for one node, in the database ({@link
 * JdbcLoginSessionStore}) when several nodes share the work. Each operation is atomic, so two nodes
 * racing on one session see one winner.
 */
public interface LoginSessionStore {
  /**
   * Stores a new pending session.
   *
   * @param session the session, without a token
   */
  void save(LoginSession session);

  /**
   * @param id a session id
   * @return the session, expired or not, or empty when unknown
   */
  Optional<LoginSession> find(String id);

  /**
   * Records the token of a pending session.
   *
   * @return {@code true} when the session was pending and now holds the token; {@code false} when
   *     it is unknown or already completed
   */
  boolean complete(String id, String token);

  /**
   * Hands out a completed session's token once: removes the session.
   *
   * @return the token when the session was completed and this call removed it; else empty
   */
  Optional<String> take(String id);

  /** Removes a session; an unknown id is not an error. */
  void remove(String id);

  /**
   * Removes the sessions expired at {@code now}.
   *
   * @return how many sessions are left
   */
  int removeExpired(Instant now);

  /**
   * A stored session, as {@code accounts.WebLoginSessions} hands it over: never the session id or
   * the token in clear.
   *
   * @param id the session's key: the hex SHA-256 of the unguessable session id
   * @param secret the form secret (the CSRF token the login page embeds)
   * @param create whether it is a sign-up
   * @param expires when it stops being usable
   * @param token the minted token, sealed ({@code accounts.SecretBox}), once the browser completed
   *     it
   */
  record LoginSession(
      String id, String secret, boolean create, Instant expires, Optional<String> token) {}
}
