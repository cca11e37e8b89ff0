package dev.quoll.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.Json;
import dev.quoll.core.name.PackageName;
import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import dev.quoll.registry.accounts.Identity;
import dev.quoll.registry.packages.PackageGovernance;
import dev.quoll.registry.packages.PackageService;
import dev.quoll.registry.packages.Publication;
import dev.quoll.registry.packages.PublicationReader;

/**
 * {@code PUT /<name>} and {@code PUT /<name>/-rev/<rev>}: a publish when the body carries {@code
 * _attachments} with entries (wire note §4.1), else a change npm makes by sending the package
 * document back (§5: deprecate, star; §6, §8: unpublish of one version, owners), handed to {@link
 * PackageGovernance}. Order at the edge: the body is read under the size limit (413),
 * authentication (401; a star needs no OTP, every other change is a package write with the OTP of
 * auth-and-writes 2FA and the package's own mfa rule, {@link PackageWriteGuard}), validation (400),
 * then the services decide authorization (403/404) through the access policy. A publish answers 201
 * {@code {"ok": true, "id", "rev"}}, also for an identical repeated publish; a document change
 * answers 200 {@code {"ok": true, "id"}}.
 */
final class PublishHandler {
  private final PackageService packages;
  private final PackageGovernance governance;
  private final Authenticator auth;
  private final PackageWriteGuard guard;
  private final long maxBody;
  private final java.util.function.Consumer<PackageName> created;

  /**
   * @param created told of each name whose first version was just published (revision 1)
   */
  PublishHandler(
      PackageService packages,
      PackageGovernance governance,
      Authenticator auth,
      PackageWriteGuard guard,
      long maxBody,
      java.util.function.Consumer<PackageName> created) {
    this.packages = packages;
    this.governance = governance;
    this.auth = auth;
    this.guard = guard;
    this.maxBody = maxBody;
    this.created = created;
  }

  void publish(Exchange ex, PackageName name) {
    byte[] body = ex.body(maxBody);
    JsonNode root;
    try {
      root = Json.parse(body);
    } catch (CoreException e) {
      auth.require(ex);
      throw new RegistryException(Kind.BAD_REQUEST, "Invalid JSON in body: " + e.getMessage());
    }
    if (!(root.get("_attachments") instanceof ObjectNode a) || a.isEmpty()) {
      change(ex, name, root);
      return;
    }
    Identity user = guard.requireWrite(ex, name);
    Publication publication = PublicationReader.read(name, root);
    PackageService.PublishResult result = packages.publish(publication, user);
    if (!result.repeated() && result.revision() == 1) {
      created.accept(name);
    }
    ObjectNode o = Json.object();
    o.put("ok", true);
    o.put("id", result.name());
    o.put("rev", String.valueOf(result.revision()));
    o.put("success", true);
    ex.json(201, o);
  }

  /** {@code PUT /<name>/-rev/<rev>}: always a document change. */
  void changeWithRev(Exchange ex, PackageName name) {
    byte[] body = ex.body(maxBody);
    JsonNode root;
    try {
      root = Json.parse(body);
    } catch (CoreException e) {
      auth.require(ex);
      throw new RegistryException(Kind.BAD_REQUEST, "Invalid JSON in body: " + e.getMessage());
    }
    change(ex, name, root);
  }

  private void change(Exchange ex, PackageName name, JsonNode root) {
    boolean starOnly = !root.has("versions") && !root.has("maintainers") && root.has("users");
    Identity user = starOnly ? auth.require(ex) : guard.requireWrite(ex, name);
    governance.applyDocument(name, root, user);
    ObjectNode o = Json.object();
    o.put("ok", true);
    o.put("id", name.name());
    ex.json(200, o);
  }
}
