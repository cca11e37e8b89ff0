package dev.quoll.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.Json;
import dev.quoll.core.name.PackageName;
import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import dev.quoll.registry.packages.PackageService;

/**
 * {@code /-/package/<name>/dist-tags[/<tag>]} (wire note §7): GET lists the tags; PUT with a JSON
 * string body points a tag at a version; DELETE removes a tag. Writes need a maintainer's token and
 * pass the package's mfa rule ({@link PackageWriteGuard}).
 */
final class DistTagsHandler {
  private static final long MAX_BODY = 4096;
  private final PackageService packages;
  private final Authenticator auth;
  private final PackageWriteGuard guard;

  DistTagsHandler(PackageService packages, Authenticator auth, PackageWriteGuard guard) {
    this.packages = packages;
    this.auth = auth;
    this.guard = guard;
  }

  void list(Exchange ex, PackageName name) {
    packages
        .findPackument(name, false)
        .ifPresent(r -> packages.access().requireRead(() -> auth.identity(ex), r.access()));
    ex.json(200, packages.listDistTags(name).toJson());
  }

  void put(Exchange ex, PackageName name, String tag) {
    byte[] body = ex.body(MAX_BODY);
    var user = guard.requireWrite(ex, name);
    JsonNode v;
    try {
      v = Json.parse(body);
    } catch (CoreException e) {
      throw new RegistryException(Kind.BAD_REQUEST, "Body must be a JSON string of a version");
    }
    if (!v.isTextual()) {
      throw new RegistryException(Kind.BAD_REQUEST, "Body must be a JSON string of a version");
    }
    packages.saveDistTag(name, tag, v.textValue(), user);
    ex.ok(201);
  }

  void delete(Exchange ex, PackageName name, String tag) {
    var user = guard.requireWrite(ex, name);
    packages.removeDistTag(name, tag, user);
    ex.ok(200);
  }
}
