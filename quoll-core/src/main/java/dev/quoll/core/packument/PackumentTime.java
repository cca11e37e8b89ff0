package dev.quoll.core.packument;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only view of a packument's {@code time}: {@code created}, {@code modified} and one ISO
 * timestamp per version ever published (kept after a version is unpublished), plus {@code
 * unpublished} after the whole package was unpublished (npm registry docs "package-metadata.md";
 * npm-registry-couchapp {@code updates.js}; npm 11 {@code lib/commands/view.js}).
 */
public final class PackumentTime {
  private final ObjectNode node;

  PackumentTime(ObjectNode node) {
    this.node = node;
  }

  /** {@code created}, ISO-8601 with milliseconds, when present. */
  public Optional<String> created() {
    return Trees.text(node, "created");
  }

  /** {@code modified}, ISO-8601 with milliseconds, when present. */
  public Optional<String> modified() {
    return Trees.text(node, "modified");
  }

  /**
   * The publish time of a version.
   *
   * @param version an exact version
   * @return its ISO timestamp, when recorded
   */
  public Optional<String> of(String version) {
    return Trees.text(node, version);
  }

  /** Every string-valued entry ({@code created}, {@code modified}, versions) in document order. */
  public Map<String, String> entries() {
    return Trees.stringMap(node);
  }

  /** The tombstone record of a whole-package unpublish, when {@code unpublished} is an object. */
  public Optional<Unpublished> unpublished() {
    JsonNode u = node.get("unpublished");
    if (u == null || !u.isObject()) {
      return Optional.empty();
    }
    return Optional.of(
        new Unpublished(
            Trees.text(u, "time").orElse(""),
            Trees.stringList(u.get("versions")),
            Trees.text(u, "name").orElse(""),
            Trees.text(u, "description").orElse(""),
            DistTags.from(u.get("tags")),
            Person.listFrom(u.get("maintainers"))));
  }

  /** A deep copy of the {@code time} object. */
  public ObjectNode json() {
    return node.deepCopy();
  }

  @Override
  public String toString() {
    return Json.stringify(node);
  }

  /**
   * {@code time.unpublished}: what a whole-package unpublish leaves behind (npm-registry-couchapp
   * {@code updates.js}; npm 11 {@code view.js} treats a document carrying it as not found). Absent
   * string fields are empty.
   *
   * @param time when the package was unpublished, ISO-8601
   * @param versions the versions that existed
   * @param byUser {@code name}: the account that unpublished
   * @param description the package description at that time
   * @param tags the dist-tags at that time
   * @param maintainers the maintainers at that time
   */
  public record Unpublished(
      String time,
      List<String> versions,
      String byUser,
      String description,
      DistTags tags,
      List<Person> maintainers) {}
}
