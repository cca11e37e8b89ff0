package dev.quoll.registry.http;

import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import dev.quoll.registry.accounts.AccountService;
import dev.quoll.registry.accounts.Identity;
import java.util.Optional;

/**
 * Reads {@code Authorization: Bearer <token>} (npm-registry-fetch 19 {@code auth.js}) and resolves
 * it to an {@link Identity}. Basic credentials are not accepted: npm 11 stores only tokens after a
 * login.
 */
final class Authenticator {
  private final AccountService accounts;

  Authenticator(AccountService accounts) {
    this.accounts = accounts;
  }

  /** The identity of the request's Bearer token, or empty without (valid) credentials. */
  Optional<Identity> identity(Exchange ex) {
    return token(ex).flatMap(accounts::authenticate);
  }

  /**
   * @return the identity
   * @throws RegistryException {@code UNAUTHORIZED} without a valid Bearer token
   */
  Identity require(Exchange ex) {
    return identity(ex)
        .orElseThrow(
            () ->
                new RegistryException(
                    Kind.UNAUTHORIZED,
                    token(ex).isPresent()
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
