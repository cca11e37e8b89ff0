package dev.quoll.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.Json;
import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import dev.quoll.registry.accounts.Credential;
import dev.quoll.registry.accounts.TokenService;
import dev.quoll.registry.accounts.TokenService.TokenRequest;
import dev.quoll.registry.storage.MetadataStore.Grants;
import dev.quoll.registry.storage.MetadataStore.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /-/npm/v1/tokens} (wire note §14): {@code GET} lists the caller's tokens a page at a time
 * ({@code ?page=&perPage=}, answer {@code {objects, total, urls: {next?, prev?}}}), {@code POST}
 * creates one (npm 11's body with {@code name, password, packages, packages_all, scopes, orgs,
 * packages_and_scopes_permission, orgs_permission, expires, cidr_whitelist, bypass_2fa}, or
 * npm-profile's legacy {@code {password, readonly, cidr_whitelist}}), {@code DELETE
 * /-/npm/v1/tokens/token/<key-or-token>} revokes (204). Token objects: {@code token} (redacted),
 * {@code key}, {@code name}, {@code cidr_whitelist} (null when unrestricted), {@code readonly},
 * {@code created}, {@code updated}, {@code expires} (null when never), and the granular fields.
 */
final class TokensHandler {
  private static final long MAX_BODY = 64 * 1024;
  private final TokenService tokens;
  private final Authenticator auth;
  private final String base;

  TokensHandler(TokenService tokens, Authenticator auth, String base) {
    this.tokens = tokens;
    this.auth = auth;
    this.base = base;
  }

  void list(Exchange ex) {
    Credential c = auth.requireCredential(ex);
    int page = intParam(ex, "page", 0);
    int perPage = intParam(ex, "perPage", 25);
    TokenService.Page p = tokens.list(c, page, perPage);
    ObjectNode out = Json.object();
    ArrayNode objects = out.putArray("objects");
    p.tokens().forEach(t -> objects.add(render(t)));
    out.put("total", p.total());
    ObjectNode urls = out.putObject("urls");
    if (p.hasNext()) {
      urls.put(
          "next", base + "/-/npm/v1/tokens?page=" + (p.page() + 1) + "&perPage=" + p.perPage());
    }
    if (p.page() > 0) {
      urls.put(
          "prev", base + "/-/npm/v1/tokens?page=" + (p.page() - 1) + "&perPage=" + p.perPage());
    }
    ex.setHeader("Cache-Control", "no-store");
    ex.json(200, out);
  }

  void create(Exchange ex) {
    byte[] raw = ex.body(MAX_BODY);
    Credential c = auth.requireCredential(ex);
    JsonNode b;
    try {
      b = Json.parse(raw);
    } catch (CoreException e) {
      throw new RegistryException(Kind.BAD_REQUEST, "Invalid JSON in token request");
    }
    if (!b.isObject()) {
      throw new RegistryException(Kind.BAD_REQUEST, "Token request must be a JSON object");
    }
    String permission = b.path("packages_and_scopes_permission").asText("");
    List<String> packages = strings(b.get("packages"));
    if (b.path("packages_all").asBoolean(false)) {
      packages.add("*");
    }
    List<String> scopes = strings(b.get("scopes"));
    List<String> orgs = strings(b.get("orgs"));
    boolean granular =
        !packages.isEmpty()
            || !scopes.isEmpty()
            || !orgs.isEmpty()
            || b.hasNonNull("orgs_permission")
            || !permission.isEmpty();
    for (String perm : List.of(permission, b.path("orgs_permission").asText(""))) {
      if (!perm.isEmpty() && !List.of("read-only", "read-write", "no-access").contains(perm)) {
        throw new RegistryException(Kind.BAD_REQUEST, "Unknown permission " + perm);
      }
    }
    Grants grants =
        granular
            ? new Grants(
                true,
                packages,
                scopes,
                orgs,
                permission.isEmpty() ? "read-write" : permission,
                b.path("orgs_permission").asText("read-write"))
            : Grants.ALL;
    boolean readonly = b.path("readonly").asBoolean(false) || permission.equals("read-only");
    Optional<Integer> expires =
        b.hasNonNull("expires") ? Optional.of(b.get("expires").asInt(0)) : Optional.empty();
    TokenRequest req =
        new TokenRequest(
            b.path("password").asText(""),
            b.hasNonNull("name") ? b.get("name").asText() : "",
            readonly,
            strings(b.get("cidr_whitelist")),
            expires,
            grants,
            b.path("bypass_2fa").asBoolean(false));
    TokenService.Created created = tokens.create(c, req, Authenticator.otp(ex), auth.address(ex));
    ObjectNode out = render(created.token());
    out.put("token", created.text());
    ex.setHeader("Cache-Control", "no-store");
    ex.json(200, out);
  }

  void revoke(Exchange ex, String keyOrToken) {
    Credential c = auth.requireCredential(ex);
    tokens.revoke(c, keyOrToken, Authenticator.otp(ex), auth.address(ex));
    ex.empty(204);
  }

  private static ObjectNode render(Token t) {
    ObjectNode o = Json.object();
    o.put("token", t.redacted());
    o.put("key", t.hash());
    o.put("name", t.name().isEmpty() ? null : t.name());
    if (t.cidrWhitelist().isEmpty()) {
      o.putNull("cidr_whitelist");
    } else {
      ArrayNode a = o.putArray("cidr_whitelist");
      t.cidrWhitelist().forEach(a::add);
    }
    o.put("readonly", t.readonly());
    o.put("created", t.created().toString());
    o.put("updated", t.created().toString());
    o.put("expires", t.expires().map(Object::toString).orElse(null));
    if (t.grants().restricted()) {
      Grants g = t.grants();
      ArrayNode p = o.putArray("packages");
      g.packages().forEach(p::add);
      ArrayNode s = o.putArray("scopes");
      g.scopes().forEach(s::add);
      ArrayNode or = o.putArray("orgs");
      g.orgs().forEach(or::add);
      o.put("packages_and_scopes_permission", g.packagesPermission());
      o.put("orgs_permission", g.orgsPermission());
    }
    o.put("bypass_2fa", t.bypass2fa());
    return o;
  }

  /** npm sends list fields as a string or an array of strings (comma-separated strings too). */
  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (n.isTextual()) {
      for (String s : n.asText().split(",")) {
        if (!s.isBlank()) {
          out.add(s.strip());
        }
      }
      return out;
    }
    if (!n.isArray()) {
      throw new RegistryException(Kind.BAD_REQUEST, "Expected a string or a list of strings");
    }
    n.forEach(
        x -> {
          if (!x.isTextual()) {
            throw new RegistryException(Kind.BAD_REQUEST, "Expected a list of strings");
          }
          out.add(x.asText());
        });
    return out;
  }

  private static int intParam(Exchange ex, String name, int dflt) {
    try {
      return ex.query(name).map(Integer::parseInt).orElse(dflt);
    } catch (NumberFormatException e) {
      throw new RegistryException(Kind.BAD_REQUEST, name + " must be a number");
    }
  }
}
