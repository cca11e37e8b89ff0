package dev.quoll.registry.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import dev.quoll.core.name.PackageName;
import dev.quoll.registry.accounts.Identity;
import dev.quoll.registry.packages.PackageService;
import dev.quoll.registry.packages.Publication;
import dev.quoll.registry.packages.PublicationReader;

/**
 * {@code PUT /<name>}: publish one version (wire note §4.1). Order at the edge: the body is read
 * under the size limit (413), authentication (401), validation ({@link PublicationReader}, 400),
 * then the service decides authorization (403) and stores it. Answers 201 {@code {"ok": true, "id",
 * "rev"}}, also for an identical repeated publish.
 */
final class PublishHandler {
  private final PackageService packages;
  private final Authenticator auth;
  private final long maxBody;

  PublishHandler(PackageService packages, Authenticator auth, long maxBody) {
    this.packages = packages;
    this.auth = auth;
    this.maxBody = maxBody;
  }

  void publish(Exchange ex, PackageName name) {
    byte[] body = ex.body(maxBody);
    Identity user = auth.requireWrite(ex, name.name());
    Publication publication = PublicationReader.read(name, body);
    PackageService.PublishResult result = packages.publish(publication, user);
    ObjectNode o = Json.object();
    o.put("ok", true);
    o.put("id", result.name());
    o.put("rev", String.valueOf(result.revision()));
    o.put("success", true);
    ex.json(201, o);
  }
}
