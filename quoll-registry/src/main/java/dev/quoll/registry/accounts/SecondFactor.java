package dev.quoll.registry.accounts;

import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import dev.quoll.registry.accounts.RateLimits.Action;
import dev.quoll.registry.storage.MetadataStore;
import dev.quoll.registry.storage.MetadataStore.TwoFactor;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Two-factor authentication with TOTP ({@link Totp}) and recovery codes: enrolment as {@code npm
 * profile enable-2fa} drives it (wire note §15), and the OTP checks of npm's challenge protocol
 * (wire note §1.6).
 *
 * <p>Guarantees: a TOTP secret is stored only sealed by the {@link SecretBox}; a TOTP code is
 * accepted at most once (its time step is claimed atomically in the store, and no earlier step is
 * accepted after it); recovery codes are {@value #RECOVERY_CODES} random 256-bit values, shown once
 * as 64 hex digits (the shape npm's OTP prompt accepts) and stored as hex SHA-256, each usable
 * once; every OTP attempt spends from the {@link RateLimits} OTP budget. A missing, wrong or reused
 * code is a {@link RegistryException} of kind {@code OTP_REQUIRED}.
 */
public final class SecondFactor {
  /** Recovery codes issued when 2FA is confirmed. */
  public static final int RECOVERY_CODES = 10;

  /** npm's mode that asks for an OTP at login and for account changes. */
  public static final String AUTH_ONLY = "auth-only";

  /** npm's mode that also asks for an OTP on every package write. */
  public static final String AUTH_AND_WRITES = "auth-and-writes";

  private static final String MISSING =
      "You must provide a one-time pass. Upgrade your client to npm@latest in order to use 2FA.";
  private final MetadataStore store;
  private final SecretBox box;
  private final RateLimits limits;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param store where settings and recovery-code hashes live
   * @param box seals TOTP secrets
   * @param limits the OTP attempt budget
   * @param clock the time source
   */
  public SecondFactor(MetadataStore store, SecretBox box, RateLimits limits, Clock clock) {
    this.store = store;
    this.box = box;
    this.limits = limits;
    this.clock = clock;
  }

  /**
   * @return the confirmed mode of the user's 2FA, or empty when off or still pending
   */
  public Optional<String> activeMode(String user) {
    return store.findTwoFactor(user).filter(t -> !t.pending()).map(TwoFactor::mode);
  }

  /** The user's 2FA settings (pending or not), or empty when off. */
  public Optional<TwoFactor> find(String user) {
    return store.findTwoFactor(user);
  }

  /**
   * Checks an OTP when the user has active 2FA; does nothing otherwise.
   *
   * @param user the account
   * @param otp the {@code npm-otp} header (or form field), empty when none was sent
   * @param address the client address (for the rate limit)
   * @throws RegistryException {@code OTP_REQUIRED} when it is missing, wrong or already used;
   *     {@code TOO_MANY_REQUESTS} when the OTP budget is spent
   */
  public void require(String user, Optional<String> otp, String address) {
    Optional<TwoFactor> t = store.findTwoFactor(user).filter(x -> !x.pending());
    if (t.isEmpty()) {
      return;
    }
    String code = otp.map(String::strip).orElse("");
    if (code.isEmpty()) {
      throw new RegistryException(Kind.OTP_REQUIRED, MISSING);
    }
    limits.spend(Action.OTP, user, address);
    if (code.replace(" ", "").matches("\\d{6}")) {
      OptionalLong step = Totp.matchStep(secret(t.get()), code, clock.instant());
      if (step.isEmpty()) {
        throw new RegistryException(Kind.OTP_REQUIRED, "Invalid one-time password: " + MISSING);
      }
      if (!store.claimOtpStep(user, step.getAsLong())) {
        throw new RegistryException(
            Kind.OTP_REQUIRED,
            "This one-time password was already used; wait for the next one. " + MISSING);
      }
      return;
    }
    if (!store.removeRecoveryCode(user, TokenFormat.hash(code.toLowerCase(Locale.ROOT)))) {
      throw new RegistryException(Kind.OTP_REQUIRED, "Invalid one-time password: " + MISSING);
    }
  }

  /**
   * Starts (or restarts) enrolment: a new secret, saved pending in the given mode.
   *
   * @return the otpauth URI for the authenticator app
   */
  public String begin(String user, String mode) {
    String secret = Totp.newSecret();
    store.saveTwoFactor(new TwoFactor(user, mode, true, box.seal(secret, user), 0), List.of());
    return Totp.uri("Quoll", user, secret);
  }

  /**
   * Confirms a pending enrolment with the first code.
   *
   * @return the recovery codes, shown once
   * @throws RegistryException {@code BAD_REQUEST} when no enrolment is pending; {@code
   *     OTP_REQUIRED} when the code is wrong
   */
  public List<String> confirm(String user, String code, String address) {
    TwoFactor t =
        store
            .findTwoFactor(user)
            .filter(TwoFactor::pending)
            .orElseThrow(
                () ->
                    new RegistryException(
                        Kind.BAD_REQUEST, "Two-factor authentication is not being enabled"));
    limits.spend(Action.OTP, user, address);
    OptionalLong step = Totp.matchStep(secret(t), code, clock.instant());
    if (step.isEmpty()) {
      throw new RegistryException(Kind.OTP_REQUIRED, "Invalid one-time password: " + MISSING);
    }
    List<String> codes = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    for (int i = 0; i < RECOVERY_CODES; i++) {
      byte[] b = new byte[32];
      random.nextBytes(b);
      String c = HexFormat.of().formatHex(b);
      codes.add(c);
      hashes.add(TokenFormat.hash(c));
    }
    store.saveTwoFactor(
        new TwoFactor(user, t.mode(), false, t.encryptedSecret(), step.getAsLong()), hashes);
    return codes;
  }

  /** Changes the mode of active 2FA (the caller has checked password and OTP). */
  public void changeMode(String user, String mode) {
    TwoFactor t = store.findTwoFactor(user).orElseThrow();
    store.saveTwoFactor(
        new TwoFactor(user, mode, t.pending(), t.encryptedSecret(), t.lastStep()), List.of());
  }

  /** Turns 2FA off (the caller has checked password and OTP). */
  public void disable(String user) {
    store.removeTwoFactor(user);
  }

  private String secret(TwoFactor t) {
    return box.open(t.encryptedSecret(), t.userName());
  }
}
