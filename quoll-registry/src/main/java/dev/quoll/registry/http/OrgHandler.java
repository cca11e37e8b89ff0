package dev.quoll.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.Json;
import dev.quoll.core.name.PackageName;
import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import dev.quoll.registry.access.OrgRole;
import dev.quoll.registry.accounts.Identity;
import dev.quoll.registry.orgs.OrgService;
import dev.quoll.registry.orgs.TeamService;
import dev.quoll.registry.packages.PackageQueries;
import dev.quoll.registry.storage.OrgStore.Team;
import java.util.Map;
import java.util.Optional;

/**
 * Orgs, teams and team access over HTTP (wire note §9–§11; docs/api.md):
 *
 * <ul>
 *   <li>{@code PUT /-/org/<org>}: create an org, the caller its owner; 201 {@code {"ok": true,
 *       "org": name}};
 *   <li>{@code PUT|DELETE|GET /-/org/<org>/user}: npm org set ({@code {"user", "role"}}; 201 with
 *       libnpmorg's MembershipDetail {@code {"org": {"name", "size"}, "user", "role"}}), rm ({@code
 *       {"user"}}; 204), ls ({@code {user: role}});
 *   <li>{@code PUT|GET /-/org/<org>/team}: npm team create ({@code {"name", "description"?}}; 201
 *       {@code {"name", "description", "created"}}), team ls ({@code ["org:team", ...]});
 *   <li>{@code GET /-/org/<org>/package}: {@code {package: "read"|"write"}} (404 for no such org,
 *       so npm retries as a user);
 *   <li>{@code DELETE /-/team/<org>/<team>}: npm team destroy (204);
 *   <li>{@code PUT|DELETE|GET /-/team/<org>/<team>/user}: npm team add (201 {@code {"ok": true}}),
 *       rm (204), ls ({@code [user, ...]});
 *   <li>{@code PUT|DELETE|GET /-/team/<org>/<team>/package}: npm access grant ({@code {"package",
 *       "permissions"}}; 201), revoke ({@code {"package"}}; 204), list packages;
 *   <li>{@code GET /-/package/<name>/collaborators}: owners and team grants.
 * </ul>
 *
 * Every change is authenticated as an org write ({@link Authenticator#requireOrgWrite}).
 */
final class OrgHandler {
  private static final long MAX_BODY = 16 * 1024;

  private final OrgService orgs;
  private final TeamService teams;
  private final PackageQueries queries;
  private final Authenticator auth;
  private final PackageWriteGuard guard;

  OrgHandler(
      OrgService orgs,
      TeamService teams,
      PackageQueries queries,
      Authenticator auth,
      PackageWriteGuard guard) {
    this.orgs = orgs;
    this.teams = teams;
    this.queries = queries;
    this.auth = auth;
    this.guard = guard;
  }

  void createOrg(Exchange ex, String org) {
    Identity caller = auth.requireOrgWrite(ex, org);
    orgs.createOrg(org, caller);
    ObjectNode out = Json.object();
    out.put("ok", true);
    out.put("org", org);
    ex.json(201, out);
  }

  void setMember(Exchange ex, String org) {
    JsonNode body = body(ex);
    Identity caller = auth.requireOrgWrite(ex, org);
    String user = stripAt(text(body, "user"));
    Optional<String> role =
        Optional.ofNullable(body.get("role")).filter(JsonNode::isTextual).map(JsonNode::textValue);
    OrgService.Membership m = orgs.setMember(org, user, role, caller);
    ObjectNode out = Json.object();
    ObjectNode o = out.putObject("org");
    o.put("name", m.org());
    o.put("size", m.size());
    out.put("user", m.user());
    out.put("role", m.role().wire());
    ex.json(201, out);
  }

  void removeMember(Exchange ex, String org) {
    JsonNode body = body(ex);
    Identity caller = auth.requireOrgWrite(ex, org);
    orgs.removeMember(org, stripAt(text(body, "user")), caller);
    ex.empty(204);
  }

  void listMembers(Exchange ex, String org) {
    ObjectNode out = Json.object();
    for (Map.Entry<String, OrgRole> e : orgs.listMembers(org, auth.require(ex)).entrySet()) {
      out.put(e.getKey(), e.getValue().wire());
    }
    ex.json(200, out);
  }

