package dev.quoll.registry.packages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.integrity.Integrity;
import dev.quoll.core.json.Json;
import dev.quoll.core.name.PackageName;
import dev.quoll.core.packument.VersionManifest;
import dev.quoll.core.tarball.TarballEntry;
import dev.quoll.core.tarball.TarballLimits;
import dev.quoll.core.tarball.TarballReader;
import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import dev.quoll.semver.Options;
import dev.quoll.semver.Semver;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and checks the body of {@code PUT /<escapedName>} (libnpmpublish 11's publish document,
 * wire note §4.1) into a {@link Publication}.
 *
 * <p>Guarantees, each failing with {@link RegistryException} {@code BAD_REQUEST} and a message
 * naming the rule: the body is a JSON object; {@code name} (and {@code _id} when present) equals
 * the URL's name, which is valid for new packages (validate-npm-package-name 8); there is exactly
 * one version and exactly one attachment; the version is a clean semver version (node-semver 7
 * {@code valid}) equal to the manifest's {@code version}, whose {@code name} is the package name;
 * every dist-tag points at that version and no tag name is a valid semver range (npm 11 {@code
 * dist-tag} rule); the attachment decodes from base64 to exactly {@code length} bytes; {@code
 * dist.shasum} (required) and {@code dist.integrity} (when sent) match the bytes; the tarball is a
 * readable gzip tar with no entry escaping its folder and with a {@code package/package.json} whose
 * name and version equal the published ones. The body size limit is enforced before this, while
 * reading the request.
 */
public final class PublicationReader {
  private static final long MAX_PACKAGE_JSON = 1 << 20;

  private PublicationReader() {}

  /**
   * @param urlName the package name from the request path
   * @param body the request body (UTF-8 JSON)
   * @return the checked publication
   * @throws RegistryException {@code BAD_REQUEST} when any rule fails
   */
  public static Publication read(PackageName urlName, byte[] body) {
    JsonNode root;
    try {
      root = Json.parse(body);
    } catch (CoreException e) {
      throw bad("Invalid JSON in publish body: " + e.getMessage());
    }
    return read(urlName, root);
  }

  /**
   * @param urlName the package name from the request path
   * @param root the parsed request body
   * @return the checked publication
   * @throws RegistryException {@code BAD_REQUEST} when any rule fails
   */
  public static Publication read(PackageName urlName, JsonNode root) {
    if (!(root instanceof ObjectNode doc)) {
      throw bad("Publish body must be a JSON object");
    }
    String name = urlName.name();
    try {
      PackageName.parse(name);
    } catch (CoreException e) {
      throw bad(e.getMessage());
    }
    if (!name.equals(text(doc, "name"))) {
      throw bad(
          "Package name in body (" + text(doc, "name") + ") does not match URL (" + name + ")");
    }
    if (doc.has("_id") && !name.equals(text(doc, "_id"))) {
      throw bad("_id in body does not match the package name " + name);
    }
    ObjectNode versions = object(doc, "versions");
    if (versions.size() != 1) {
      throw bad("Publish body must hold exactly one version, found " + versions.size());
    }
    var entry = versions.properties().iterator().next();
    String version = entry.getKey();
    if (!Semver.valid(version, Options.STRICT).map(version::equals).orElse(false)) {
      throw bad("Invalid version: \"" + version + "\"");
    }
    if (!(entry.getValue() instanceof ObjectNode manifestNode)) {
      throw bad("Version " + version + " must be a JSON object");
    }
    if (!version.equals(text(manifestNode, "version"))) {
      throw bad("Version object's version does not match " + version);
    }
    if (!name.equals(text(manifestNode, "name"))) {
      throw bad("Version object's name does not match " + name);
    }
    List<String> tags = tags(doc, version);
    byte[] tarball = attachment(doc, urlName, version);
    JsonNode dist = manifestNode.get("dist");
    if (!(dist instanceof ObjectNode)) {
      throw bad("Version " + version + " has no dist");
    }
    String shasum = sha1(tarball);
    if (!shasum.equals(text(dist, "shasum"))) {
      throw bad("dist.shasum does not match the tarball (sha1 " + shasum + ")");
    }
    String integrity = text(dist, "integrity");
    if (integrity == null) {
      integrity = Integrity.fromData(tarball, List.of("sha512")).toString();
    } else {
      Integrity sent =
          Integrity.parse(integrity).orElseThrow(() -> bad("dist.integrity is not an SRI string"));
      if (sent.checkData(tarball).isEmpty()) {
        throw bad("dist.integrity does not match the tarball");
      }
    }
    checkTarball(tarball, name, version);
    Optional<String> access = Optional.empty();
    JsonNode a = doc.get("access");
    if (a != null && !a.isNull()) {
      if (!a.isTextual()
          || !(a.textValue().equals("public") || a.textValue().equals("restricted"))) {
        throw bad("access must be \"public\" or \"restricted\"");
      }
      if (a.textValue().equals("restricted") && !urlName.isScoped()) {
        throw bad("Unscoped packages are always public; they cannot be restricted");
      }
      access = Optional.of(a.textValue());
    }
    return new Publication(
        urlName,
        version,
        VersionManifest.from(manifestNode),
        tags,
        tarball,
        integrity,
        shasum,
        access);
  }

