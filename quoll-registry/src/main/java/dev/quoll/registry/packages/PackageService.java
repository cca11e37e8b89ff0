package dev.quoll.registry.packages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.quoll.core.name.PackageName;
import dev.quoll.core.packument.Dist;
import dev.quoll.core.packument.DistTags;
import dev.quoll.core.packument.Packument;
import dev.quoll.core.packument.Person;
import dev.quoll.core.packument.VersionManifest;
import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import dev.quoll.registry.access.AccessPolicy;
import dev.quoll.registry.access.PackageAccess;
import dev.quoll.registry.accounts.Identity;
import dev.quoll.registry.storage.BlobStore;
import dev.quoll.registry.storage.MetadataStore;
import dev.quoll.registry.storage.MetadataStore.PackageWrite;
import dev.quoll.registry.storage.MetadataStore.StoredPackage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Packages published here: reading their rendered documents and tarballs, publishing versions and
 * changing dist-tags.
 *
 * <p>Guarantees: the tarball blob is written before the metadata that points at it; each write is a
 * compare-and-set on the package's revision, retried on a lost race (so concurrent publishes of
 * different versions all land); a version number once published is refused forever (403), except
 * that repeating the identical publish (same shasum) succeeds without a second write, since npm
 * retries PUT on 5xx; {@code latest} exists whenever a version does; every write re-renders the
 * documents ({@link RenderedPackument}) that reads are served from. Merge rules follow the couch
 * app ({@code updates.js}, wire note §4.1). Reads of a name that {@link LocalNames} rules out as
 * published here answer empty without asking the store; a publish registers its name there before
 * writing anything, so a package published here always shadows the uplink's.
 */
public final class PackageService {
  private static final int MAX_ATTEMPTS = 20;
  private static final List<String> HOISTED =
      List.of(
          "description",
          "homepage",
          "keywords",
          "repository",
          "author",
          "bugs",
          "license",
          "contributors",
          "readmeFilename");

  private final MetadataStore store;
  private final BlobStore blobs;
  private final String baseUrl;
  private final Clock clock;
  private final RenderCache<RenderedPackument> rendered;
  private final LocalNames localNames;
  private volatile Runnable beforeRead = () -> {};

  /**
   * The lowest revision each package may be cached at, from the changes applied by {@link #forget}
   * (guarded by {@code rendered}; one entry per package written since start, like {@link
   * LocalNames}).
   */
  private final Map<String, Long> floors = new HashMap<>();

  private final AccessPolicy access;

  /**
   * @param store the metadata store
   * @param localNames which names may be published here (reads of other names skip the store)
   * @param blobs the tarball store
   * @param baseUrl the registry's public URL, ending in {@code /}; tarball URLs are built from it
   * @param clock the time source for {@code time} entries
   * @param cacheBytes the most bytes of rendered documents kept in memory
   * @param access who may write which package
   */
  public PackageService(
      MetadataStore store,
      LocalNames localNames,
      BlobStore blobs,
      URI baseUrl,
      Clock clock,
      long cacheBytes,
      AccessPolicy access) {
    this.access = access;
    this.rendered = new RenderCache<>(cacheBytes, RenderedPackument::byteSize);
    this.store = store;
    this.localNames = localNames;
    this.blobs = blobs;
    this.baseUrl = baseUrl.toString();
    this.clock = clock;
  }

  /**
   * The rendered documents of a package.
   *
   * @param name the package
   * @param fresh read the store instead of the render cache ({@code ?write=true})
   * @return the documents, or empty when the package is not published here
   */
  public Optional<RenderedPackument> findPackument(PackageName name, boolean fresh) {
    if (!localNames.mayBeLocal(name.name())) {
      beforeRead.run(); // another node may have just published this name
      if (!localNames.mayBeLocal(name.name())) {
        return Optional.empty();
      }
    } else if (!fresh && rendered.find(name.name()).isPresent()) {
      beforeRead.run(); // a cached copy must hold every write acknowledged before this read
    }
    Optional<RenderedPackument> cached = fresh ? Optional.empty() : rendered.find(name.name());
    if (cached.isPresent()) {
      return cached.filter(x -> !x.access().vacant());
    }
    Optional<RenderedPackument> r = store.findPackage(name.name()).map(this::render);
    r.ifPresent(x -> keep(name.name(), x));
    return r.filter(x -> !x.access().vacant());
  }

