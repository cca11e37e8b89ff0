package dev.quoll.registry.accounts;

import java.util.List;
import java.util.Locale;

/**
 * Who may create an account (npm adduser, couch PUT or the web sign-up form).
 *
 * @param mode open, closed or invite-only
 * @param invited for invite-only: e-mail addresses ({@code a@b.org}) or whole domains ({@code
 *     @b.org}) that may sign up, compared ignoring case
 */
public record SignupPolicy(Mode mode, List<String> invited) {
  /** Sign-up modes. */
  public enum Mode {
    /** Anyone may sign up (the default). */
    OPEN,
    /** Nobody may sign up; existing users still log in. */
    CLOSED,
    /** Only invited e-mail addresses or domains may sign up. */
    INVITE_ONLY
  }

  /** Anyone may sign up. */
  public static final SignupPolicy OPEN = new SignupPolicy(Mode.OPEN, List.of());

  /** Copies the list. */
  public SignupPolicy {
    invited = List.copyOf(invited);
  }

  /**
   * @param email the e-mail of the new account
   * @return whether it may sign up
   */
  public boolean allows(String email) {
    return switch (mode) {
      case OPEN -> true;
      case CLOSED -> false;
      case INVITE_ONLY -> {
        String e = email.toLowerCase(Locale.ROOT);
        yield invited.stream()
            .map(i -> i.toLowerCase(Locale.ROOT))
            .anyMatch(i -> i.startsWith("@") ? e.endsWith(i) : e.equals(i));
      }
    };
  }
}
