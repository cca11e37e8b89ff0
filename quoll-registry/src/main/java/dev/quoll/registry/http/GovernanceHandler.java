package dev.quoll.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.Json;
import dev.quoll.core.name.PackageName;
import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import dev.quoll.registry.accounts.Identity;
import dev.quoll.registry.packages.PackageGovernance;
import dev.quoll.registry.packages.PackageQueries;
import java.util.List;

/**
 * The DELETEs of npm's unpublish (wire note §6) and the stars view (§12):
 *
 * <ul>
 *   <li>{@code DELETE /<name>/-rev/<rev>}: unpublish the whole package (leaves the tombstone);
 *   <li>{@code DELETE /<name>/-/<file>/-rev/<rev>}: remove one version's tarball (and the version,
 *       when still there);
 *   <li>{@code GET /-/_view/starredByUser?key="<user>"}: {@code {"rows": [{"value": name}]}};
 *   <li>{@code GET /-/package/<name>/visibility}: {@code {"public": bool}} (404 for a package the
 *       caller may not read);
 *   <li>{@code GET /-/user/<user>/package}: {@code {package: "write"}} for each package the user
 *       owns that the caller may read;
 *   <li>{@code POST /-/package/<name>/access}: {@code {"access": "public"|"restricted"}}, a package
 *       write.
 * </ul>
 *
 * Both DELETEs and the access POST are package writes (OTP of auth-and-writes 2FA and the package's
 * mfa rule, {@link PackageWriteGuard}) and answer 200 {@code {"ok": true}}.
 */
final class GovernanceHandler {
  private final PackageGovernance governance;
  private final PackageQueries queries;
  private final Authenticator auth;
  private final PackageWriteGuard guard;

  GovernanceHandler(
      PackageGovernance governance,
      PackageQueries queries,
      Authenticator auth,
      PackageWriteGuard guard) {
    this.governance = governance;
    this.queries = queries;
    this.auth = auth;
    this.guard = guard;
  }

  void unpublishAll(Exchange ex, PackageName name) {
    Identity user = guard.requireWrite(ex, name);
    governance.unpublishAll(name, user);
    ex.ok(200);
  }

  void removeTarball(Exchange ex, PackageName name, String file) {
    Identity user = guard.requireTarballRemoval(ex, name, file);
    governance.removeTarball(name, file, user);
    ex.ok(200);
  }

  void visibility(Exchange ex, PackageName name) {
    ObjectNode out = Json.object();
    out.put("public", !queries.isRestricted(name, auth.identity(ex)));
    ex.json(200, out);
  }

  void setAccess(Exchange ex, PackageName name) {
    byte[] body = ex.body(4096);
    Identity user = guard.requireWrite(ex, name);
    JsonNode b;
    try {
      b = Json.parse(body);
    } catch (CoreException e) {
      throw new RegistryException(Kind.BAD_REQUEST, "Body must be a JSON object");
    }
    JsonNode tfa = b.get("publish_requires_tfa");
    if (tfa != null && tfa.isBoolean()) {
      boolean automation = b.path("automation_token_overrides_tfa").asBoolean(false);
      governance.setMfa(
          name, !tfa.booleanValue() ? "none" : automation ? "automation" : "publish", user);
      ex.ok(200);
      return;
    }
    JsonNode level = b.get("access");
    if (level == null || !level.isTextual()) {
      throw new RegistryException(
          Kind.BAD_REQUEST, "Only {\"access\": \"public\"|\"restricted\"} is supported here");
    }
    governance.setAccess(name, level.textValue(), user);
    ex.ok(200);
  }

  void userPackages(Exchange ex, String user) {
    ObjectNode out = Json.object();
    for (String p : queries.listPackagesOf(user, auth.identity(ex))) {
      out.put(p, "write");
    }
    ex.json(200, out);
  }

  void starredByUser(Exchange ex) {
    String key =
        ex.query("key")
            .orElseThrow(() -> new RegistryException(Kind.BAD_REQUEST, "key is required"));
    JsonNode k;
    try {
      k = Json.parse(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (CoreException e) {
      throw new RegistryException(Kind.BAD_REQUEST, "key must be a JSON string");
    }
    if (!k.isTextual()) {
      throw new RegistryException(Kind.BAD_REQUEST, "key must be a JSON string");
    }
    List<String> names = queries.listStarred(k.textValue(), auth.identity(ex));
    ObjectNode out = Json.object();
    out.put("total_rows", names.size());
    out.put("offset", 0);
    ArrayNode rows = out.putArray("rows");
    for (String n : names) {
      ObjectNode row = rows.addObject();
      row.put("id", n);
      row.put("key", k.textValue());
      row.put("value", n);
    }
    ex.json(200, out);
  }
}
