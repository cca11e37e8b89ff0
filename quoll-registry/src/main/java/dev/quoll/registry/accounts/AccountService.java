package dev.quoll.registry.accounts;

import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import dev.quoll.registry.accounts.RateLimits.Action;
import dev.quoll.registry.storage.MetadataStore;
import dev.quoll.registry.storage.MetadataStore.Profile;
import dev.quoll.registry.storage.MetadataStore.Token;
import dev.quoll.registry.storage.MetadataStore.User;
import java.time.Clock;
import java.util.Optional;

/**
 * Accounts and sessions as npm 11 drives them (wire note §13): the couch-style adduser/login PUT
 * (also behind the web login form), Bearer-token authentication with the token's restrictions, and
 * logout by token.
 *
 * <p>Guarantees: passwords are stored only as {@link PasswordHasher} hashes, and a hash of an older
 * scheme or cost is replaced on the next successful login; tokens are {@link TokenFormat} tokens
 * stored only as their hash. A login for an unknown user with an e-mail is a sign-up (subject to
 * the {@link SignupPolicy}, {@link UserRules} for name, e-mail and password); without an e-mail it
 * is 400 (npm prints "There is no user with the username"); a wrong password is 401 and so is a
 * missing or wrong OTP for an account with 2FA (checked only after the password, so it reveals
 * nothing to a guesser). Every attempt spends from the LOGIN rate limit. An expired or revoked
 * token authenticates nobody; a token used from outside its CIDR list is refused with {@code
 * IP_NOT_ALLOWED}.
 */
public final class AccountService {
  /** The recognisable prefix of every token this registry issues. */
  public static final String TOKEN_PREFIX = TokenFormat.PREFIX;

  /**
   * The prefix of the password hash of a deactivated account: what follows is the hash it had, so a
   * reactivation can restore it; with the prefix it is no valid encoding, so nothing verifies.
   */
  private static final String DEACTIVATED = "!deactivated:";

  private final MetadataStore store;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final SignupPolicy signup;
  private final RateLimits limits;
  private final SecondFactor secondFactor;

  /**
   * @param store where users and token hashes live
   * @param hasher the password hasher
   * @param clock the time source
   * @param signup who may sign up
   * @param limits attempt budgets
   * @param secondFactor the OTP checks
   */
  public AccountService(
      MetadataStore store,
      PasswordHasher hasher,
      Clock clock,
      SignupPolicy signup,
      RateLimits limits,
      SecondFactor secondFactor) {
    this.store = store;
    this.hasher = hasher;
    this.clock = clock;
    this.signup = signup;
    this.limits = limits;
    this.secondFactor = secondFactor;
  }

  /**
   * Logs in, creating the account first when it does not exist and an e-mail is given.
   *
   * @param request the user name, password, optional e-mail and OTP
   * @param address the client address (rate limits)
   * @return the user and a new token (its text is never stored)
   * @throws RegistryException {@code BAD_REQUEST} for a broken sign-up rule, a missing password or
   *     an unknown user without e-mail; {@code FORBIDDEN} when sign-up is closed to this e-mail;
   *     {@code UNAUTHORIZED} for a wrong password; {@code OTP_REQUIRED}; {@code TOO_MANY_REQUESTS}
   */
  public LoginResult login(LoginRequest request, String address) {
    String name = request.name();
    limits.spend(Action.LOGIN, name, address);
    if (request.password().isEmpty()) {
      throw new RegistryException(Kind.BAD_REQUEST, "A password is required");
    }
    Optional<User> existing = store.findUser(name);
    boolean created = false;
    if (existing.isPresent()) {
      User u = existing.get();
      if (!hasher.verify(request.password(), u.passwordHash())) {
        throw new RegistryException(Kind.UNAUTHORIZED, "Incorrect username or password");
      }
      secondFactor.require(name, request.otp(), address);
      if (hasher.needsRehash(u.passwordHash())) {
        store.saveUser(new User(u.name(), u.email(), hasher.hash(request.password()), u.created()));
      }
    } else {
      String email = request.email().orElseThrow(() -> noUser(name));
      UserRules.checkName(name);
      if (store.orgs().findOrg(name).isPresent()) {
        throw new RegistryException(
            Kind.CONFLICT,
            "The name " + name + " is taken by an org (user and org names share one namespace)");
      }
      UserRules.checkEmail(email);
      if (!signup.allows(email)) {
        throw new RegistryException(
            Kind.FORBIDDEN,
            signup.mode() == SignupPolicy.Mode.CLOSED
                ? "Sign-up is closed on this registry"
                : "Sign-up on this registry is by invitation only");
      }
      UserRules.checkPassword(name, request.password());
      store.saveUser(new User(name, email, hasher.hash(request.password()), clock.instant()));
      store.saveProfile(new Profile(name, "", "", "", "", "", false, clock.instant()));
      created = true;
    }
    String token = TokenFormat.generate();
    store.saveToken(
        new Token(
            TokenFormat.hash(token),
            name,
            clock.instant(),
            TokenFormat.redact(token),
            false,
            java.util.List.of(),
            "",
            Optional.empty(),
            MetadataStore.Grants.ALL,
            false));
    return new LoginResult(name, token, created);
  }

