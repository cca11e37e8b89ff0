package dev.quoll.core.packument;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of a publish body's {@code _attachments} (libnpmpublish 11 {@code publish.js}): {@code
 * {content_type, data, length}}. For the tarball {@code data} is base64 and {@code length} the
 * decoded byte count; for a sigstore provenance bundle {@code data} is the bundle's JSON text and
 * {@code length} its string length. Checking {@code length} and the integrity of the decoded bytes
 * is the registry's job.
 *
 * @param contentType {@code content_type}, e.g. {@code application/octet-stream}; empty when absent
 * @param data {@code data}; empty when absent
 * @param length {@code length} when an integer number, else -1
 */
public record Attachment(String contentType, String data, long length) {
  /** Rejects null strings. */
  public Attachment {
    if (contentType == null || data == null) {
      throw new IllegalArgumentException("Attachment strings must not be null (use \"\")");
    }
  }

  static Attachment from(JsonNode node) {
    JsonNode length = node.get("length");
    return new Attachment(
        Trees.text(node, "content_type").orElse(""),
        Trees.text(node, "data").orElse(""),
        length != null && length.isIntegralNumber() && length.canConvertToLong()
            ? length.longValue()
            : -1);
  }
}
