package dev.quoll.registry.accounts;

import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import dev.quoll.registry.accounts.AccountService.LoginRequest;
import dev.quoll.registry.accounts.AccountService.LoginResult;
import dev.quoll.registry.storage.LoginSessionStore;
import dev.quoll.registry.storage.LoginSessionStore.LoginSession;
import dev.quoll.registry.storage.MemoryLoginSessionStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

/**
 * The sessions of npm's web login and web adduser (wire note §13.3: {@code POST /-/v1/login}, the
 * browser page, and polling of {@code doneUrl}).
 *
 * <p>Guarantees: a session id and its form secret are each 32 bytes (256 bits) from {@link
 * SecureRandom}, base64url; a session lives for the given time-to-live from its start, whether
 * completed or not; it is completed at most once (by the browser form, with the matching form
 * secret compared in constant time) and its token is handed out by at most one {@link #poll} —
 * after that, or after expiry, the session is {@link Poll.Gone}. Passwords are checked and tokens
 * minted only by {@link AccountService#login}. Expired sessions are dropped when new ones start; at
 * most {@value #MAX_SESSIONS} live sessions are kept (more is 429). Sessions live in a {@link
 * LoginSessionStore}: this node's memory, or the database shared by several nodes, whose atomic
 * steps keep the at-most-once rules across nodes.
 *
 * <p>The store never sees a session id or a token in clear: sessions are keyed by the hex SHA-256
 * of the id (the id is the only credential {@code doneUrl} needs, so a copy of the store cannot
 * collect a token), and the minted token is kept sealed by the {@link SecretBox} (AES-256-GCM,
 * bound to that key) between the browser completing the login and the one poll that takes it. Nodes
 * sharing a store must share the box's key ({@code secret-key}).
 */
public final class WebLoginSessions {
  /** The most live sessions kept in memory. */
  public static final int MAX_SESSIONS = 10_000;

  private final AccountService accounts;
  private final Clock clock;
  private final Duration ttl;
  private final SecureRandom random = new SecureRandom();
  private final LoginSessionStore sessions;
  private final SecretBox box;

  /**
   * Sessions kept in this node's memory; tokens sealed with a key made for this process.
   *
   * @param accounts checks passwords, creates users and mints tokens
   * @param clock the time source
   * @param ttl how long a session lives, e.g. 10 minutes
   */
  public WebLoginSessions(AccountService accounts, Clock clock, Duration ttl) {
    this(accounts, clock, ttl, new MemoryLoginSessionStore());
  }

  /**
   * Sessions kept in the given store, tokens sealed with a key made for this process (so only this
   * instance can take them: for one node, or tests).
   *
   * @param accounts checks passwords, creates users and mints tokens
   * @param clock the time source
   * @param ttl how long a session lives, e.g. 10 minutes
   * @param sessions where sessions live
   */
  public WebLoginSessions(
      AccountService accounts, Clock clock, Duration ttl, LoginSessionStore sessions) {
    this(accounts, clock, ttl, sessions, ephemeralBox());
  }

  /**
   * Sessions kept in the given store, their tokens sealed by the given box (the registry's, shared
   * by every node that uses the store).
   *
   * @param accounts checks passwords, creates users and mints tokens
   * @param clock the time source
   * @param ttl how long a session lives, e.g. 10 minutes
   * @param sessions where sessions live
   * @param box seals tokens while they wait for the poll that takes them
   */
  public WebLoginSessions(
      AccountService accounts,
      Clock clock,
      Duration ttl,
      LoginSessionStore sessions,
      SecretBox box) {
    this.box = box;
    this.accounts = accounts;
    this.clock = clock;
    this.ttl = ttl;
    this.sessions = sessions;
  }

  /**
   * Starts a session.
   *
   * @param create whether it is a sign-up ({@code npm adduser}, body {@code {"create": true}})
   * @return the new pending session
   * @throws RegistryException {@code TOO_MANY_REQUESTS} when {@value #MAX_SESSIONS} sessions are
   *     live
   */
  public Session start(boolean create) {
    Instant now = clock.instant();
    if (sessions.removeExpired(now) >= MAX_SESSIONS) {
      throw new RegistryException(
          Kind.TOO_MANY_REQUESTS, "Too many pending logins; try again in a few minutes");
    }
    Session s =
        new Session(
            randomText(), randomText(), create, now.plus(ttl).truncatedTo(ChronoUnit.MILLIS));
    sessions.save(
        new LoginSession(key(s.id()), s.secret(), s.create(), s.expires(), Optional.empty()));
    return s;
  }

