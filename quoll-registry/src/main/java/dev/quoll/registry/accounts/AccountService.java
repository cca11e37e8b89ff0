package dev.quoll.registry.accounts;

import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import dev.quoll.registry.storage.MetadataStore;
import dev.quoll.registry.storage.MetadataStore.Token;
import dev.quoll.registry.storage.MetadataStore.User;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Accounts and sessions as npm 11 drives them with {@code --auth-type=legacy} (wire note §13): the
 * couch-style adduser/login PUT, Bearer-token authentication, and logout by token.
 *
 * <p>Guarantees: passwords are stored only as {@link PasswordHasher} hashes; tokens are 32 random
 * bytes (256 bits) from {@link SecureRandom}, written as {@code quoll_} + base64url, and stored
 * only as the hex SHA-256 of that text; a login for an unknown user with an e-mail creates the
 * account (adduser), without one it is refused with 400 (npm prints "There is no user with the
 * username"); a wrong password is 401.
 */
public final class AccountService {
  /** The recognisable prefix of every token this registry issues. */
  public static final String TOKEN_PREFIX = "quoll_";

  private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,213}");
  private final MetadataStore store;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param store where users and token hashes live
   * @param hasher the password hasher
   * @param clock the time source
   */
  public AccountService(MetadataStore store, PasswordHasher hasher, Clock clock) {
    this.store = store;
    this.hasher = hasher;
    this.clock = clock;
  }

  /**
   * Logs in, creating the account first when it does not exist and an e-mail is given.
   *
   * @param request the user name, password and optional e-mail from the PUT body
   * @return the user and a new token (its text is never stored)
   * @throws RegistryException {@code BAD_REQUEST} for an invalid name, a missing password, or an
   *     unknown user without e-mail; {@code UNAUTHORIZED} for a wrong password
   */
  public LoginResult login(LoginRequest request) {
    String name = request.name();
    if (!USER_NAME.matcher(name).matches()) {
      throw new RegistryException(Kind.BAD_REQUEST, "Invalid user name: " + name);
    }
    if (request.password().isEmpty()) {
      throw new RegistryException(Kind.BAD_REQUEST, "A password is required");
    }
    Optional<User> existing = store.findUser(name);
    boolean created = false;
    if (existing.isPresent()) {
      if (!hasher.verify(request.password(), existing.get().passwordHash())) {
        throw new RegistryException(Kind.UNAUTHORIZED, "Incorrect username or password");
      }
    } else {
      String email = request.email().orElseThrow(() -> noUser(name));
      if (!email.contains("@")) {
        throw new RegistryException(Kind.BAD_REQUEST, "Invalid e-mail address");
      }
      store.saveUser(new User(name, email, hasher.hash(request.password()), clock.instant()));
      created = true;
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    store.saveToken(new Token(hashToken(token), name, clock.instant()));
    return new LoginResult(name, token, created);
  }

  /**
   * @param token the Bearer token text
   * @return who it belongs to, or empty when unknown or revoked
   */
  public Optional<Identity> authenticate(String token) {
    return store
        .findToken(hashToken(token))
        .flatMap(t -> store.findUser(t.userName()))
        .map(u -> new Identity(u.name(), u.email()));
  }

  /**
   * Revokes a token; an unknown or already revoked token is not an error (npm logout needs 2xx).
   */
  public void logout(String token) {
    store.removeToken(hashToken(token));
  }

  /**
   * @param name a user name
   * @return the public part of the account: name and e-mail
   */
  public Optional<Identity> findUser(String name) {
    return store.findUser(name).map(u -> new Identity(u.name(), u.email()));
  }

  /**
   * Checks a user name and password, as HTTP Basic credentials carry them (npm sends {@code
   * Authorization: Basic} for the {@code _auth} and {@code username}/{@code _password} configs,
   * npm-registry-fetch 19 {@code auth.js}). This runs the full password hash: callers that see the
   * same credentials often should remember the answer.
   *
   * @param name the user name
   * @param password the clear-text password
   * @return the user, or empty when there is no such user or the password is wrong
   */
  public Optional<Identity> verifyPassword(String name, String password) {
    return store
        .findUser(name)
        .filter(u -> !password.isEmpty() && hasher.verify(password, u.passwordHash()))
        .map(u -> new Identity(u.name(), u.email()));
  }

  /** The stored form of a token: hex SHA-256 of its UTF-8 text. */
  static String hashToken(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RegistryException noUser(String name) {
    return new RegistryException(Kind.BAD_REQUEST, "There is no user with the username " + name);
  }

  /**
   * The body of the couch login/adduser PUT.
   *
   * @param name the user name
   * @param password the clear-text password
   * @param email the e-mail (adduser sends it, login does not)
   */
  public record LoginRequest(String name, String password, Optional<String> email) {}

  /**
   * A successful login.
   *
   * @param name the user name
   * @param token the new Bearer token (shown once, stored only as a hash)
   * @param created whether the account was created by this request
   */
  public record LoginResult(String name, String token, boolean created) {}
}
