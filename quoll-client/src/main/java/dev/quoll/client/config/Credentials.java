package dev.quoll.client.config;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The credentials npm sends with a request (npm-registry-fetch 19 {@code auth.js} {@code Auth}): a
 * bearer token, or HTTP Basic from {@code _auth} or {@code username}+{@code _password}, or none.
 * {@link #toString()} never shows the secret.
 */
public sealed interface Credentials {
  /** No credentials: no {@code authorization} header. */
  record None() implements Credentials {
    @Override
    public Optional<String> authorization() {
      return Optional.empty();
    }
  }

  /**
   * {@code //host/path/:_authToken}, sent as {@code Bearer <token>}.
   *
   * @param key the nerf dart the token is bound to
   * @param token the token
   */
  record Token(String key, String token) implements Credentials {
    @Override
    public Optional<String> authorization() {
      return Optional.of("Bearer " + token);
    }

    @Override
    public String toString() {
      return "Token[" + key + "]";
    }
  }

  /**
   * {@code :_auth} (already {@code base64(user:pass)}) or {@code :username} with {@code :_password}
   * (the password base64-encoded in the npmrc), sent as {@code Basic <base64>}.
   *
   * @param key the nerf dart the credentials are bound to
   * @param base64 {@code base64(user:password)}
   */
  record Basic(String key, String base64) implements Credentials {
    /**
     * Basic credentials from npmrc's {@code username} and base64 {@code _password}.
     *
     * @param key the nerf dart
     * @param username the user name
     * @param password64 the password, base64-encoded as npm stores it
     * @return the credentials
     * @throws IllegalArgumentException when {@code password64} is not base64
     */
    public static Basic of(String key, String username, String password64) {
      String password =
          new String(Base64.getMimeDecoder().decode(password64), StandardCharsets.UTF_8);
      String raw = username + ":" + password;
      return new Basic(
          key, Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public Optional<String> authorization() {
      return Optional.of("Basic " + base64);
    }

    @Override
    public String toString() {
      return "Basic[" + key + "]";
    }
  }

  /** The {@code authorization} header value, if any. */
  Optional<String> authorization();
}
