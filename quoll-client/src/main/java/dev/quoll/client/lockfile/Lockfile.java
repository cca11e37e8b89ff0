package dev.quoll.client.lockfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.Json;
import dev.quoll.core.json.JsonFormat;

/**
 * A parsed {@code package-lock.json}, {@code npm-shrinkwrap.json} or hidden lockfile: its document,
 * its formatting (indent and newline, which npm keeps when it rewrites the file) and its {@code
 * lockfileVersion} (1 for the nested {@code dependencies} form of npm 5-6, 2 for both forms, 3 for
 * {@code packages} only).
 *
 * @param data the whole document
 * @param format the detected indent and newline
 * @param version the {@code lockfileVersion} (1 when absent)
 */
public record Lockfile(ObjectNode data, JsonFormat format, int version) {

  /**
   * Parses a lockfile's text.
   *
   * @throws CoreException {@code EJSONPARSE} when it is not a JSON object
   */
  public static Lockfile parse(String text) {
    JsonNode node = Json.parse(text);
    if (!(node instanceof ObjectNode obj)) {
      throw new CoreException("EJSONPARSE", "lockfile is not a JSON object");
    }
    int v = obj.path("lockfileVersion").asInt(1);
    return new Lockfile(obj, JsonFormat.detect(text), v);
  }

  /** Whether the document has the {@code packages} section (v2, v3, hidden lockfiles). */
  public boolean hasPackages() {
    return data.path("packages").isObject() && !data.path("packages").isEmpty();
  }
}
