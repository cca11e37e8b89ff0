package dev.quoll.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.Json;
import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import dev.quoll.registry.accounts.AccountService.LoginRequest;
import dev.quoll.registry.accounts.AccountService.LoginResult;
import dev.quoll.registry.accounts.WebLoginSessions;
import dev.quoll.registry.accounts.WebLoginSessions.Poll;
import dev.quoll.registry.accounts.WebLoginSessions.Session;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * npm 11's default web login and adduser (wire note §13.3): {@code POST /-/v1/login} answers {@code
 * {loginUrl, doneUrl}}; {@code loginUrl} is {@code /-/web/login/<session>}, a server-rendered HTML
 * form (no scripts) that posts user name, password, e-mail (sign-up only) and the session's form
 * secret back to itself; {@code doneUrl} is {@code /-/v1/done/<session>}, which answers 202 with
 * {@code Retry-After: 1} while pending, 200 {@code {token}} once, and 404 after that or after
 * expiry. HTML answers carry {@code Cache-Control: no-store}, a Content-Security-Policy without
 * scripts and framing, and {@code Referrer-Policy: no-referrer} (the session id is in the URL).
 */
final class WebLoginHandler {
  private static final long MAX_FORM = 16 * 1024;
  private final WebLoginSessions sessions;
  private final String base;

  private final Authenticator auth;

  WebLoginHandler(WebLoginSessions sessions, URI baseUrl, Authenticator auth) {
    this.sessions = sessions;
    this.auth = auth;
    this.base = baseUrl.toString().replaceAll("/+$", "");
  }

  void start(Exchange ex) {
    byte[] raw = ex.body(MAX_FORM);
    boolean create = false;
    if (raw.length > 0) {
      JsonNode body;
      try {
        body = Json.parse(raw);
      } catch (CoreException e) {
        throw new RegistryException(Kind.BAD_REQUEST, "Invalid JSON in login body");
      }
      create = body.path("create").asBoolean(false);
    }
    Session s = sessions.start(create);
    ObjectNode out = Json.object();
    out.put("loginUrl", base + "/-/web/login/" + s.id());
    out.put("doneUrl", base + "/-/v1/done/" + s.id());
    ex.json(200, out);
  }

  void done(Exchange ex, String id) {
    ex.setHeader("Cache-Control", "no-store");
    switch (sessions.poll(id)) {
      case Poll.Pending p -> {
        ex.setHeader("Retry-After", "1");
        ex.json(202, Json.object());
      }
      case Poll.Done d -> {
        ObjectNode out = Json.object();
        out.put("token", d.token());
        ex.json(200, out);
      }
      case Poll.Gone g ->
          throw new RegistryException(
              Kind.NOT_FOUND, "This login session has expired or was already used");
    }
  }

  void page(Exchange ex, String id) {
    Optional<Session> s = sessions.pending(id);
    if (s.isEmpty()) {
      html(ex, 404, "Login expired", "<p>This login link has expired or was already used.</p>");
      return;
    }
    html(ex, 200, title(s.get()), form(s.get(), "", ""));
  }

  void submit(Exchange ex, String id) {
    Map<String, String> f = parseForm(ex.body(MAX_FORM));
    Optional<Session> s = sessions.pending(id);
    if (s.isEmpty()) {
      html(ex, 404, "Login expired", "<p>This login link has expired or was already used.</p>");
      return;
    }
    String name = f.getOrDefault("username", "");
    String email = f.getOrDefault("email", "");
    try {
      LoginResult r =
          sessions.complete(
              id,
              f.getOrDefault("secret", ""),
              new LoginRequest(
                  name,
                  f.getOrDefault("password", ""),
                  email.isEmpty() ? Optional.empty() : Optional.of(email),
                  Optional.of(f.getOrDefault("otp", "")).filter(o -> !o.isBlank())),
              auth.address(ex));
      html(
          ex,
          200,
          "Logged in",
          "<p>"
              + (r.created() ? "Signed up and logged in" : "Logged in")
              + " as <strong>"
              + escape(r.name())
              + "</strong>. You may close this window.</p>");
    } catch (RegistryException e) {
      if (e.kind() == Kind.BAD_REQUEST
          || e.kind() == Kind.UNAUTHORIZED
          || e.kind() == Kind.OTP_REQUIRED) {
        html(ex, e.kind().status(), title(s.get()), form(s.get(), e.getMessage(), name));
      } else {
        html(ex, e.kind().status(), "Login failed", "<p>" + escape(e.getMessage()) + "</p>");
      }
    }
  }

  private static String title(Session s) {
    return s.create() ? "Sign up" : "Log in";
  }

  private static String form(Session s, String error, String name) {
    StringBuilder b = new StringBuilder();
    if (!error.isEmpty()) {
      b.append("<p class=\"error\">").append(escape(error)).append("</p>\n");
    }
    b.append("<form method=\"post\">\n")
        .append("<input type=\"hidden\" name=\"secret\" value=\"")
        .append(escape(s.secret()))
        .append("\">\n")
        .append("<label>User name <input name=\"username\" autocomplete=\"username\" value=\"")
        .append(escape(name))
        .append("\" required></label>\n");
    if (s.create()) {
      b.append("<label>E-mail <input type=\"email\" name=\"email\" required></label>\n");
    }
    b.append("<label>Password <input type=\"password\" name=\"password\" autocomplete=\"")
        .append(s.create() ? "new-password" : "current-password")
        .append("\" required></label>\n");
    if (!s.create()) {
      b.append(
          "<label>One-time password (only with two-factor authentication) <input name=\"otp\""
              + " inputmode=\"numeric\" autocomplete=\"one-time-code\"></label>\n");
    }
    b.append("<button type=\"submit\">").append(title(s)).append("</button>\n</form>");
    return b.toString();
  }

  private static void html(Exchange ex, int status, String title, String body) {
    ex.setHeader("Cache-Control", "no-store");
    ex.setHeader(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
    ex.setHeader("X-Frame-Options", "DENY");
    ex.setHeader("Referrer-Policy", "no-referrer");
    String page =
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Quoll: "
            + title
            + "</title>\n<style>body{font-family:sans-serif;max-width:24em;margin:3em auto}"
            + "label{display:block;margin:.6em 0}input{display:block;width:100%}"
            + ".error{color:#b00}</style></head>\n<body><h1>"
            + title
            + "</h1>\n"
            + body
            + "\n</body></html>\n";
    ex.send(status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses {@code application/x-www-form-urlencoded} (WHATWG URL standard); first value wins. */
  static Map<String, String> parseForm(byte[] body) {
    Map<String, String> out = new HashMap<>();
    String text = new String(body, StandardCharsets.UTF_8);
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        out.putIfAbsent(
            URLDecoder.decode(k, StandardCharsets.UTF_8),
            URLDecoder.decode(v, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new RegistryException(Kind.BAD_REQUEST, "Bad form encoding");
      }
    }
    return out;
  }

  /** Escapes text for HTML element content and double-quoted attributes. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
