package dev.quoll.registry.accounts;

import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import dev.quoll.registry.storage.MetadataStore;
import dev.quoll.registry.storage.MetadataStore.Profile;
import dev.quoll.registry.storage.MetadataStore.TwoFactor;
import dev.quoll.registry.storage.MetadataStore.User;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The profile and 2FA API of {@code npm profile get/set/enable-2fa/disable-2fa} (wire note §15).
 *
 * <p>Guarantees: every change needs a full token ({@link Credential#full()}) and, when 2FA is on
 * (either mode), an OTP; a password change also needs the old password, follows {@link
 * UserRules#checkPassword} and revokes every token of the user; an e-mail change follows {@link
 * UserRules#checkEmail} and marks the address unverified. 2FA: with 2FA off or pending, {@code
 * {tfa: {mode, password}}} starts enrolment (answer: the otpauth URI); {@code {tfa: [code]}}
 * confirms it (answer: the recovery codes); with 2FA on, a mode changes it (password + OTP) and
 * {@code disable} removes it (password + OTP or recovery code).
 */
public final class ProfileService {
  /** The free-text profile fields {@code npm profile set} can change, besides e-mail. */
  public static final List<String> FIELDS =
      List.of("fullname", "homepage", "twitter", "github", "freenode");

  private final MetadataStore store;
  private final AccountService accounts;
  private final Clock clock;

  /**
   * @param store where users and profiles live
   * @param accounts password checks, password change, OTP checks
   * @param clock the time source
   */
  public ProfileService(MetadataStore store, AccountService accounts, Clock clock) {
    this.store = store;
    this.accounts = accounts;
    this.clock = clock;
  }

  /**
   * @param user a user name
   * @return the profile view
   * @throws RegistryException {@code NOT_FOUND} when the user is gone
   */
  public View view(String user) {
    User u =
        store
            .findUser(user)
            .orElseThrow(() -> new RegistryException(Kind.NOT_FOUND, "No such user"));
    Profile p =
        store.findProfile(user).orElse(new Profile(user, "", "", "", "", "", false, u.created()));
    return new View(u, p, store.findTwoFactor(user));
  }

  /**
   * Applies one {@code POST /-/npm/v1/user}.
   *
   * @param caller the authenticated request
   * @param update what to change
   * @param otp the {@code npm-otp} header, if any
   * @param address the client address
   * @return the new view and what the {@code tfa} field must carry
   */
  public Result update(Credential caller, Update update, Optional<String> otp, String address) {
    String user = caller.identity().name();
    if (!caller.full()) {
      throw new RegistryException(
          Kind.FORBIDDEN, "A read-only or granular token cannot change the profile");
    }
    SecondFactor tfa = accounts.secondFactor();
    return switch (update) {
      case Update.Fields f -> {
        tfa.require(user, otp, address);
        View before = view(user);
        if (f.password().isPresent()) {
          accounts.changePassword(user, f.password().get().old(), f.password().get().next());
        }
        User u = store.findUser(user).orElseThrow();
        boolean verified = before.profile().emailVerified();
        if (f.email().isPresent() && !f.email().get().equals(u.email())) {
          UserRules.checkEmail(f.email().get());
          store.saveUser(new User(u.name(), f.email().get(), u.passwordHash(), u.created()));
          verified = false;
        }
        Profile p = before.profile();
        Map<String, String> v = f.values();
        for (String k : v.keySet()) {
          if (v.get(k).length() > 1024) {
            throw new RegistryException(Kind.BAD_REQUEST, k + " is too long");
          }
        }
        store.saveProfile(
            new Profile(
                user,
                v.getOrDefault("fullname", p.fullname()),
                v.getOrDefault("homepage", p.homepage()),
                v.getOrDefault("twitter", p.twitter()),
                v.getOrDefault("github", p.github()),
                v.getOrDefault("freenode", p.freenode()),
                verified,
                clock.instant()));
        yield new Result(view(user), new TfaAnswer.Unchanged());
      }
      case Update.TfaMode m -> {
        accounts.checkPassword(user, m.password());
        Optional<String> active = tfa.activeMode(user);
        if (m.mode().equals("disable")) {
          if (active.isPresent()) {
            tfa.require(user, otp, address);
          }
          tfa.disable(user);
          yield new Result(view(user), new TfaAnswer.Unchanged());
        }
        if (!m.mode().equals(SecondFactor.AUTH_ONLY)
            && !m.mode().equals(SecondFactor.AUTH_AND_WRITES)) {
          throw new RegistryException(
              Kind.BAD_REQUEST, "tfa mode must be auth-only, auth-and-writes or disable");
        }
        if (active.isPresent()) {
          tfa.require(user, otp, address);
          tfa.changeMode(user, m.mode());
          yield new Result(view(user), new TfaAnswer.Unchanged());
        }
        yield new Result(view(user), new TfaAnswer.Uri(tfa.begin(user, m.mode())));
      }
      case Update.TfaConfirm c -> {
        List<String> codes = tfa.confirm(user, c.code(), address);
        yield new Result(view(user), new TfaAnswer.RecoveryCodes(codes));
      }
    };
  }

  /**
   * What {@code GET /-/npm/v1/user} shows.
   *
   * @param user the account
   * @param profile the editable fields
   * @param twoFactor the 2FA settings, if any
   */
  public record View(User user, Profile profile, Optional<TwoFactor> twoFactor) {
    /** When the account or its profile last changed. */
    public Instant updated() {
      return profile.updated().isAfter(user.created()) ? profile.updated() : user.created();
    }
  }

  /** One profile change. */
  public sealed interface Update {
    /**
     * Profile fields, e-mail and password ({@code npm profile set}).
     *
     * @param values new values of {@link #FIELDS} ("" clears)
     * @param email a new e-mail, if sent
     * @param password a password change, if sent
     */
    record Fields(
        Map<String, String> values, Optional<String> email, Optional<PasswordChange> password)
        implements Update {
      /** Copies the map. */
      public Fields {
        values = Map.copyOf(values);
      }
    }

    /**
     * {@code {tfa: {mode, password}}}.
     *
     * @param mode auth-only, auth-and-writes or disable
     * @param password the account password
     */
    record TfaMode(String mode, String password) implements Update {}

    /**
     * {@code {tfa: [code]}}: the first code of a pending enrolment.
     *
     * @param code the TOTP code
     */
    record TfaConfirm(String code) implements Update {}
  }

  /**
   * A password change ({@code {password: {old, new}}}).
   *
   * @param old the current password
   * @param next the new password
   */
  public record PasswordChange(String old, String next) {}

  /**
   * The result of a change.
   *
   * @param view the profile after it
   * @param tfa what the response's {@code tfa} field carries
   */
  public record Result(View view, TfaAnswer tfa) {}

  /** The {@code tfa} field of a change's answer. */
  public sealed interface TfaAnswer {
    /** The usual {@code tfa} of the view. */
    record Unchanged() implements TfaAnswer {}

    /**
     * Enrolment started: the otpauth URI.
     *
     * @param uri the key URI
     */
    record Uri(String uri) implements TfaAnswer {}

    /**
     * Enrolment confirmed: the recovery codes.
     *
     * @param codes shown once
     */
    record RecoveryCodes(List<String> codes) implements TfaAnswer {
      /** Copies the list. */
      public RecoveryCodes {
        codes = List.copyOf(codes);
      }
    }
  }
}
