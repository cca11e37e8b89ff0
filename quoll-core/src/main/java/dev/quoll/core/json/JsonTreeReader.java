package dev.quoll.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Builds a Jackson tree from JSON text with jackson-core's streaming parser, the same tree
 * jackson-databind's {@code readTree} builds with {@code USE_BIG_DECIMAL_FOR_FLOATS}, {@code
 * FAIL_ON_TRAILING_TOKENS} and a node factory with exact big decimals, without starting an {@code
 * ObjectMapper} (whose class initialisation costs a cold process tens of milliseconds: date
 * formats, time zones, the type factory).
 *
 * <p>Contract: objects keep their keys in first-seen order with the last value of a repeated key
 * (as {@code ObjectNode.replace} does); integers become int, long or big-integer nodes by their
 * size, other numbers exact {@link java.math.BigDecimal} nodes (trailing zeros kept); a value
 * followed by anything but whitespace fails. Syntax errors are jackson-core's own {@link
 * JsonParseException}s, so their messages are the ones databind reported; nesting deeper than
 * jackson-core's {@code StreamReadConstraints} (1,000 levels) fails there too, before the recursion
 * here could grow the stack.
 */
final class JsonTreeReader {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .build();

  /** The factory of every node this class makes (exact big decimals). */
  static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private JsonTreeReader() {}

  /**
   * Reads one JSON value.
   *
   * @param text JSON text (no byte-order mark)
   * @return the tree, or null when the text holds no token at all
   * @throws JsonParseException on a syntax error or a trailing token
   * @throws IOException when jackson-core fails otherwise (e.g. a nesting constraint)
   */
  static JsonNode read(String text) throws IOException {
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return null;
      }
      JsonNode root = value(p, first);
      JsonToken trailing = p.nextToken();
      if (trailing != null) {
        throw new JsonParseException(
            p,
            "Trailing token (of type "
                + trailing
                + ") found after value (bound as `com.fasterxml.jackson.databind.JsonNode`): not"
                + " allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`");
      }
      return root;
    }
  }

  private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case START_OBJECT -> object(p);
      case START_ARRAY -> array(p);
      case VALUE_STRING -> NODES.textNode(p.getText());
      case VALUE_NUMBER_INT ->
          switch (p.getNumberType()) {
            case INT -> NODES.numberNode(p.getIntValue());
            case LONG -> NODES.numberNode(p.getLongValue());
            default -> NODES.numberNode(p.getBigIntegerValue());
          };
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDecimalValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      default -> throw new JsonParseException(p, "Unexpected token (" + t + ")");
    };
  }

  private static ObjectNode object(JsonParser p) throws IOException {
    ObjectNode object = NODES.objectNode();
    String key;
    while ((key = p.nextFieldName()) != null) {
      object.replace(key, value(p, p.nextToken()));
    }
    return object;
  }

  private static ArrayNode array(JsonParser p) throws IOException {
    ArrayNode array = NODES.arrayNode();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      array.add(value(p, t));
    }
    return array;
  }
}