  void createTeam(Exchange ex, String org) {
    JsonNode body = body(ex);
    Identity caller = auth.requireOrgWrite(ex, org);
    String description =
        Optional.ofNullable(body.get("description"))
            .filter(JsonNode::isTextual)
            .map(JsonNode::textValue)
            .orElse("");
    Team t = teams.createTeam(org, text(body, "name"), description, caller);
    ObjectNode out = Json.object();
    out.put("name", t.name());
    out.put("description", t.description());
    out.put("created", t.created().toString());
    ex.json(201, out);
  }

  void listTeams(Exchange ex, String org) {
    ArrayNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    teams.listTeams(org, auth.require(ex)).forEach(out::add);
    ex.json(200, out);
  }

  void orgPackages(Exchange ex, String org) {
    ex.json(200, object(teams.listOrgPackages(org, auth.identity(ex))));
  }

  void destroyTeam(Exchange ex, String org, String team) {
    Identity caller = auth.requireOrgWrite(ex, org);
    teams.destroyTeam(org, team, caller);
    ex.empty(204);
  }

  void addTeamMember(Exchange ex, String org, String team) {
    JsonNode body = body(ex);
    Identity caller = auth.requireOrgWrite(ex, org);
    teams.addMember(org, team, stripAt(text(body, "user")), caller);
    ObjectNode out = Json.object();
    out.put("ok", true);
    ex.json(201, out);
  }

  void removeTeamMember(Exchange ex, String org, String team) {
    JsonNode body = body(ex);
    Identity caller = auth.requireOrgWrite(ex, org);
    teams.removeMember(org, team, stripAt(text(body, "user")), caller);
    ex.empty(204);
  }

  void listTeamMembers(Exchange ex, String org, String team) {
    ArrayNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    teams.listMembers(org, team, auth.require(ex)).forEach(out::add);
    ex.json(200, out);
  }

  void grant(Exchange ex, String org, String team) {
    JsonNode body = body(ex);
    PackageName name = packageName(body);
    Identity caller = packageWrite(ex, org, name);
    teams.grant(org, team, name, text(body, "permissions"), caller);
    ObjectNode out = Json.object();
    out.put("ok", true);
    ex.json(201, out);
  }

  void revoke(Exchange ex, String org, String team) {
    JsonNode body = body(ex);
    PackageName name = packageName(body);
    Identity caller = packageWrite(ex, org, name);
    teams.revoke(org, team, name, caller);
    ex.empty(204);
  }

  void teamPackages(Exchange ex, String org, String team) {
    ex.json(200, object(teams.listTeamPackages(org, team, auth.identity(ex))));
  }

  void collaborators(Exchange ex, PackageName name) {
    ex.json(200, object(teams.collaborators(name, queries.listOwners(name, auth.identity(ex)))));
  }

  /** An org or team name from a decoded path segment: npm may leave a leading {@code @}. */
  static String stripAt(String name) {
    return name.startsWith("@") ? name.substring(1) : name;
  }

  private static ObjectNode object(Map<String, String> map) {
    ObjectNode out = Json.object();
    map.forEach(out::put);
    return out;
  }

  /**
   * A grant or revoke changes both the org's teams and the package's access: it is authenticated as
   * a package write under the package's own two-factor rule ({@link PackageWriteGuard}, which also
   * asks for the writer's OTP under auth-and-writes 2FA), and the token must also be allowed to
   * change the org (no second OTP: npm sends one, and a one-time password works once).
   */
  private Identity packageWrite(Exchange ex, String org, PackageName name) {
    Identity caller = guard.requireWrite(ex, name);
    auth.requireOrgToken(ex, org);
    return caller;
  }

  private static PackageName packageName(JsonNode body) {
    try {
      return PackageName.parse(text(body, "package"));
    } catch (CoreException e) {
      throw new RegistryException(Kind.BAD_REQUEST, e.getMessage());
    }
  }

  private static JsonNode body(Exchange ex) {
    byte[] bytes = ex.body(MAX_BODY);
    try {
      JsonNode b = Json.parse(bytes);
      if (b.isObject()) {
        return b;
      }
    } catch (CoreException e) {
      // answered below
    }
    throw new RegistryException(Kind.BAD_REQUEST, "Body must be a JSON object");
  }

  private static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || !v.isTextual() || v.textValue().isBlank()) {
      throw new RegistryException(Kind.BAD_REQUEST, field + " is required");
    }
    return v.textValue();
  }
}
