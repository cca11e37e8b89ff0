package dev.quoll.client.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A packument as fetched.
 *
 * @param name the package name
 * @param url the URL it was fetched from
 * @param document the document as {@link SlimPackumentReader} keeps it (from the abbreviated or the
 *     full one, whichever the registry sent; {@code time} only with {@code --before})
 * @param origin where it came from
 */
public record FetchedPackument(String name, String url, ObjectNode document, Origin origin) {
  /** Where a packument came from. */
  public enum Origin {
    /** A 200 response. */
    NETWORK,
    /** The cache after a 304 response to a conditional request. */
    REVALIDATED,
    /** The cache without any request (fresh, {@code --prefer-offline} or {@code --offline}). */
    CACHE,
    /** The cache after the network failed (stale). */
    STALE
  }

  /**
   * A copy without the versions published after {@code before} (npm-pick-manifest's {@code before}
   * rule; needs the full document's {@code time}); dist-tags that pointed at a removed version are
   * dropped. Versions without a {@code time} entry are kept.
   *
   * @param before the date limit
   * @return the filtered document
   */
  public ObjectNode versionsBefore(Instant before) {
    ObjectNode copy = document.deepCopy();
    JsonNode time = copy.path("time");
    List<String> removed = new ArrayList<>();
    if (copy.get("versions") instanceof ObjectNode versions) {
      for (Map.Entry<String, JsonNode> v : versions.properties()) {
        JsonNode t = time.get(v.getKey());
        if (t != null && t.isTextual() && after(t.textValue(), before)) {
          removed.add(v.getKey());
        }
      }
      versions.remove(removed);
    }
    if (copy.get("dist-tags") instanceof ObjectNode tags) {
      List<String> drop = new ArrayList<>();
      for (Map.Entry<String, JsonNode> t : tags.properties()) {
        if (removed.contains(t.getValue().asText())) {
          drop.add(t.getKey());
        }
      }
      tags.remove(drop);
    }
    return copy;
  }

  private static boolean after(String iso, Instant before) {
    try {
      return Instant.parse(iso).isAfter(before);
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
