package dev.quoll.registry.accounts;

import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import dev.quoll.registry.accounts.RateLimits.Action;
import dev.quoll.registry.storage.MetadataStore;
import dev.quoll.registry.storage.MetadataStore.Grants;
import dev.quoll.registry.storage.MetadataStore.Token;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The token API of {@code npm token create/list/revoke} (wire note §14).
 *
 * <p>Guarantees: creating needs a full token ({@link Credential#full()}), the account password, and
 * an OTP when 2FA is on, and spends from the TOKEN_CREATE rate limit; every CIDR entry must parse
 * ({@link Cidr}) or nothing is created (npm's "CIDR whitelist contains invalid CIDR entry"); the
 * token text is returned once and stored only as its hash. Listing shows only the caller's tokens,
 * redacted, oldest first, in pages. Revoking takes a key (the hash) or the raw token and only ever
 * removes a token of the caller; it needs an OTP when 2FA is on.
 */
public final class TokenService {
  /** The longest accepted expiry, in days. */
  public static final int MAX_EXPIRY_DAYS = 3650;

  private final MetadataStore store;
  private final AccountService accounts;
  private final RateLimits limits;
  private final Clock clock;

  /**
   * @param store where tokens live
   * @param accounts password and OTP checks
   * @param limits attempt budgets
   * @param clock the time source
   */
  public TokenService(
      MetadataStore store, AccountService accounts, RateLimits limits, Clock clock) {
    this.store = store;
    this.accounts = accounts;
    this.limits = limits;
    this.clock = clock;
  }

  /**
   * Creates a token.
   *
   * @param caller the authenticated request
   * @param request what npm sent
   * @param otp the {@code npm-otp} header, if any
   * @param address the client address
   * @return the new token's text (shown once) and record
   * @throws RegistryException {@code FORBIDDEN} for a restricted caller token; {@code
   *     TOO_MANY_REQUESTS}; {@code UNAUTHORIZED} for a wrong password; {@code OTP_REQUIRED}; {@code
   *     BAD_REQUEST} for an invalid CIDR entry or expiry
   */
  public Created create(
      Credential caller, TokenRequest request, Optional<String> otp, String address) {
    String user = caller.identity().name();
    if (!caller.full()) {
      throw new RegistryException(
          Kind.FORBIDDEN, "A read-only or granular token cannot create tokens");
    }
    limits.spend(Action.TOKEN_CREATE, user, address);
    accounts.checkPassword(user, request.password());
    accounts.secondFactor().require(user, otp, address);
    for (String c : request.cidrWhitelist()) {
      if (Cidr.parse(c).isEmpty()) {
        throw new RegistryException(
            Kind.BAD_REQUEST, "CIDR whitelist contains invalid CIDR entry: " + c);
      }
    }
    Optional<Instant> expires = Optional.empty();
    if (request.expiresDays().isPresent()) {
      int d = request.expiresDays().get();
      if (d < 1 || d > MAX_EXPIRY_DAYS) {
        throw new RegistryException(
            Kind.BAD_REQUEST, "expires must be between 1 and " + MAX_EXPIRY_DAYS + " days");
      }
      expires = Optional.of(clock.instant().plus(Duration.ofDays(d)));
    }
    String text = TokenFormat.generate();
    Token t =
        new Token(
            TokenFormat.hash(text),
            user,
            clock.instant(),
            TokenFormat.redact(text),
            request.readonly(),
            request.cidrWhitelist().stream().map(String::strip).toList(),
            request.name(),
            expires,
            request.grants(),
            request.bypass2fa());
    store.saveToken(t);
    return new Created(text, t);
  }

  /**
   * @param caller the authenticated request
   * @param page the page, from 0
   * @param perPage tokens per page (1-100)
   * @return one page of the caller's tokens
   */
  public Page list(Credential caller, int page, int perPage) {
    int size = Math.clamp(perPage, 1, 100);
    List<Token> all = store.listTokens(caller.identity().name());
    int from = Math.clamp((long) Math.max(page, 0) * size, 0, all.size());
    int to = Math.min(all.size(), from + size);
    return new Page(all.subList(from, to), all.size(), Math.max(page, 0), size);
  }

  /**
   * Revokes one of the caller's tokens.
   *
   * @param caller the authenticated request
   * @param keyOrToken a token's key (its hex SHA-256) or its full text
   * @param otp the {@code npm-otp} header, if any
   * @param address the client address
   * @throws RegistryException {@code NOT_FOUND} when the caller has no such token; {@code
   *     FORBIDDEN} for a restricted caller token; {@code OTP_REQUIRED}
   */
  public void revoke(Credential caller, String keyOrToken, Optional<String> otp, String address) {
    String user = caller.identity().name();
    if (!caller.full()) {
      throw new RegistryException(
          Kind.FORBIDDEN, "A read-only or granular token cannot revoke tokens");
    }
    accounts.secondFactor().require(user, otp, address);
    Optional<Token> t =
        store
            .findToken(keyOrToken)
            .or(() -> store.findToken(TokenFormat.hash(keyOrToken)))
            .filter(x -> x.userName().equals(user));
    store.removeToken(
        t.orElseThrow(() -> new RegistryException(Kind.NOT_FOUND, "No such token")).hash());
  }

  /**
   * A token creation as npm sends it (npm 11 {@code token.js}, npm-profile's legacy {@code
   * createToken}).
   *
   * @param password the account password
   * @param name the token name ("" when none)
   * @param readonly whether it may only read
   * @param cidrWhitelist CIDR ranges (empty: anywhere)
   * @param expiresDays days until expiry, if given
   * @param grants granular restrictions
   * @param bypass2fa whether package writes skip the auth-and-writes OTP
   */
  public record TokenRequest(
      String password,
      String name,
      boolean readonly,
      List<String> cidrWhitelist,
      Optional<Integer> expiresDays,
      Grants grants,
      boolean bypass2fa) {
    /** Copies the list. */
    public TokenRequest {
      cidrWhitelist = List.copyOf(cidrWhitelist);
    }
  }

  /**
   * A created token.
   *
   * @param text the token, shown once
   * @param token its stored record
   */
  public record Created(String text, Token token) {}

  /**
   * One page of tokens.
   *
   * @param tokens the tokens on it
   * @param total all tokens of the user
   * @param page its number, from 0
   * @param perPage the page size
   */
  public record Page(List<Token> tokens, int total, int page, int perPage) {
    /** Copies the list. */
    public Page {
      tokens = List.copyOf(tokens);
    }

    /** Whether another page follows. */
    public boolean hasNext() {
      return (long) (page + 1) * perPage < total;
    }
  }
}
