package dev.quoll.cli;

import dev.quoll.client.registry.HttpStatusException;
import dev.quoll.client.registry.NotFoundDetail;
import dev.quoll.client.tree.ResolveException;
import dev.quoll.core.CoreException;
import java.util.List;
import java.util.Optional;

/**
 * What the command line prints for a failed command: npm 11's {@code lib/utils/error-message.js}
 * ({@code errorMessage}) for the errors an install meets.
 *
 * <p>Contract: the summary is the one line that follows {@code quoll <command>:} and the detail the
 * lines printed under it, each the text npm prints after {@code "npm error <prefix> "} (npm's
 * prefixes {@code 404}, {@code 403}, {@code notarget} are left out). Per code: {@code EOTP}, and an
 * {@code E401} whose message mentions a {@code one-time pass}: npm's one-time-password texts (the
 * web flow's two URLs when the registry's body had both {@code authUrl} and {@code doneUrl}); any
 * other {@code E401}: by the items of the first {@code WWW-Authenticate} line split at commas and
 * white space (case-sensitive), {@code Bearer} "your authentication token seems to be invalid",
 * else {@code Basic} "Incorrect or missing password." with npm's advice, else the message; {@code
 * E404}: the message, then {@link NotFoundDetail} when the error names a pkgid (a tree's E404
 * carries those lines as its explanation); {@code E403} and {@code ETARGET}: the message and npm's
 * one-line hint; {@code ECONNREFUSED}: the message and npm's proxy hint; {@code ECONNRESET}, {@code
 * ENOTFOUND} and {@code ETIMEDOUT}: the message and npm's network hint. Any other error: its
 * message, then a {@link ResolveException}'s explanation when that differs from the message
 * (ERESOLVE's report).
 */
final class ErrorMessage {
  private static final List<String> OTP =
      List.of(
          "You can provide a one-time password by passing --otp=<code> to the command you ran.",
          "If you already provided a one-time password then it is likely that you either typoed"
              + " it, or it timed out. Please try again.");
  private static final List<String> LOGIN_AGAIN =
      List.of("To correct this please try logging in again with:", "  npm login");
  private static final List<String> PASSWORD =
      List.of(
          "If you were trying to login, change your password, create an authentication token or"
              + " enable two-factor authentication then that means you likely typed your password"
              + " in incorrectly.",
          "Please try again, or recover your password at:",
          "  https://www.npmjs.com/forgot",
          "",
          "If you were doing some other operation then your saved credentials are probably out of"
              + " date.",
          "To correct this please try logging in again with:",
          "  npm login");
  private static final String PROXY =
      "If you are behind a proxy, please make sure that the 'proxy' config is set properly.  See:"
          + " 'npm help config'";

  /**
   * A failure as npm reports it.
   *
   * @param code the error code, e.g. {@code E404}
   * @param summary the first line (the message, or npm's text in its place)
   * @param detail the lines under it, possibly blank ones; may be empty
   */
  record Report(String code, String summary, List<String> detail) {
    /** Copies the detail. */
    Report {
      detail = List.copyOf(detail);
    }
  }

  private ErrorMessage() {}

  /**
   * npm's report of an error.
   *
   * @param e a command's failure
   * @return the code, summary and detail lines (not yet redacted)
   */
  static Report of(CoreException e) {
    String code = e.code();
    String message = e.getMessage() == null ? "" : e.getMessage();
    return switch (code) {
      case "EOTP", "E401" -> auth(e, code, message);
      case "E404" -> new Report(code, message, notFound(e));
      case "E403" ->
          new Report(
              code,
              message,
              List.of(
                  "In most cases, you or one of your dependencies are requesting a package version"
                      + " that is forbidden by your security policy, or on a server you do not"
                      + " have access to."));
      case "ETARGET" ->
          new Report(
              code,
              message,
              List.of(
                  "In most cases you or one of your dependencies are requesting a package version"
                      + " that doesn't exist."));
      case "ECONNREFUSED" -> new Report(code, message, List.of("", PROXY));
      case "ECONNRESET", "ENOTFOUND", "ETIMEDOUT" ->
          new Report(
              code,
              message,
              List.of(
                  "This is a problem related to network connectivity.",
                  "In most cases you are behind a proxy or have bad network settings.",
                  "",
                  PROXY));
      default -> new Report(code, message, explanation(e, message));
    };
  }

  private static Report auth(CoreException e, String code, String message) {
    Optional<HttpStatusException> http =
        e instanceof HttpStatusException h ? Optional.of(h) : Optional.empty();
    if (code.equals("EOTP") || message.contains("one-time pass")) {
      Optional<String> authUrl = http.flatMap(HttpStatusException::authUrl);
      Optional<String> doneUrl = http.flatMap(HttpStatusException::doneUrl);
      if (authUrl.isPresent() && doneUrl.isPresent()) {
        return new Report(
            code,
            "This operation requires a one-time password.",
            List.of(
                "Open this URL in your browser to authenticate:",
                "  " + authUrl.get(),
                "",
                "After authenticating, your token can be retrieved from:",
                "  " + doneUrl.get()));
      }
      return new Report(
          code, "This operation requires a one-time password from your authenticator.", OTP);
    }
    List<String> lines = http.map(HttpStatusException::wwwAuthenticate).orElse(List.of());
    List<String> auth = lines.isEmpty() ? List.of() : List.of(lines.getFirst().split("[,\\s]+"));
    if (auth.contains("Bearer")) {
      return new Report(
          code,
          "Unable to authenticate, your authentication token seems to be invalid.",
          LOGIN_AGAIN);
    }
    if (auth.contains("Basic")) {
      return new Report(code, "Incorrect or missing password.", PASSWORD);
    }
    return new Report(code, message, List.of());
  }

  private static List<String> notFound(CoreException e) {
    if (e instanceof HttpStatusException h) {
      return h.pkgid().filter(id -> !id.equals("-")).map(NotFoundDetail::lines).orElse(List.of());
    }
    return explanation(e, e.getMessage());
  }

  private static List<String> explanation(CoreException e, String message) {
    if (e instanceof ResolveException re && !re.explanation().equals(message)) {
      return List.of(re.explanation());
    }
    return List.of();
  }
}
