package dev.quoll.registry.http;

import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import dev.quoll.registry.accounts.AccountService;
import dev.quoll.registry.accounts.Credential;
import dev.quoll.registry.accounts.Identity;
import dev.quoll.registry.accounts.SecondFactor;
import java.time.Clock;
import java.util.Optional;

/**
 * Reads {@code Authorization: Bearer <token>} (npm-registry-fetch 19 {@code auth.js}, what npm
 * stores after a login) or {@code Authorization: Basic <base64(user:password)>} (what npm sends for
 * the {@code _auth} and {@code username}/{@code _password} configs; {@link BasicCredentials}: an
 * unrestricted credential, refused for accounts with 2FA) and resolves it to a {@link Credential},
 * enforcing the token's restrictions at the edge: expiry and revocation (unknown token), its CIDR
 * list against the client address (401 {@code ipaddress}), read-only and granular limits on writes
 * (403), and the OTP of auth-and-writes 2FA on package writes (401 {@code OTP}, the code from
 * {@code npm-otp}; skipped for tokens created with {@code bypass_2fa}).
 */
final class Authenticator {
  private final AccountService accounts;
  private final ClientAddress addresses;
  private final BasicCredentials basic;

  Authenticator(AccountService accounts, ClientAddress addresses, Clock clock) {
    this.accounts = accounts;
    this.addresses = addresses;
    this.basic = new BasicCredentials(accounts, clock);
  }

  /** The client address of the request (trusted proxies resolved). */
  String address(Exchange ex) {
    return addresses.resolve(ex.remoteAddress(), ex.header("X-Forwarded-For"));
  }

  /** The {@code npm-otp} header, if sent. */
  static Optional<String> otp(Exchange ex) {
    String h = ex.header("npm-otp");
    return h == null || h.isBlank() ? Optional.empty() : Optional.of(h.strip());
  }

  /**
   * The credential of the request's Bearer token or Basic credentials, or empty without (valid)
   * credentials; looked up once per request and kept on it.
   *
   * @throws RegistryException {@code IP_NOT_ALLOWED} for a token used outside its CIDR list; {@code
   *     UNAUTHORIZED} for Basic credentials of an account with 2FA; {@code TOO_MANY_REQUESTS} for
   *     password checks over the login rate limit
   */
  Optional<Credential> credential(Exchange ex) {
    Optional<Optional<Credential>> kept = ex.kept(CREDENTIAL);
    if (kept.isPresent()) {
      return kept.get();
    }
    String h = ex.header("Authorization");
    Optional<Credential> c =
        BasicCredentials.isBasic(h)
            ? basic.credential(h, address(ex))
            : token(ex).flatMap(t -> accounts.authenticate(t, address(ex)));
    ex.keep(CREDENTIAL, c);
    return c;
  }

  /**
   * The request attribute that keeps a request's credential once looked up: the guard, the route
   * and the write check each ask, and each lookup is two store queries (token, user) or a password
   * check.
   */
  private static final String CREDENTIAL = "quoll.credential";

  /** The identity of the request's credentials, or empty without (valid) credentials. */
  Optional<Identity> identity(Exchange ex) {
    return credential(ex).map(Credential::identity);
  }

  /**
   * @return the credential
   * @throws RegistryException {@code UNAUTHORIZED} without valid credentials
   */
  Credential requireCredential(Exchange ex) {
    return credential(ex)
        .orElseThrow(
            () ->
                new RegistryException(
                    Kind.UNAUTHORIZED,
                    BasicCredentials.isBasic(ex.header("Authorization"))
                        ? "Incorrect username or password"
                        : token(ex).isPresent()
                            ? "Invalid, expired or revoked token"
                            : "Authentication required: run npm login"));
  }

  /**
   * @return the identity
   * @throws RegistryException {@code UNAUTHORIZED} without a valid Bearer token
   */
  Identity require(Exchange ex) {
    return requireCredential(ex).identity();
  }

  /**
   * Authenticates a write to a package: the token must allow writing it, and with auth-and-writes
   * 2FA the request must carry a valid OTP.
   *
   * @param packageName the package written
   * @return the identity
   * @throws RegistryException {@code UNAUTHORIZED}, {@code FORBIDDEN} (read-only or granular
   *     token), {@code OTP_REQUIRED}
   */
  Identity requireWrite(Exchange ex, String packageName) {
    return requireWrite(ex, packageName, "none");
  }