  private static List<String> tags(ObjectNode doc, String version) {
    JsonNode node = doc.get("dist-tags");
    List<String> tags = new ArrayList<>();
    if (node == null || node.isNull()) {
      return tags;
    }
    if (!(node instanceof ObjectNode o)) {
      throw bad("dist-tags must be an object");
    }
    for (Map.Entry<String, JsonNode> e : o.properties()) {
      checkTagName(e.getKey());
      if (!version.equals(e.getValue().asText())) {
        throw bad("dist-tag " + e.getKey() + " must point at the published version " + version);
      }
      tags.add(e.getKey());
    }
    return tags;
  }

  /**
   * Checks a dist-tag name: non-empty, at most 256 characters, no {@code /}, and not a valid semver
   * range (npm 11 {@code dist-tag add} refuses those, since {@code pkg@<tag>} would read as a
   * range).
   *
   * @throws RegistryException {@code BAD_REQUEST} when the name is refused
   */
  public static void checkTagName(String tag) {
    if (tag.isEmpty() || tag.length() > 256 || tag.contains("/") || !tag.strip().equals(tag)) {
      throw bad("Invalid tag name: \"" + tag + "\"");
    }
    if (Semver.validRange(tag, Options.STRICT).isPresent()) {
      throw bad("Tag name must not be a valid SemVer range: " + tag);
    }
  }

  private static byte[] attachment(ObjectNode doc, PackageName name, String version) {
    ObjectNode attachments = object(doc, "_attachments");
    if (attachments.size() != 1) {
      throw bad("Publish body must hold exactly one attachment, found " + attachments.size());
    }
    var entry = attachments.properties().iterator().next();
    String key = entry.getKey();
    if (!key.equals(name.name() + "-" + version + ".tgz")
        && !key.equals(name.tarballFileName(version))) {
      throw bad("Attachment " + key + " does not name " + name + "@" + version);
    }
    if (!(entry.getValue() instanceof ObjectNode a)
        || !(a.get("data") instanceof JsonNode data)
        || !data.isTextual()
        || !(a.get("length") instanceof JsonNode length)
        || !length.canConvertToLong()) {
      throw bad("Attachment " + key + " needs a base64 data string and a length");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(data.textValue());
    } catch (IllegalArgumentException e) {
      throw bad("Attachment data is not valid base64");
    }
    if (bytes.length != length.asLong()) {
      throw bad(
          "Attachment length "
              + length.asLong()
              + " does not match the data ("
              + bytes.length
              + ")");
    }
    return bytes;
  }

  private static void checkTarball(byte[] tarball, String name, String version) {
    try {
      for (TarballEntry e : TarballReader.list(new ByteArrayInputStream(tarball), limits())) {
        String p = e.archivePath().replace('\\', '/');
        if (p.startsWith("/")
            || p.matches("^[A-Za-z]:.*")
            || List.of(p.split("/")).contains("..")) {
          throw bad("Tarball entry escapes the package folder: " + e.archivePath());
        }
      }
      byte[] pj =
          TarballReader.readFile(
                  new ByteArrayInputStream(tarball), "package.json", MAX_PACKAGE_JSON, limits())
              .orElseThrow(() -> bad("Tarball has no package/package.json"));
      JsonNode manifest = Json.parse(pj);
      if (!name.equals(text(manifest, "name")) || !version.equals(text(manifest, "version"))) {
        throw bad(
            "package.json in the tarball names "
                + text(manifest, "name")
                + "@"
                + text(manifest, "version")
                + ", not "
                + name
                + "@"
                + version);
      }
    } catch (CoreException e) {
      throw bad("Unreadable tarball: " + e.getMessage());
    }
  }

  private static TarballLimits limits() {
    return TarballLimits.DEFAULT;
  }

  private static ObjectNode object(ObjectNode doc, String field) {
    if (doc.get(field) instanceof ObjectNode o) {
      return o;
    }
    throw bad("Publish body needs an object " + field);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  private static String sha1(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RegistryException bad(String message) {
    return new RegistryException(Kind.BAD_REQUEST, message);
  }
}