  /**
   * Sets what runs before a read that could otherwise miss another node's write: with several
   * nodes, the barrier that applies other nodes' writes first ({@link
   * dev.quoll.registry.storage.ReadBarrier}). It runs before a read answered from the render cache
   * and before answering "not published here" for a name this node does not know (another node may
   * have just published it: that is what keeps a new local package shadowing the uplink's on every
   * node); a read that goes to the store, and a publish's own re-render, need no barrier.
   *
   * @param barrier runs before such reads; it may block briefly
   */
  public void beforeEachRead(Runnable barrier) {
    this.beforeRead = barrier;
  }

  /**
   * Forgets the rendered documents of a package written elsewhere (another node), unless they were
   * rendered from that revision or a newer one, and records the name as published here (so that
   * this node never answers it from the uplink: no dependency confusion across nodes).
   *
   * @param name the package name
   * @param revision the package's revision after that write
   */
  public void forget(String name, long revision) {
    localNames.publishing(name);
    synchronized (rendered) {
      floors.merge(name, revision, Math::max);
      rendered.removeIf(name, r -> r.revision() < revision);
    }
  }

  /**
   * Keeps a rendering read from the store (or just written) unless the cache holds a newer one or
   * another node's write of a newer revision was applied here meanwhile: a read or write that
   * started before {@link #forget} ran must not put its older copy back after the change was
   * applied (and acknowledged — the read leases rely on it).
   */
  private void keep(String name, RenderedPackument r) {
    synchronized (rendered) {
      if (r.revision() >= floors.getOrDefault(name, 0L)) {
        rendered.saveIf(name, r, old -> old.revision() <= r.revision());
      }
    }
  }

  /**
   * One version object, by exact version, range or dist-tag ({@link VersionSelector}).
   *
   * @return the version object, or empty when the package is unknown or nothing matches
   */
  public Optional<VersionManifest> findVersion(PackageName name, String spec) {
    return findPackument(name, false).flatMap(r -> VersionSelector.select(r.packument(), spec));
  }

  /**
   * A tarball blob.
   *
   * @param name the package
   * @param fileName the file name, e.g. {@code pkg-1.0.0.tgz}
   * @return the blob, or empty when there is none
   */
  public Optional<BlobStore.Blob> findTarball(PackageName name, String fileName) {
    if (!localNames.mayBeLocal(name.name())) {
      beforeRead.run(); // another node may have just published this name
      if (!localNames.mayBeLocal(name.name())) {
        return Optional.empty();
      }
    }
    try {
      return blobs.find(name.name() + "/-/" + BlobStore.checkKey(fileName));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new RegistryException(Kind.INTERNAL, "cannot read tarball " + fileName, e);
    }
  }