  /**
   * @param token the Bearer token text
   * @param address the client address
   * @return who it belongs to with the token's restrictions; empty when unknown, revoked or expired
   * @throws RegistryException {@code IP_NOT_ALLOWED} when the token is limited to CIDR ranges that
   *     do not contain the address
   */
  public Optional<Credential> authenticate(String token, String address) {
    if (!TokenFormat.plausible(token)) {
      return Optional.empty();
    }
    Optional<Token> t = store.findToken(TokenFormat.hash(token));
    if (t.isEmpty()) {
      return Optional.empty();
    }
    Token tok = t.get();
    if (tok.expires().isPresent() && !clock.instant().isBefore(tok.expires().get())) {
      store.removeToken(tok.hash());
      return Optional.empty();
    }
    if (!tok.cidrWhitelist().isEmpty()
        && tok.cidrWhitelist().stream()
            .map(Cidr::parse)
            .flatMap(Optional::stream)
            .noneMatch(c -> c.contains(address))) {
      throw new RegistryException(
          Kind.IP_NOT_ALLOWED, "This token may not be used from your IP address");
    }
    return store
        .findUser(tok.userName())
        .map(u -> new Credential(new Identity(u.name(), u.email()), tok));
  }

  /**
   * @param token the Bearer token text
   * @return who it belongs to, or empty when unknown, revoked or expired (no address check; for
   *     callers without a request)
   */
  public Optional<Identity> authenticate(String token) {
    return store
        .findToken(TokenFormat.hash(token))
        .filter(t -> t.expires().map(e -> clock.instant().isBefore(e)).orElse(true))
        .flatMap(t -> store.findUser(t.userName()))
        .map(u -> new Identity(u.name(), u.email()));
  }

  /**
   * Checks a user's password (token creation, profile and 2FA changes).
   *
   * @throws RegistryException {@code UNAUTHORIZED} when it is wrong
   */
  public void checkPassword(String user, String password) {
    User u = store.findUser(user).orElseThrow(() -> noUser(user));
    if (!hasher.verify(password, u.passwordHash())) {
      throw new RegistryException(Kind.UNAUTHORIZED, "Incorrect password");
    }
  }

  /**
   * Changes a password after checking the old one and the policy; revokes every token of the user.
   *
   * @throws RegistryException {@code FORBIDDEN} when the old password is wrong; {@code BAD_REQUEST}
   *     when the new one breaks {@link UserRules#checkPassword}
   */
  public void changePassword(String user, String oldPassword, String newPassword) {
    User u = store.findUser(user).orElseThrow(() -> noUser(user));
    if (!hasher.verify(oldPassword, u.passwordHash())) {
      throw new RegistryException(Kind.FORBIDDEN, "The current password is incorrect");
    }
    UserRules.checkPassword(user, newPassword);
    store.saveUser(new User(u.name(), u.email(), hasher.hash(newPassword), u.created()));
    store.removeTokens(user);
  }

  /**
   * Revokes a token; an unknown or already revoked token is not an error (npm logout needs 2xx).
   */
  public void logout(String token) {
    store.removeToken(TokenFormat.hash(token));
  }

  /**
   * Deactivates an account (a registry admin's action): every token of it is removed, so they stop
   * working at once, and its password hash is hidden behind a marker no password matches, so it can
   * no longer log in (also not with Basic credentials, nor through web login, whose tokens are
   * minted by a login). The name stays taken. Deactivating a deactivated account changes nothing.
   *
   * @param name the user name
   * @throws RegistryException {@code NOT_FOUND} for an unknown user
   */
  public void deactivate(String name) {
    User u =
        store
            .findUser(name)
            .orElseThrow(() -> new RegistryException(Kind.NOT_FOUND, "No such user: " + name));
    if (!u.passwordHash().startsWith(DEACTIVATED)) {
      store.saveUser(new User(u.name(), u.email(), DEACTIVATED + u.passwordHash(), u.created()));
    }
    store.removeTokens(name);
  }

