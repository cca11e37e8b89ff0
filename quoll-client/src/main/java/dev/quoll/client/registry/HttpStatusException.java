package dev.quoll.client.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.client.ClientException;
import dev.quoll.core.json.JsValues;
import dev.quoll.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A registry's answer with an error status ({@code >= 400}), as npm-registry-fetch 19 turns it into
 * an error ({@code lib/check-response.js}, {@code lib/errors.js}).
 *
 * <p>Contract: the code and message follow check-response's order. A 401 with a non-empty {@code
 * WWW-Authenticate} (all its header lines joined with {@code ", "}, split at commas, lower-cased)
 * is {@code EAUTHIP} "Login is not allowed from your IP address" when one item is {@code
 * ipaddress}, else {@code EOTP} "OTP required for authentication" when one item is {@code otp},
 * else {@code E401} "Unable to authenticate, need: <header>". A 401 without that header whose body
 * contains {@code one-time pass} is {@code EOTP}. Anything else is {@code 'E' + status} with {@code
 * "<status> <reason> - <METHOD> <url>"} and {@code " - <body.error>"} when the body is JSON with a
 * truthy {@code error} ({@link StatusText} gives node's reason phrase). The exception keeps what
 * npm 11's {@code lib/utils/error-message.js} reads later: the {@code WWW-Authenticate} lines, the
 * body's {@code authUrl}/{@code doneUrl} (web OTP) and the {@code pkgid}. Immutable.
 */
public final class HttpStatusException extends ClientException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String url;
  private final List<String> wwwAuthenticate;
  private final String authUrl;
  private final String doneUrl;
  private final String pkgid;

  private HttpStatusException(
      String code,
      String message,
      int status,
      String url,
      List<String> wwwAuthenticate,
      String authUrl,
      String doneUrl,
      String pkgid) {
    super(code, message);
    this.status = status;
    this.url = url;
    this.wwwAuthenticate = List.copyOf(wwwAuthenticate);
    this.authUrl = authUrl;
    this.doneUrl = doneUrl;
    this.pkgid = pkgid;
  }

  /**
   * The error for one response, with npm-registry-fetch's code and message.
   *
   * @param status the HTTP status, {@code >= 400}
   * @param method the request method, e.g. {@code GET}
   * @param url the URL that answered
   * @param wwwAuthenticate the response's {@code WWW-Authenticate} lines, in order (empty if none)
   * @param body the response body as received (any bytes; JSON is read when it parses)
   * @param pkgid npm-registry-fetch's {@code pkgid}: the spec being fetched ({@code name@range},
   *     {@code name@<tarball url>}); empty when unknown
   * @return the error (never thrown here)
   */
  public static HttpStatusException of(
      int status,
      String method,
      String url,
      List<String> wwwAuthenticate,
      byte[] body,
      Optional<String> pkgid) {
    String text = new String(body, StandardCharsets.UTF_8);
    JsonNode json = parsed(body);
    String auth = String.join(", ", wwwAuthenticate);
    String code = "E" + status;
    String message;
    if (status == 401 && !auth.isEmpty()) {
      List<String> items =
          List.of(auth.split(",\\s*")).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
      if (items.contains("ipaddress")) {
        code = "EAUTHIP";
        message = "Login is not allowed from your IP address";
      } else if (items.contains("otp")) {
        code = "EOTP";
        message = "OTP required for authentication";
      } else {
        message = "Unable to authenticate, need: " + auth;
      }
    } else if (status == 401 && text.contains("one-time pass")) {
      code = "EOTP";
      message = "OTP required for authentication";
    } else {
      String error = truthyText(json.path("error")); // ' - ' + body.error when truthy
      message =
          StatusText.statusLine(status)
              + " - "
              + method
              + " "
              + url
              + (error.isEmpty() ? "" : " - " + error);
    }
    return new HttpStatusException(
        code,
        message,
        status,
        url,
        wwwAuthenticate,
        truthyText(json.path("authUrl")),
        truthyText(json.path("doneUrl")),
        pkgid.orElse(""));
  }

  /**
   * The same error naming another {@code pkgid} (arborist fetches a tarball as {@code <folder
   * name>@<url>}, which only the caller knows).
   *
   * @param id the spec, e.g. {@code alias@https://r/a/-/a-1.0.0.tgz}
   * @return a copy with that pkgid
   */
  public HttpStatusException withPkgid(String id) {
    HttpStatusException e =
        new HttpStatusException(
            code(), getMessage(), status, url, wwwAuthenticate, authUrl, doneUrl, id);
    e.setStackTrace(getStackTrace());
    return e;
  }

  /** The HTTP status, e.g. 401. */
  public int status() {
    return status;
  }

  /** The URL that answered. */
  public String url() {
    return url;
  }

  /** The response's {@code WWW-Authenticate} header lines, in order (empty when it had none). */
  public List<String> wwwAuthenticate() {
    return wwwAuthenticate;
  }

  /** The body's {@code authUrl} (npm's web OTP flow), when it is truthy, as JavaScript's String. */
  public Optional<String> authUrl() {
    return Optional.of(authUrl).filter(s -> !s.isEmpty());
  }

  /** The body's {@code doneUrl} (npm's web OTP flow), when it is truthy, as JavaScript's String. */
  public Optional<String> doneUrl() {
    return Optional.of(doneUrl).filter(s -> !s.isEmpty());
  }

  /**
   * The spec that was being fetched, as npm-registry-fetch's {@code pkgid} ({@code name@*}, {@code
   * name@<tarball url>}); empty when the fetch had none.
   */
  public Optional<String> pkgid() {
    return Optional.of(pkgid).filter(s -> !s.isEmpty());
  }

  private static JsonNode parsed(byte[] body) {
    try {
      return Json.parse(body);
    } catch (RuntimeException notJson) {
      return Json.object();
    }
  }

  /** A body field as a template literal shows it, or empty when JavaScript finds it falsy. */
  private static String truthyText(JsonNode v) {
    return JsValues.truthy(v) ? JsValues.toJsString(v) : "";
  }
}
