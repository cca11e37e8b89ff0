package dev.quoll.core.packument;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code dist-tags} of a package: tag name to version, in document order (npm registry docs,
 * "package-metadata.md": every package with versions has {@code latest}). An immutable value; edits
 * return new values. Tag-name validity is checked where tags are set (npm-package-arg rules live in
 * the spec package), not here.
 *
 * @param tags tag to version, in document order (copied, unmodifiable)
 */
public record DistTags(Map<String, String> tags) {
  /** The tag npm installs by default and the registry keeps on every package with versions. */
  public static final String LATEST = "latest";

  /** Copies {@code tags}, keeping its iteration order. */
  public DistTags {
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  /** No tags. */
  public static DistTags empty() {
    return new DistTags(Map.of());
  }

  /**
   * Reads {@code dist-tags} JSON; properties whose value is not a string are skipped.
   *
   * @param node the {@code dist-tags} object (anything else reads as no tags)
   * @return the tags
   */
  public static DistTags from(JsonNode node) {
    return new DistTags(Trees.stringMap(node));
  }

  /**
   * The version a tag points at.
   *
   * @param tag a tag name, e.g. {@code latest}
   * @return the version, when the tag exists
   */
  public Optional<String> get(String tag) {
    return Optional.ofNullable(tags.get(tag));
  }

  /** The version of {@code latest}, when set. */
  public Optional<String> latest() {
    return get(LATEST);
  }

  /**
   * The tags pointing at a version, in document order.
   *
   * @param version an exact version
   * @return the tag names
   */
  public List<String> tagsOf(String version) {
    List<String> out = new ArrayList<>();
    tags.forEach(
        (t, v) -> {
          if (v.equals(version)) {
            out.add(t);
          }
        });
    return List.copyOf(out);
  }

  /**
   * These tags with {@code tag} set to {@code version} (in place when it exists, else appended).
   *
   * @param tag the tag name
   * @param version the version it points at
   * @return the new tags
   */
  public DistTags with(String tag, String version) {
    Map<String, String> m = new LinkedHashMap<>(tags);
    m.put(tag, version);
    return new DistTags(m);
  }

  /**
   * These tags without {@code tag}.
   *
   * @param tag the tag name
   * @return the new tags (equal to these when the tag is absent)
   */
  public DistTags without(String tag) {
    Map<String, String> m = new LinkedHashMap<>(tags);
    m.remove(tag);
    return new DistTags(m);
  }

  /** The tags as a new JSON object, in order. */
  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    tags.forEach(o::put);
    return o;
  }
}
