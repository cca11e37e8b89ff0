package dev.quoll.registry.http;

import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import dev.quoll.registry.accounts.AccountService;
import dev.quoll.registry.accounts.Identity;
import java.time.Clock;
import java.util.Optional;

/**
 * Resolves a request's credentials to an {@link Identity}: {@code Authorization: Bearer <token>}
 * (npm-registry-fetch 19 {@code auth.js}, what npm stores after a login) or {@code Authorization:
 * Basic <base64(user:password)>} (what npm sends for the {@code _auth} and {@code username}/{@code
 * _password} configs; {@link BasicCredentials}).
 */
final class Authenticator {
  private final AccountService accounts;
  private final BasicCredentials basic;

  Authenticator(AccountService accounts, Clock clock) {
    this.accounts = accounts;
    this.basic = new BasicCredentials(accounts, clock);
  }

  /** The identity of the request's Bearer token or Basic credentials, or empty without (valid). */
  Optional<Identity> identity(Exchange ex) {
    String h = ex.header("Authorization");
    if (BasicCredentials.isBasic(h)) {
      return basic.identity(h);
    }
    return token(ex).flatMap(accounts::authenticate);
  }

  /**
   * @return the identity
   * @throws RegistryException {@code UNAUTHORIZED} without valid credentials
   */
  Identity require(Exchange ex) {
    return identity(ex)
        .orElseThrow(
            () ->
                new RegistryException(
                    Kind.UNAUTHORIZED,
                    BasicCredentials.isBasic(ex.header("Authorization"))
                        ? "Incorrect username or password"
                        : token(ex).isPresent()
                            ? "Invalid or revoked token"
                            : "Authentication required: log in with npm login --auth-type=legacy"));
  }

  /** The Bearer token text of the request, if any. */
  static Optional<String> token(Exchange ex) {
    String h = ex.header("Authorization");
    if (h == null || h.length() < 8 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String t = h.substring(7).strip();
    return t.isEmpty() ? Optional.empty() : Optional.of(t);
  }
}
