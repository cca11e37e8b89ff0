package dev.quoll.registry.accounts;

import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules for new accounts: user names and e-mail addresses as npm-user-validate 4.0.0 (bundled
 * by npm 11.19.1) checks them, plus Quoll's own password policy.
 *
 * <p>User names (npm-user-validate {@code username}): lower case, unchanged by JavaScript's {@code
 * encodeURIComponent} (URL-safe), not starting with {@code .}, at most 214 characters, no {@code
 * '}; Quoll also refuses the empty name and a leading {@code _} (the issue's rule, as npm's package
 * names). E-mail (npm-user-validate {@code email}): at most 254 characters and matching {@code
 * ^[^@]+@.+\..+$}. Passwords: at least {@value #MIN_PASSWORD_LENGTH} characters (code points), not
 * the user name (ignoring case), and not in the common-password list shipped as the resource {@code
 * common-passwords.txt} (ignoring case). Each check fails with a {@link RegistryException} of kind
 * {@code BAD_REQUEST} carrying npm-user-validate's message where it has one.
 */
public final class UserRules {
  /** The shortest accepted password, in Unicode code points. */
  public static final int MIN_PASSWORD_LENGTH = 10;

  private static final Set<String> COMMON = loadCommon();

  private UserRules() {}

  /**
   * @param name a proposed user name
   * @throws RegistryException {@code BAD_REQUEST} with the rule it breaks
   */
  public static void checkName(String name) {
    if (name.isEmpty()) {
      throw bad("Name may not be empty");
    }
    if (!name.equals(name.toLowerCase(Locale.ROOT))) {
      throw bad("Name must be lowercase");
    }
    if (!name.equals(encodeUriComponent(name))) {
      throw bad("Name may not contain non-url-safe chars");
    }
    if (name.charAt(0) == '.') {
      throw bad("Name may not start with \".\"");
    }
    if (name.length() > 214) {
      throw bad("Name length must be less than or equal to 214 characters long");
    }
    if (name.indexOf('\'') >= 0) {
      throw bad("Name may not contain illegal character \"'\"");
    }
    if (name.charAt(0) == '_') {
      throw bad("Name may not start with \"_\"");
    }
  }

  /**
   * @param email a proposed e-mail address
   * @throws RegistryException {@code BAD_REQUEST} with the rule it breaks
   */
  public static void checkEmail(String email) {
    if (email.length() > 254) {
      throw bad("Email length must be less then or equal to 254 characters long");
    }
    if (!email.matches("(?s)^[^@]+@.+\\..+$") || email.contains("\n")) {
      throw bad("Email must be an email address");
    }
  }

  /**
   * @param name the user name the password is for
   * @param password a proposed password
   * @throws RegistryException {@code BAD_REQUEST} naming the rule it breaks (never echoing it)
   */
  public static void checkPassword(String name, String password) {
    if (password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
      throw bad("Password must be at least " + MIN_PASSWORD_LENGTH + " characters long");
    }
    if (password.equalsIgnoreCase(name)) {
      throw bad("Password may not be the user name");
    }
    if (COMMON.contains(password.toLowerCase(Locale.ROOT))) {
      throw bad("Password is too common; choose another one");
    }
  }

  /** JavaScript's {@code encodeURIComponent} for the characters that matter to the name rule. */
  static String encodeUriComponent(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("%21", "!")
        .replace("%27", "'")
        .replace("%28", "(")
        .replace("%29", ")")
        .replace("%7E", "~");
  }

  private static RegistryException bad(String message) {
    return new RegistryException(Kind.BAD_REQUEST, message);
  }

  private static Set<String> loadCommon() {
    try (InputStream in = UserRules.class.getResourceAsStream("common-passwords.txt")) {
      if (in == null) {
        throw new IllegalStateException("common-passwords.txt is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .map(l -> l.toLowerCase(Locale.ROOT))
          .collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
