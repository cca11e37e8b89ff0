package dev.quoll.client;

import dev.quoll.core.CoreException;
import dev.quoll.core.name.EcmaStrings;
import dev.quoll.core.url.WhatwgUrl;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Hides secrets in text meant for people (error messages, log lines) the way npm 11 does before it
 * prints anything: @npmcli/redact 4's {@code redactLog}.
 *
 * <p>Contract: the text is cut at JavaScript white space and {@code =} (the separators are kept);
 * in each piece that parses as a WHATWG URL with a password, the password after {@code
 * <protocol>//<username>:} at the piece's start becomes {@code ***}; then npm tokens ({@code
 * npm_}/{@code npms_} and 36-48 letters or digits) become {@code npm_***} and UUIDs become {@code
 * ***}. Everything else is kept as it is, so {@code request to https://u:***@host/x failed} reads
 * like npm's message. Never throws.
 */
public final class Redaction {
  private static final String REPLACE = "***";
  private static final Pattern NPM_SECRET =
      Pattern.compile(
          "(?<![A-Za-z0-9_])npms?_[a-zA-Z0-9]{36,48}(?![A-Za-z0-9_])", Pattern.CASE_INSENSITIVE);
  private static final Pattern UUID =
      Pattern.compile(
          "(?<![A-Za-z0-9_])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9_])",
          Pattern.CASE_INSENSITIVE);

  private Redaction() {}

  /**
   * npm's {@code redactLog(text)}.
   *
   * @param text any text, e.g. an error message holding a URL
   * @return the text with URL passwords, npm tokens and UUIDs hidden
   */
  public static String log(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '=' || EcmaStrings.isWhiteSpace(c)) {
        out.append(piece(text.substring(start, i))).append(c);
        start = i + 1;
      }
    }
    return out.append(piece(text.substring(start))).toString();
  }

  /**
   * @npmcli/redact's {@code redact(value)} of one piece without separators.
   */
  private static String piece(String value) {
    if (value.isEmpty()) {
      return value;
    }
    String v = urlPassword(value);
    v = NPM_SECRET.matcher(v).replaceAll("npm_" + REPLACE);
    return UUID.matcher(v).replaceAll(REPLACE);
  }

  private static String urlPassword(String value) {
    if (value.indexOf('@') < 0) {
      return value; // a URL with a password has an '@' after it
    }
    Optional<WhatwgUrl> parsed = WhatwgUrl.parse(value);
    if (parsed.isEmpty() || parsed.get().password().isEmpty()) {
      return value;
    }
    WhatwgUrl url = parsed.get();
    Set<String> users = variants(url.username());
    Set<String> passwords = variants(url.password());
    if (users.isEmpty() || passwords.isEmpty()) {
      return value; // npm's decodeURIComponent threw: the piece is left alone
    }
    // the order in which npm's regex alternation (encoded|decoded|raw) tries the spellings
    for (String user : users) {
      String head = url.protocol() + "//" + user + ":";
      for (String password : passwords) {
        if (value.startsWith(head + password)) {
          return head + REPLACE + value.substring(head.length() + password.length());
        }
      }
    }
    return value;
  }

  /** {@code new Set([encodeURIComponent(v), decodeURIComponent(v), v])}; empty when one throws. */
  private static Set<String> variants(String value) {
    Set<String> out = new LinkedHashSet<>();
    try {
      out.add(EcmaStrings.encodeUriComponent(value));
      out.add(EcmaStrings.decodeUriComponent(value));
    } catch (CoreException e) {
      return Set.of(); // URIError
    }
    out.add(value);
    return out;
  }
}
