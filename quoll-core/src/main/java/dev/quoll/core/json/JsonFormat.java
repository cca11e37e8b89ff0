package dev.quoll.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.core.name.EcmaStrings;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The layout of a JSON file as npm remembers it between reading and rewriting (package.json,
 * package-lock.json): the indent of one level and the newline sequence.
 *
 * <p>Rules of json-parse-even-better-errors 5 and @npmcli/package-json 7: the indent is the
 * whitespace that starts the line after the first opening brace or bracket, the newline is the run
 * of newlines there; {@code {}} and {@code []} files keep the default two spaces; a file whose
 * first token is followed directly by another (compact JSON) has an empty indent and an empty
 * newline, so it is rewritten compact and without a final newline.
 *
 * @param indent the indent of one level, e.g. two spaces, a tab, or empty for compact
 * @param newline the newline written after each line, e.g. {@code "\n"} or {@code "\r\n"}
 */
public record JsonFormat(String indent, String newline) {
  /** JavaScript's {@code \\s}. */
  private static final String JS_SPACE = "[" + EcmaStrings.WHITE_SPACE_CLASS + "]";

  private static final Pattern FORMAT =
      Pattern.compile("^" + JS_SPACE + "*[{\\[]((?:\\r?\\n)+)(" + JS_SPACE + "*)");
  private static final Pattern EMPTY = Pattern.compile("^(?:\\{\\}|\\[\\])((?:\\r?\\n)+)?\\z");

  /** npm's default: two spaces and {@code \n}. */
  public static final JsonFormat DEFAULT = new JsonFormat("  ", "\n");

  /**
   * Detects the layout of JSON text the way json-parse-even-better-errors does.
   *
   * @param text the JSON text as read (a leading byte-order mark is ignored)
   * @return its layout
   */
  public static JsonFormat detect(String text) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    Matcher m = EMPTY.matcher(body);
    if (m.find()) {
      return new JsonFormat("  ", m.group(1) == null ? "\n" : m.group(1));
    }
    m = FORMAT.matcher(body);
    if (m.find()) {
      return new JsonFormat(m.group(2), m.group(1));
    }
    return new JsonFormat("", "");
  }

  /**
   * The text npm writes for {@code value} in this layout: {@code JSON.stringify(value, null,
   * indent) + "\n"} with every {@code \n} replaced by {@link #newline()}.
   *
   * @param value the document
   * @return the file content
   */
  public String write(JsonNode value) {
    String text = Json.stringify(value, indent) + "\n";
    return newline.equals("\n") ? text : text.replace("\n", newline);
  }
}
