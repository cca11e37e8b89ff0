package dev.quoll.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.Json;
import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import dev.quoll.registry.accounts.AccountService;
import dev.quoll.registry.accounts.AccountService.LoginRequest;
import dev.quoll.registry.accounts.AccountService.LoginResult;
import java.util.Optional;

/**
 * The couch-era account endpoints npm 11 uses (wire note §13): {@code PUT
 * /-/user/org.couchdb.user:<name>} (adduser or login, 201 {@code {ok, id, rev, token}}), {@code
 * GET} of the same (name and e-mail), {@code DELETE /-/user/token/<token>} (logout, always 200),
 * and {@code GET /-/whoami}.
 */
final class UserHandler {
  private static final long MAX_BODY = 64 * 1024;
  private final AccountService accounts;
  private final Authenticator auth;

  UserHandler(AccountService accounts, Authenticator auth) {
    this.accounts = accounts;
    this.auth = auth;
  }

  void login(Exchange ex, String urlName) {
    JsonNode body;
    try {
      body = Json.parse(ex.body(MAX_BODY));
    } catch (CoreException e) {
      throw new RegistryException(Kind.BAD_REQUEST, "Invalid JSON in login body");
    }
    if (!(body instanceof ObjectNode o)) {
      throw new RegistryException(Kind.BAD_REQUEST, "Login body must be a JSON object");
    }
    String name = o.path("name").asText("");
    if (!name.equals(urlName)) {
      throw new RegistryException(Kind.BAD_REQUEST, "User name in body does not match the URL");
    }
    String email = o.path("email").asText("");
    LoginResult r =
        accounts.login(
            new LoginRequest(
                name,
                o.path("password").asText(""),
                email.isEmpty() ? Optional.empty() : Optional.of(email),
                Authenticator.otp(ex)),
            auth.address(ex));
    ObjectNode out = Json.object();
    out.put("ok", true);
    out.put("id", "org.couchdb.user:" + r.name());
    out.put("rev", "_we_dont_use_revs_any_more");
    out.put("token", r.token());
    ex.json(201, out);
  }

  void show(Exchange ex, String name) {
    var user =
        accounts
            .findUser(name)
            .orElseThrow(() -> new RegistryException(Kind.NOT_FOUND, "User not found: " + name));
    ObjectNode out = Json.object();
    out.put("_id", "org.couchdb.user:" + user.name());
    out.put("name", user.name());
    out.put("email", user.email());
    ex.json(200, out);
  }

  void logout(Exchange ex, String token) {
    accounts.logout(token);
    ex.ok(200);
  }

  void whoami(Exchange ex) {
    ObjectNode out = Json.object();
    out.put("username", auth.require(ex).name());
    ex.json(200, out);
  }
}