  /**
   * @param id a session id from a URL
   * @return the session when it exists, has not expired and the browser has not completed it
   */
  public Optional<Session> pending(String id) {
    State st = live(id);
    return st == null || st.token().isPresent() ? Optional.empty() : Optional.of(st.session());
  }

  /**
   * Completes a pending session from the browser form: logs in, or signs up when the session is a
   * sign-up and an e-mail is given.
   *
   * @param id the session id
   * @param secret the form secret sent back by the browser
   * @param request user name, password, (sign-up only) e-mail, and the OTP for a 2FA account
   * @param address the client address (rate limits)
   * @return the login result
   * @throws RegistryException {@code NOT_FOUND} when the session is unknown, expired or already
   *     completed; {@code FORBIDDEN} when the secret does not match; the errors of {@link
   *     AccountService#login} (400 invalid name or unknown user, 401 wrong password or OTP, 403
   *     sign-up closed, 429), which leave the session pending
   */
  public LoginResult complete(String id, String secret, LoginRequest request, String address) {
    State st = live(id);
    if (st == null || st.token().isPresent()) {
      throw gone();
    }
    if (!MessageDigest.isEqual(
        st.session().secret().getBytes(StandardCharsets.UTF_8),
        secret.getBytes(StandardCharsets.UTF_8))) {
      throw new RegistryException(Kind.FORBIDDEN, "The login form is stale; start again");
    }
    LoginRequest req =
        st.session().create()
            ? request
            : new LoginRequest(request.name(), request.password(), Optional.empty(), request.otp());
    if (st.session().create() && req.email().isEmpty()) {
      throw new RegistryException(Kind.BAD_REQUEST, "An e-mail address is required");
    }
    LoginResult r = accounts.login(req, address);
    if (!sessions.complete(key(id), box.seal(r.token(), key(id)))) {
      accounts.logout(r.token());
      throw gone();
    }
    return r;
  }

  /**
   * One poll of {@code doneUrl}.
   *
   * @param id the session id
   * @return pending, the token (handed out once), or gone
   */
  public Poll poll(String id) {
    State st = live(id);
    if (st == null) {
      return new Poll.Gone();
    }
    if (st.token().isEmpty()) {
      return new Poll.Pending();
    }
    return sessions
        .take(key(id))
        .<Poll>map(ciphertext -> new Poll.Done(box.open(ciphertext, key(id))))
        .orElseGet(Poll.Gone::new);
  }

  private State live(String id) {
    Optional<LoginSession> found = sessions.find(key(id));
    if (found.isEmpty()) {
      return null;
    }
    LoginSession s = found.get();
    if (!clock.instant().isBefore(s.expires())) {
      sessions.remove(key(id));
      return null;
    }
    return new State(new Session(id, s.secret(), s.create(), s.expires()), s.token());
  }

  /** The store's key of a session: hex SHA-256 of its id. */
  private static String key(String id) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static SecretBox ephemeralBox() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return SecretBox.fromBase64(Base64.getEncoder().encodeToString(k));
  }

  private String randomText() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static RegistryException gone() {
    return new RegistryException(
        Kind.NOT_FOUND, "This login session has expired or was already used; run npm login again");
  }

  private record State(Session session, Optional<String> token) {}

  /**
   * A web login session.
   *
   * @param id the unguessable id in loginUrl and doneUrl (43 base64url characters)
   * @param secret the form secret (CSRF token) the browser must send back
   * @param create whether it is a sign-up
   * @param expires when it stops being usable
   */
  public record Session(String id, String secret, boolean create, Instant expires) {}

  /** The answer to one poll of {@code doneUrl}. */
  public sealed interface Poll {
    /** The browser has not completed the login yet (202 + Retry-After). */
    record Pending() implements Poll {}

    /**
     * Logged in; the token is handed out now and never again (200 {@code {token}}).
     *
     * @param token the new Bearer token
     */
    record Done(String token) implements Poll {}

    /** Unknown, expired or already handed out (404). */
    record Gone() implements Poll {}
  }
}
