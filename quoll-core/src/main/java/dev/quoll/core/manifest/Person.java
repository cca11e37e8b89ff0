package dev.quoll.core.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.core.json.JsValues;
import dev.quoll.core.name.EcmaStrings;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person of package.json ({@code author}, {@code contributors}, {@code maintainers}), parsed as
 *
 * @npmcli/package-json 7's {@code stringifyPerson} does: a string {@code "Name <email> (url)"} or
 *     an object with {@code name}, {@code email}/{@code mail} and {@code url}/{@code web}.
 * @param name the name, or empty
 * @param email the e-mail address, or empty
 * @param url the web address, or empty
 */
public record Person(String name, String email, String url) {
  private static final Pattern NAME = Pattern.compile("^([^(<]+)");
  private static final Pattern URL = Pattern.compile("\\(([^()]+)\\)");
  private static final Pattern EMAIL = Pattern.compile("<([^<>]+)>");

  /**
   * Parses a person string.
   *
   * @param text e.g. {@code "Barney Rubble <b@rubble.com> (http://barnyrubble.tumblr.com/)"}
   * @return the parts found; missing parts are empty
   */
  public static Person parse(String text) {
    Matcher n = NAME.matcher(text);
    Matcher u = URL.matcher(text);
    Matcher e = EMAIL.matcher(text);
    return new Person(
        n.find() ? EcmaStrings.trim(n.group(1)) : "",
        e.find() ? e.group(1) : "",
        u.find() ? u.group(1) : "");
  }

  /**
   * Reads a person from a package.json value.
   *
   * @param value a string or an object
   * @return the person, or empty for other values
   */
  public static Optional<Person> of(JsonNode value) {
    if (value.isTextual()) {
      return Optional.of(parse(value.textValue()));
    }
    if (value.isObject()) {
      return Optional.of(parse(personString(value)));
    }
    return Optional.empty();
  }

  /** The {@code "name <email> (url)"} text stringifyPerson builds from an object. */
  static String personString(JsonNode o) {
    String name = JsValues.truthy(o.get("name")) ? JsValues.toJsString(o.get("name")) : "";
    JsonNode u = JsValues.truthy(o.get("url")) ? o.get("url") : o.get("web");
    JsonNode e = JsValues.truthy(o.get("email")) ? o.get("email") : o.get("mail");
    String wrappedUrl = JsValues.truthy(u) ? " (" + JsValues.toJsString(u) + ")" : "";
    String wrappedEmail = JsValues.truthy(e) ? " <" + JsValues.toJsString(e) + ">" : "";
    return name + wrappedEmail + wrappedUrl;
  }

  /** {@code "name <email> (url)"}, leaving out empty parts. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(name);
    if (!email.isEmpty()) {
      b.append(b.isEmpty() ? "" : " ").append('<').append(email).append('>');
    }
    if (!url.isEmpty()) {
      b.append(b.isEmpty() ? "" : " ").append('(').append(url).append(')');
    }
    return b.toString();
  }
}