  /**
   * Authenticates a write to a package with its two-factor rule (npm access set mfa; {@link
   * PackageWriteGuard} applies it to every package write): with {@code publish} the user must have
   * 2FA on and send an OTP, even with a token created with {@code bypass_2fa}; with {@code
   * automation} such a token may write without (wire note §9).
   *
   * @param packageMfa {@code none}, {@code publish} or {@code automation}
   * @throws RegistryException as {@link #requireWrite(Exchange, String)}, and {@code FORBIDDEN}
   *     when the package needs 2FA and the user has none
   */
  Identity requireWrite(Exchange ex, String packageName, String packageMfa) {
    Credential c = requireWriteToken(ex, packageName);
    String user = c.identity().name();
    boolean packageNeeds2fa = !packageMfa.equals("none");
    boolean automationPasses = c.token().bypass2fa() && packageMfa.equals("automation");
    Optional<String> mode = accounts.secondFactor().activeMode(user);
    if (packageNeeds2fa && mode.isEmpty() && !automationPasses) {
      throw new RegistryException(
          Kind.FORBIDDEN,
          "Writing to "
              + packageName
              + " requires two-factor authentication (its owners set npm access set mfa="
              + packageMfa
              + "): enable it with npm profile enable-2fa, then send a one-time password");
    }
    boolean tokenSkips = c.token().bypass2fa() && (!packageNeeds2fa || automationPasses);
    boolean needOtp =
        mode.filter(SecondFactor.AUTH_AND_WRITES::equals).isPresent()
            || (packageNeeds2fa && mode.isPresent());
    if (needOtp && !tokenSkips) {
      accounts.secondFactor().require(user, otp(ex), address(ex));
    }
    return c.identity();
  }

  /**
   * Authenticates a request that may write to a package, without any second factor: valid
   * credentials whose token is neither read-only nor limited to other packages.
   *
   * @throws RegistryException {@code UNAUTHORIZED}, {@code FORBIDDEN} (read-only or granular token)
   */
  Credential requireWriteToken(Exchange ex, String packageName) {
    Credential c = requireCredential(ex);
    if (c.token().readonly()) {
      throw readOnly();
    }
    if (!c.mayWrite(packageName)) {
      throw new RegistryException(
          Kind.FORBIDDEN, "This token may not write to the package " + packageName);
    }
    return c;
  }

  /**
   * Authenticates a request that changes an org, without any second factor: valid credentials whose
   * token may change the org (not read-only, not limited to other orgs).
   *
   * @param org the org changed
   * @return the credential
   * @throws RegistryException {@code UNAUTHORIZED}, {@code FORBIDDEN}
   */
  Credential requireOrgToken(Exchange ex, String org) {
    Credential c = requireCredential(ex);
    if (!c.mayWriteOrg(org)) {
      throw new RegistryException(Kind.FORBIDDEN, "This token may not change the org " + org);
    }
    return c;
  }

  /**
   * Authenticates a change to an org (npm org set/rm, team create/destroy/add/rm, access
   * grant/revoke; npm wraps each in otplease): the token must allow changing the org, and with
   * auth-and-writes 2FA the request must carry a valid OTP.
   *
   * @param org the org changed
   * @return the identity
   * @throws RegistryException {@code UNAUTHORIZED}, {@code FORBIDDEN} (read-only or granular
   *     token), {@code OTP_REQUIRED}
   */
  Identity requireOrgWrite(Exchange ex, String org) {
    Credential c = requireOrgToken(ex, org);
    String user = c.identity().name();
    boolean authAndWrites =
        accounts
            .secondFactor()
            .activeMode(user)
            .filter(SecondFactor.AUTH_AND_WRITES::equals)
            .isPresent();
    if (authAndWrites && !c.token().bypass2fa()) {
      accounts.secondFactor().require(user, otp(ex), address(ex));
    }
    return c.identity();
  }

  /**
   * Refuses any write made with a read-only token (the guard in front of every non-GET route).
   *
   * @throws RegistryException {@code FORBIDDEN} for a read-only token
   */
  void refuseReadOnly(Exchange ex) {
    if (credential(ex).filter(c -> c.token().readonly()).isPresent()) {
      throw readOnly();
    }
  }

  private static RegistryException readOnly() {
    return new RegistryException(Kind.FORBIDDEN, "This token is read-only and cannot write");
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