  /**
   * Where a tarball may be fetched from directly (the blob store's presigned URL), when the store
   * is configured for it.
   *
   * @param name the package
   * @param fileName the file name, e.g. {@code pkg-1.0.0.tgz}
   * @return the URL, or empty to stream the tarball from here
   */
  public Optional<URI> findTarballRedirect(PackageName name, String fileName) {
    try {
      return blobs.redirect(name.name() + "/-/" + BlobStore.checkKey(fileName));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Publishes one version.
   *
   * @param publication the checked publish body
   * @param user the authenticated publisher
   * @return what happened
   * @throws RegistryException {@code FORBIDDEN} when the user is not a maintainer of the existing
   *     package, the version was published before, or the name is held by the placeholder of a
   *     fully unpublished package (for everybody, until an admin releases it); {@code CONFLICT}
   *     when the write kept losing races
   */
  public PublishResult publish(Publication publication, Identity user) {
    String name = publication.name().name();
    String version = publication.version();
    MetadataStore.PublishCheck first = store.findForPublish(name, version);
    Optional<StoredPackage> before = first.current();
    Optional<Packument> existing = before.map(p -> Packument.parse(p.document()));
    existing.ifPresent(d -> refusePlaceholder(publication.name(), d, user));
    Optional<PackageAccess> facts = existing.map(PackageAccess::of);
    if (facts.isEmpty() || facts.get().vacant()) {
      access.requireCreate(user, publication.name());
    } else {
      access.requireWrite(user, facts.get());
    }
    if (isRetry(before, publication)) {
      return new PublishResult(name, version, before.get().revision(), true);
    }
    if (first.versionPublished()) {
      throw previouslyPublished(version);
    }
    localNames.publishing(name);
    try {
      blobs.save(
          name + "/-/" + publication.name().tarballFileName(version),
          new ByteArrayInputStream(publication.tarball()));
    } catch (IOException e) {
      throw new RegistryException(Kind.INTERNAL, "cannot store the tarball", e);
    }
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      MetadataStore.PublishCheck check = attempt == 0 ? first : store.findForPublish(name, version);
      Optional<StoredPackage> current = check.current();
      if (attempt > 0 && isRetry(current, publication)) {
        return new PublishResult(name, version, current.get().revision(), true);
      }
      if (attempt > 0 && check.versionPublished()) {
        throw previouslyPublished(version);
      }
      Packument doc =
          current.map(p -> Packument.parse(p.document())).orElseGet(() -> Packument.empty(name));
      refusePlaceholder(publication.name(), doc, user);
      PackageAccess state = PackageAccess.of(doc);
      if (current.isPresent() && !state.vacant()) {
        access.requireWrite(user, state);
      } else if (attempt > 0) {
        access.requireCreate(user, publication.name());
      }
      boolean fresh = current.isEmpty() || state.vacant();
      if (fresh && publication.name().isScoped()) {
        String level = publication.access().orElse("restricted");
        doc = doc.withField(PackageAccess.FIELD, TextNode.valueOf(level));
      }
      Instant now = clock.instant();
      Packument merged = merge(doc, publication, user, now, fresh);
      long expected = current.map(StoredPackage::revision).orElse(0L);
      String text = toText(merged);
      if (store.savePackage(new PackageWrite(name, expected, text, List.of(version), now))) {
        keepRendered(new StoredPackage(name, expected + 1, text, now));
        return new PublishResult(name, version, expected + 1, false);
      }
    }
    throw new RegistryException(Kind.CONFLICT, "Too many concurrent writes to " + name);
  }

  /**
   * @return the package's dist-tags
   * @throws RegistryException {@code NOT_FOUND} for an unknown package
   */
  public DistTags listDistTags(PackageName name) {
    return findPackument(name, false)
        .filter(r -> !r.access().unpublished())
        .map(r -> r.packument().distTags())
        .orElseThrow(() -> notFound(name));
  }

  /**
   * Points a dist-tag at an existing version.
   *
   * @throws RegistryException {@code BAD_REQUEST} for a bad tag name or unknown version, {@code
   *     NOT_FOUND} for an unknown package, {@code FORBIDDEN} when the user is not a maintainer
   */
  public void saveDistTag(PackageName name, String tag, String version, Identity user) {
    PublicationReader.checkTagName(tag);
    update(
        name,
        user,
        doc -> {
          if (doc.version(version).isEmpty()) {
            throw new RegistryException(
                Kind.BAD_REQUEST, "Version " + version + " of " + name + " does not exist");
          }
          return doc.withDistTag(tag, version);
        });
  }

  /**
   * Removes a dist-tag ({@code latest} cannot be removed).
   *
   * @throws RegistryException {@code FORBIDDEN} for {@code latest} or a non-maintainer, {@code
   *     NOT_FOUND} for an unknown package or tag
   */
  public void removeDistTag(PackageName name, String tag, Identity user) {
    if (tag.equals(DistTags.LATEST)) {
      throw new RegistryException(Kind.FORBIDDEN, "Can't remove the \"latest\" tag");
    }
    update(
        name,
        user,
        doc -> {
          if (doc.distTags().get(tag).isEmpty()) {
            throw new RegistryException(Kind.NOT_FOUND, "Tag " + tag + " not found on " + name);
          }
          return doc.withoutDistTag(tag);
        });
  }

  private void update(PackageName name, Identity user, UnaryOperator<Packument> change) {
    update(
        name,
        (doc, revision) -> {
          if (doc.isUnpublished()) {
            throw notFound(name);
          }
          access.requireWrite(user, PackageAccess.of(doc));
          return change.apply(doc);
        });
  }

  /**
   * A change of a stored package: the current document and revision in, the next document out
   * (throwing to refuse). It may run more than once when writes race.
   */
  @FunctionalInterface
  interface Change {
    Packument apply(Packument doc, long revision);
  }

  /**
   * Applies a change to a stored package as one compare-and-set write, retried on a lost race, and
   * re-renders it; {@code time.modified} is set unless the change returns the document unchanged
   * (then nothing is written).
   *
   * @throws RegistryException {@code NOT_FOUND} for an unknown package, {@code CONFLICT} after too
   *     many lost races, or what the change throws
   */
  void update(PackageName name, Change change) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      StoredPackage current = store.findPackage(name.name()).orElseThrow(() -> notFound(name));
      Packument doc = Packument.parse(current.document());
      Instant now = clock.instant();
      Packument changed = change.apply(doc, current.revision());
      if (changed.equals(doc)) {
        return;
      }
      Packument next = changed.isUnpublished() ? changed : changed.withTime("modified", now);
      String text = toText(next);
      if (store.savePackage(
          new PackageWrite(name.name(), current.revision(), text, List.of(), now))) {
        keepRendered(new StoredPackage(name.name(), current.revision() + 1, text, now));
        return;
      }
    }
    throw new RegistryException(Kind.CONFLICT, "Too many concurrent writes to " + name);
  }

  private Packument merge(
      Packument doc, Publication pub, Identity user, Instant now, boolean isNew) {
    String version = pub.version();
    List<Person> maintainers = isNew ? List.of(Person.of(user.name(), user.email())) : null;
    Packument out = doc;
    if (isNew) {
      out = out.withMaintainers(maintainers).withTime("created", now);
    }
    List<Person> current = out.maintainers();
    VersionManifest m =
        pub.manifest()
            .withoutField("readme")
            .withField("_npmUser", Person.of(user.name(), user.email()).toJson())
            .withField("maintainers", toArray(current))
            .withDist(
                pub.manifest()
                    .dist()
                    .orElseThrow()
                    .withTarball(
                        baseUrl.substring(0, baseUrl.length() - 1)
                            + pub.name().tarballPath(version))
                    .withField("integrity", TextNode.valueOf(pub.integrity()))
                    .withField("shasum", TextNode.valueOf(pub.shasum())));
    out = out.withVersion(m);
    for (String tag : pub.tags()) {
      out = out.withDistTag(tag, version);
    }
    if (out.distTags().latest().isEmpty()) {
      out = out.withDistTag(DistTags.LATEST, version);
    }
    out = out.withTime("modified", now).withTime(version, now);
    if (out.distTags().latest().map(version::equals).orElse(false)) {
      for (String field : HOISTED) {
        Optional<JsonNode> v = pub.manifest().field(field);
        out = v.isPresent() ? out.withField(field, v.get()) : out.withoutField(field);
      }
      out =
          out.withField(
              "readme",
              TextNode.valueOf(pub.manifest().field("readme").map(JsonNode::asText).orElse("")));
    }
    return out.withoutField("_attachments").withoutField("access").withoutField("_rev");
  }

  private static JsonNode toArray(List<Person> people) {
    var a = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    people.forEach(p -> a.add(p.toJson()));
    return a;
  }

  private static boolean isRetry(Optional<StoredPackage> current, Publication pub) {
    return current
        .flatMap(p -> Packument.parse(p.document()).version(pub.version()))
        .flatMap(VersionManifest::dist)
        .flatMap(Dist::shasum)
        .map(pub.shasum()::equals)
        .orElse(false);
  }

  /**
   * Renders what a write just stored and keeps it, unless the cache already holds a newer revision:
   * the written text is exactly the stored row, so reading it back would only cost a round trip.
   */
  private void keepRendered(StoredPackage written) {
    keep(written.name(), render(written));
  }

  private RenderedPackument render(StoredPackage p) {
    Packument stored = Packument.parse(p.document());
    Packument doc =
        stored
            .withoutField(PackageAccess.FIELD)
            .withoutField(PackageAccess.MFA_FIELD)
            .withRev(p.revision() + "-" + revHash(p.document()));
    return RenderedPackument.of(
        doc.withTarballBase(baseUrl), p.revision(), PackageAccess.of(stored));
  }

  private static String revHash(String document) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(document.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String toText(Packument p) {
    return new String(p.toBytes(), StandardCharsets.UTF_8);
  }

  /**
   * The placeholder rule (seed R-043, N-028): once every version of a package was unpublished, its
   * tombstone holds the name against everybody, its former owners and registry admins included,
   * until a registry admin releases it ({@code quoll admin release}, {@link
   * PackageGovernance#releaseName}). npmjs blocks the name for 24 hours and then lets anyone take
   * it; here the seeds' rule applies, with no time limit.
   *
   * <p>The refusal tells when the package was unpublished only to those who could read it (a
   * restricted package's existence is not disclosed).
   *
   * @throws RegistryException {@code FORBIDDEN} when the document is a tombstone
   */
  private void refusePlaceholder(PackageName name, Packument doc, Identity user) {
    var unpublished = doc.time().unpublished();
    if (unpublished.isEmpty()) {
      return;
    }
    boolean reader =
        access.allows(Optional.of(user), PackageAccess.of(doc), AccessPolicy.Permission.READ);
    String when = unpublished.get().time();
    throw new RegistryException(
        Kind.FORBIDDEN,
        name
            + " was unpublished"
            + (when.isEmpty() || !reader ? "" : " on " + when)
            + " and its name is held by a placeholder: nobody, its former owners included, may"
            + " publish it until a registry admin releases it (quoll admin release "
            + name
            + ")");
  }

  private static RegistryException previouslyPublished(String version) {
    return new RegistryException(
        Kind.FORBIDDEN,
        "You cannot publish over the previously published versions: " + version + ".");
  }

  /** The access policy the service checks writes with (read handlers ask it too). */
  public AccessPolicy access() {
    return access;
  }

  /** The metadata store (for the package-governance services of this package). */
  MetadataStore store() {
    return store;
  }

  /** The tarball store. */
  BlobStore blobs() {
    return blobs;
  }

  /** The time source. */
  Clock clock() {
    return clock;
  }

  static RegistryException notFound(PackageName name) {
    return new RegistryException(Kind.NOT_FOUND, "Not found: " + name);
  }

  /**
   * The outcome of a publish.
   *
   * @param name the package
   * @param version the version
   * @param revision the package's revision after the publish
   * @param repeated whether the identical version was already published (nothing written)
   */
  public record PublishResult(String name, String version, long revision, boolean repeated) {}
}
