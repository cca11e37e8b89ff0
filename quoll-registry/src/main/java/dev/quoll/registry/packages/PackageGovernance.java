package dev.quoll.registry.packages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.quoll.core.json.Json;
import dev.quoll.core.name.PackageName;
import dev.quoll.core.packument.DistTags;
import dev.quoll.core.packument.Packument;
import dev.quoll.core.packument.Person;
import dev.quoll.core.packument.VersionManifest;
import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import dev.quoll.registry.access.AccessPolicy;
import dev.quoll.registry.access.PackageAccess;
import dev.quoll.registry.accounts.Identity;
import dev.quoll.registry.storage.MetadataStore;
import dev.quoll.semver.Options;
import dev.quoll.semver.Semver;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Changes to a package that npm makes by sending its document back (wire note §5, §6, §8):
 * deprecate/undeprecate, star/unstar, owners, and unpublish (one version or all).
 *
 * <p>Guarantees: the kind of change is told by the body's shape ({@code versions}: deprecation and
 * version removal; else {@code maintainers}: owners; else {@code users}: stars); in the versions of
 * a body only {@code deprecated} is taken, every other field is the store's; a star changes only
 * the caller's own entry and needs only read access, everything else needs write access ({@link
 * AccessPolicy}); an owner list is never empty and names existing accounts only; a version is
 * removed only when the body's {@code _rev} is the current one (409 otherwise), so a stale document
 * cannot remove a version published since, while a retried request that finds its work done
 * succeeds without a write; a version older than the unpublish window is removed only by a registry
 * admin; removing the last version leaves npm's tombstone ({@code time.unpublished}), a placeholder
 * that holds the name against everybody until a registry admin releases it ({@link #releaseName});
 * removed versions stay in the published list forever (never publishable again) and their tarballs
 * are deleted.
 */
public final class PackageGovernance {
  private final PackageService packages;
  private final Duration unpublishWindow;

  /**
   * @param packages the package service whose store and policy are used
   * @param unpublishWindow how long after its publish a version may be removed by its maintainers
   */
  public PackageGovernance(PackageService packages, Duration unpublishWindow) {
    this.packages = packages;
    this.unpublishWindow = unpublishWindow;
  }

  /**
   * Applies a document npm sent back with {@code PUT /<name>} (no attachments) or {@code PUT
   * /<name>/-rev/<rev>}.
   *
   * @param name the package
   * @param body the document
   * @param user the caller
   * @throws RegistryException {@code BAD_REQUEST} for a body that changes nothing this registry
   *     understands or adds versions; {@code NOT_FOUND}; {@code FORBIDDEN}; {@code CONFLICT} for a
   *     removal against a stale revision
   */
  public void applyDocument(PackageName name, JsonNode body, Identity user) {
    if (!body.isObject()) {
      throw new RegistryException(Kind.BAD_REQUEST, "Body must be a package document");
    }
    Optional<String> rev = Optional.ofNullable(body.get("_rev")).map(JsonNode::asText);
    if (body.get("versions") instanceof ObjectNode versions) {
      changeVersions(name, versions, rev, user);
    } else if (body.get("maintainers") != null && body.get("maintainers").isArray()) {
      changeOwners(name, ownerNames(body.get("maintainers")), user);
    } else if (body.get("users") != null && body.get("users").isObject()) {
      JsonNode mine = body.get("users").get(user.name());
      star(name, user, mine != null && mine.asBoolean(false));
    } else {
      throw new RegistryException(
          Kind.BAD_REQUEST, "Nothing to change: send versions, maintainers or users");
    }
  }

  /**
   * Stars or unstars a package for the caller (idempotent).
   *
   * @throws RegistryException {@code NOT_FOUND} for an unknown or unreadable package
   */
  public void star(PackageName name, Identity user, boolean starred) {
    packages.update(
        name,
        (doc, revision) -> {
          readable(name, doc, user);
          ObjectNode users =
              doc.field("users")
                  .filter(JsonNode::isObject)
                  .map(u -> (ObjectNode) u.deepCopy())
                  .orElseGet(Json::object);
          if (starred) {
            users.set(user.name(), BooleanNode.TRUE);
          } else {
            users.remove(user.name());
          }
          return doc.withField("users", users);
        });
  }

  /**
   * Replaces the maintainers (npm owner add/rm) by user names; e-mail addresses come from the
   * accounts.
   *
   * @throws RegistryException {@code BAD_REQUEST} for an empty list, {@code NOT_FOUND} for an
   *     unknown account or package, {@code FORBIDDEN} for a non-maintainer
   */
  public void changeOwners(PackageName name, List<String> owners, Identity user) {
    if (owners.isEmpty()) {
      throw new RegistryException(Kind.BAD_REQUEST, "A package must keep at least one owner");
    }
    List<Person> resolved = new ArrayList<>();
    for (String owner : owners) {
      MetadataStore.User u =
          packages
              .store()
              .findUser(owner)
              .orElseThrow(() -> new RegistryException(Kind.NOT_FOUND, "No such user: " + owner));
      if (resolved.stream().noneMatch(r -> r.name().equals(u.name()))) {
        resolved.add(Person.of(u.name(), u.email()));
      }
    }
    packages.update(
        name,
        (doc, revision) -> {
          writable(name, doc, user);
          return doc.withMaintainers(resolved);
        });
  }

  /** The {@code name} of each maintainer object of a sent document. */
  private static List<String> ownerNames(JsonNode maintainers) {
    List<String> out = new ArrayList<>();
    for (JsonNode m : maintainers) {
      JsonNode n = m.get("name");
      if (n == null || !n.isTextual() || n.textValue().isBlank()) {
        throw new RegistryException(Kind.BAD_REQUEST, "Each maintainer needs a name");
      }
      out.add(n.textValue());
    }
    return out;
  }

  private void changeVersions(
      PackageName name, ObjectNode sent, Optional<String> rev, Identity user) {
    List<String> removed = new ArrayList<>();
    packages.update(
        name,
        (doc, revision) -> {
          writable(name, doc, user);
          removed.clear();
          Packument next = doc;
          for (Map.Entry<String, JsonNode> e : sent.properties()) {
            if (doc.version(e.getKey()).isEmpty()) {
              throw new RegistryException(
                  Kind.BAD_REQUEST, "Versions are added by publishing, not here: " + e.getKey());
            }
            String message =
                Optional.ofNullable(e.getValue().get("deprecated"))
                    .filter(JsonNode::isTextual)
                    .map(JsonNode::textValue)
                    .orElse("");
            VersionManifest m = next.version(e.getKey()).orElseThrow();
            if (!m.deprecated().orElse("").equals(message)) {
              next = next.withDeprecated(e.getKey(), message);
            }
          }
          for (String v : doc.versions()) {
            if (!sent.has(v)) {
              removed.add(v);
            }
          }
          if (removed.isEmpty()) {
            return next;
          }
          if (rev.map(r -> !r.startsWith(revision + "-")).orElse(true)) {
            throw new RegistryException(
                Kind.CONFLICT, "Document update conflict: the package changed since it was read");
          }
          return removeVersions(next, removed, user);
        });
    deleteTarballs(name, removed);
  }

  /**
   * Unpublishes the whole package ({@code DELETE /<name>/-rev/<rev>}), leaving the tombstone.
   * Repeating it on a tombstone does nothing.
   *
   * @throws RegistryException {@code NOT_FOUND}, {@code FORBIDDEN} (non-maintainer, or a version
   *     past the window for a non-admin)
   */
  public void unpublishAll(PackageName name, Identity user) {
    List<String> removed = new ArrayList<>();
    packages.update(
        name,
        (doc, revision) -> {
          removed.clear();
          if (doc.isUnpublished()) {
            packages.access().requireWrite(user, PackageAccess.of(doc));
            return doc;
          }
          writable(name, doc, user);
          removed.addAll(doc.versions());
          return removeVersions(doc, removed, user);
        });
    deleteTarballs(name, removed);
  }

  /**
   * {@code DELETE /<name>/-/<file>/-rev/<rev>}: the last step of npm's one-version unpublish. A
   * version still in the document is removed first (as cnpmcore does); then its tarball is deleted.
   *
   * @throws RegistryException {@code NOT_FOUND} when no version of the package has that file
   */
  public void removeTarball(PackageName name, String file, Identity user) {
    List<String> removed = new ArrayList<>();
    packages.update(
        name,
        (doc, revision) -> {
          removed.clear();
          if (doc.isUnpublished()) {
            packages.access().requireWrite(user, PackageAccess.of(doc));
            return doc;
          }
          writable(name, doc, user);
          for (String v : doc.versions()) {
            if (name.tarballFileName(v).equals(file)) {
              removed.add(v);
              return removeVersions(doc, removed, user);
            }
          }
          return doc;
        });
    boolean known =
        packages.store().listPublishedVersions(name.name()).stream()
            .anyMatch(v -> name.tarballFileName(v).equals(file));
    if (!known) {
      throw new RegistryException(Kind.NOT_FOUND, "Not found: " + file);
    }
    packages.store().listPublishedVersions(name.name()).stream()
        .filter(v -> name.tarballFileName(v).equals(file))
        .forEach(v -> deleteTarballs(name, List.of(v)));
  }

  /**
   * Sets a package's access level (npm access set status).
   *
   * @param level {@code public} or {@code restricted}
   * @throws RegistryException {@code BAD_REQUEST} for another level or a restricted unscoped
   *     package; {@code NOT_FOUND}; {@code FORBIDDEN} for a non-maintainer
   */
  public void setAccess(PackageName name, String level, Identity user) {
    if (!level.equals("public") && !level.equals("restricted")) {
      throw new RegistryException(Kind.BAD_REQUEST, "access must be public or restricted");
    }
    if (level.equals("restricted") && !name.isScoped()) {
      throw new RegistryException(
          Kind.BAD_REQUEST, "Unscoped packages are always public; they cannot be restricted");
    }
    packages.update(
        name,
        (doc, revision) -> {
          writable(name, doc, user);
          return doc.withField(PackageAccess.FIELD, TextNode.valueOf(level));
        });
  }

  /** Whether the user is a registry admin ({@link AccessPolicy#isAdmin}). */
  public boolean isAdmin(Identity user) {
    return packages.access().isAdmin(user);
  }

  /**
   * Releases the placeholder of a fully unpublished package (a registry admin's decision, seed
   * R-043): the name then reads as absent and anyone may publish it, with version numbers never
   * used before.
   *
   * @throws RegistryException {@code FORBIDDEN} for a non-admin, {@code NOT_FOUND} for an unknown
   *     name, {@code BAD_REQUEST} when the package is not unpublished
   */
  public void releaseName(PackageName name, Identity admin) {
    if (!isAdmin(admin)) {
      throw new RegistryException(Kind.FORBIDDEN, "Only a registry admin may release a name");
    }
    packages.update(
        name,
        (doc, revision) -> {
          if (PackageAccess.of(doc).vacant()) {
            return doc;
          }
          if (!doc.isUnpublished()) {
            throw new RegistryException(
                Kind.BAD_REQUEST, name + " is published; only an unpublished name can be released");
          }
          return Packument.empty(name.name());
        });
  }

  /**
   * Sets a package's two-factor rule for publishing (npm access set mfa).
   *
   * @param mfa {@code none}, {@code publish} or {@code automation}
   * @throws RegistryException {@code BAD_REQUEST}, {@code NOT_FOUND}, {@code FORBIDDEN}
   */
  public void setMfa(PackageName name, String mfa, Identity user) {
    if (!List.of("none", "publish", "automation").contains(mfa)) {
      throw new RegistryException(Kind.BAD_REQUEST, "mfa must be none, publish or automation");
    }
    packages.update(
        name,
        (doc, revision) -> {
          writable(name, doc, user);
          return doc.withField(PackageAccess.MFA_FIELD, TextNode.valueOf(mfa));
        });
  }

  private Packument removeVersions(Packument doc, List<String> versions, Identity user) {
    Instant now = packages.clock().instant();
    boolean admin = packages.access().isAdmin(user);
    for (String v : versions) {
      Optional<Instant> published = publishTime(doc, v);
      if (!admin && published.map(t -> t.plus(unpublishWindow).isBefore(now)).orElse(true)) {
        throw new RegistryException(
            Kind.FORBIDDEN,
            name(doc)
                + "@"
                + v
                + " was published more than "
                + hours(unpublishWindow)
                + " ago; only a registry admin can unpublish it now (contact the registry's"
                + " administrators)");
      }
    }
    Packument next = doc;
    for (String v : versions) {
      next = next.withoutVersion(v);
    }
    if (next.versions().isEmpty()) {
      Packument tombstone = doc.toTombstone(user.name(), now);
      Optional<JsonNode> level = doc.field(PackageAccess.FIELD);
      return level.isPresent() ? tombstone.withField(PackageAccess.FIELD, level.get()) : tombstone;
    }
    if (next.distTags().latest().isEmpty()) {
      List<String> sorted = Semver.rsort(next.versions(), Options.LOOSE);
      next = next.withDistTag(DistTags.LATEST, sorted.getFirst());
    }
    return next;
  }

  private void deleteTarballs(PackageName name, List<String> versions) {
    for (String v : versions) {
      try {
        packages.blobs().remove(name.name() + "/-/" + name.tarballFileName(v));
      } catch (IOException e) {
        throw new RegistryException(Kind.INTERNAL, "cannot remove a tarball", e);
      }
    }
  }

  private static Optional<Instant> publishTime(Packument doc, String version) {
    try {
      return doc.time().of(version).map(Instant::parse);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String hours(Duration d) {
    return d.toMinutes() % 60 == 0 ? d.toHours() + " hours" : d.toMinutes() + " minutes";
  }

  private static String name(Packument doc) {
    return doc.name();
  }

  private void readable(PackageName name, Packument doc, Identity user) {
    if (doc.isUnpublished()) {
      throw PackageService.notFound(name);
    }
    packages.access().requireRead(() -> Optional.of(user), PackageAccess.of(doc));
  }

  private void writable(PackageName name, Packument doc, Identity user) {
    readable(name, doc, user);
    packages.access().requireWrite(user, PackageAccess.of(doc));
  }
}
