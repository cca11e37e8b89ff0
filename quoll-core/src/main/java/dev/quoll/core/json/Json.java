package dev.quoll.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * JSON as npm reads and writes it: parsing to an insertion-ordered tree and writing text that is
 * byte-for-byte what JavaScript's {@code JSON.stringify(JSON.parse(text), null, indent)} prints.
 *
 * <p>Contract: for any valid JSON text {@code t} and indent {@code i}, {@code stringify(parse(t),
 * i)} equals node's {@code JSON.stringify(JSON.parse(t), null, i)}: keys keep their first position
 * with the last value on duplicates, integer-like keys come first in ascending order (as JavaScript
 * orders object properties), numbers are printed as JavaScript prints a double, strings are escaped
 * as {@code JSON.stringify} escapes them (lone surrogates as {@code \\udxxx}). A leading byte-order
 * mark is ignored, as json-parse-even-better-errors does.
 *
 * <p>Trees are Jackson {@link JsonNode}s; numbers are kept exact ({@link java.math.BigDecimal}) in
 * the tree and rounded to a double only when written.
 */
public final class Json {
  /** Data binding for {@link #convert} and {@link #toTree} only, made on first use. */
  private static final class Binding {
    static final ObjectMapper MAPPER =
        JsonMapper.builder()
            .nodeFactory(JsonTreeReader.NODES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .build();
  }

  private Json() {}

  /**
   * Parses JSON text.
   *
   * @param text JSON text, optionally starting with a byte-order mark
   * @return the tree, objects in insertion order
   * @throws CoreException {@code EJSONPARSE} when the text is not one valid JSON value
   */
  public static JsonNode parse(String text) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    try {
      JsonNode node = JsonTreeReader.read(body);
      if (node == null) {
        throw new CoreException("EJSONPARSE", "Unexpected end of JSON input");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new CoreException("EJSONPARSE", "Invalid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new CoreException("EJSONPARSE", "Invalid JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Parses UTF-8 JSON bytes.
   *
   * @param utf8 JSON text encoded as UTF-8
   * @return the tree
   * @throws CoreException {@code EJSONPARSE} when the bytes are not one valid JSON value
   */
  public static JsonNode parse(byte[] utf8) {
    return parse(new String(utf8, StandardCharsets.UTF_8));
  }

  /**
   * Parses UTF-8 JSON from a stream (read to its end, not closed).
   *
   * @param in a stream of UTF-8 JSON text
   * @return the tree
   * @throws CoreException {@code EJSONPARSE} when the text is not valid JSON or cannot be read
   */
  public static JsonNode parse(InputStream in) {
    try {
      return parse(in.readAllBytes());
    } catch (IOException e) {
      throw new CoreException("EJSONPARSE", "Cannot read JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Parses JSON text that must be an object.
   *
   * @param text JSON text
   * @return the object
   * @throws CoreException {@code EJSONPARSE} when the text is not valid JSON or not an object
   */
  public static ObjectNode parseObject(String text) {
    JsonNode node = parse(text);
    if (node instanceof ObjectNode object) {
      return object;
    }
    throw new CoreException("EJSONPARSE", "Expected a JSON object, got " + node.getNodeType());
  }

  /** A new empty insertion-ordered object. */
  public static ObjectNode object() {
    return JsonTreeReader.NODES.objectNode();
  }

  /**
   * Compact JSON text, as {@code JSON.stringify(value)}.
   *
   * @param value any tree
   * @return the text, with no whitespace between tokens
   */
  public static String stringify(JsonNode value) {
    return stringify(value, "");
  }

  /**
   * JSON text as {@code JSON.stringify(value, null, indent)} prints it.
   *
   * @param value any tree
   * @param indent the indent of one level (JavaScript uses at most its first 10 characters); empty
   *     for compact output
   * @return the text, without a final newline
   */
  public static String stringify(JsonNode value, String indent) {
    return JsonWriter.write(value, indent.length() > 10 ? indent.substring(0, 10) : indent);
  }

  /**
   * Compact JSON as UTF-8 bytes, as {@code Buffer.from(JSON.stringify(value))}.
   *
   * @param value any tree
   * @return the UTF-8 bytes
   */
  public static byte[] toBytes(JsonNode value) {
    return stringify(value).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Converts a tree to a Jackson-bound type; only for plain data records.
   *
   * @param value a tree
   * @param type the target type
   * @return the bound value
   * @throws CoreException {@code EJSONPARSE} when the tree does not fit the type
   */
  public static <T> T convert(JsonNode value, Class<T> type) {
    try {
      return Binding.MAPPER.treeToValue(value, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new CoreException("EJSONPARSE", "Unexpected JSON shape: " + e.getMessage(), e);
    }
  }

  /**
   * Converts a plain Java value (records, maps, lists, strings, numbers) to a tree.
   *
   * @param value the value
   * @return the tree
   */
  public static JsonNode toTree(Object value) {
    return Binding.MAPPER.valueToTree(value);
  }
}