  /**
   * Reactivates a deactivated account (a registry admin's action, {@code quoll admin reactivate}):
   * its password works again; the tokens it had stay revoked, so the user logs in again to get one.
   *
   * @param name the user name
   * @throws RegistryException {@code NOT_FOUND} for an unknown user, {@code BAD_REQUEST} for an
   *     account that is not deactivated
   */
  public void reactivate(String name) {
    User u =
        store
            .findUser(name)
            .orElseThrow(() -> new RegistryException(Kind.NOT_FOUND, "No such user: " + name));
    if (!u.passwordHash().startsWith(DEACTIVATED)) {
      throw new RegistryException(Kind.BAD_REQUEST, name + " is not deactivated");
    }
    String previous = u.passwordHash().substring(DEACTIVATED.length());
    store.saveUser(new User(u.name(), u.email(), previous, u.created()));
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
   * npm-registry-fetch 19 {@code auth.js}). Each check spends the login rate limit of the account
   * and the address, like a login. An account with two-factor authentication cannot use a password
   * alone: Basic credentials carry no one-time password, so they would bypass the second factor.
   *
   * @param name the user name
   * @param password the clear-text password
   * @param address the client address (for the rate limit)
   * @return the user as an unrestricted credential with the fingerprint of the password it was
   *     checked against, or empty when there is no such user or the password is wrong
   * @throws RegistryException {@code TOO_MANY_REQUESTS} over the login rate limit; {@code
   *     UNAUTHORIZED} when the account has two-factor authentication on
   */
  public Optional<PasswordCheck> verifyPassword(String name, String password, String address) {
    limits.spend(Action.LOGIN, name, address);
    Optional<User> user =
        store
            .findUser(name)
            .filter(u -> !password.isEmpty() && hasher.verify(password, u.passwordHash()));
    if (user.isEmpty()) {
      return Optional.empty();
    }
    if (secondFactor.activeMode(name).isPresent()) {
      throw new RegistryException(
          Kind.UNAUTHORIZED,
          "Two-factor authentication is on for this account: log in with npm login and use the"
              + " token instead of a password");
    }
    User u = user.get();
    return Optional.of(
        new PasswordCheck(
            new Credential(
                new Identity(u.name(), u.email()), new Token("", u.name(), clock.instant())),
            u.passwordHash()));
  }

  /**
   * Whether a password check remembered earlier still holds: the password is unchanged (same stored
   * hash) and two-factor authentication is still off.
   *
   * @param check an earlier answer of {@link #verifyPassword}
   */
  public boolean stillValid(PasswordCheck check) {
    String name = check.credential().identity().name();
    return store
            .findUser(name)
            .filter(u -> u.passwordHash().equals(check.fingerprint()))
            .isPresent()
        && secondFactor.activeMode(name).isEmpty();
  }

  /**
   * A successful password check.
   *
   * @param credential the user, unrestricted
   * @param fingerprint the stored password hash it was checked against (never shown to anyone)
   */
  public record PasswordCheck(Credential credential, String fingerprint) {}

  /** The OTP checks. */
  public SecondFactor secondFactor() {
    return secondFactor;
  }

  private static RegistryException noUser(String name) {
    return new RegistryException(Kind.BAD_REQUEST, "There is no user with the username " + name);
  }

  /**
   * The body of the couch login/adduser PUT (or the web form).
   *
   * @param name the user name
   * @param password the clear-text password
   * @param email the e-mail (adduser sends it, login does not)
   * @param otp the one-time password ({@code npm-otp} header or form field), if any
   */
  public record LoginRequest(
      String name, String password, Optional<String> email, Optional<String> otp) {
    /** A request without OTP. */
    public LoginRequest(String name, String password, Optional<String> email) {
      this(name, password, email, Optional.empty());
    }
  }

  /**
   * A successful login.
   *
   * @param name the user name
   * @param token the new Bearer token (shown once, stored only as a hash)
   * @param created whether the account was created by this request
   */
  public record LoginResult(String name, String token, boolean created) {}
}
