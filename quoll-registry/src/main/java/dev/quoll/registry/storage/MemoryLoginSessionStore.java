package dev.quoll.registry.storage;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Web login sessions of one node, in memory (the embedded default). */
public final class MemoryLoginSessionStore implements LoginSessionStore {
  private final ConcurrentHashMap<String, LoginSession> sessions = new ConcurrentHashMap<>();

  @Override
  public void save(LoginSession session) {
    sessions.put(session.id(), session);
  }

  @Override
  public Optional<LoginSession> find(String id) {
    return Optional.ofNullable(sessions.get(id));
  }

  @Override
  public boolean complete(String id, String token) {
    LoginSession s = sessions.get(id);
    return s != null
        && s.token().isEmpty()
        && sessions.replace(
            id,
            s,
            new LoginSession(s.id(), s.secret(), s.create(), s.expires(), Optional.of(token)));
  }

  @Override
  public Optional<String> take(String id) {
    LoginSession s = sessions.get(id);
    return s != null && s.token().isPresent() && sessions.remove(id, s)
        ? s.token()
        : Optional.empty();
  }

  @Override
  public void remove(String id) {
    sessions.remove(id);
  }

  @Override
  public int removeExpired(Instant now) {
    sessions.values().removeIf(s -> !now.isBefore(s.expires()));
    return sessions.size();
  }
}
