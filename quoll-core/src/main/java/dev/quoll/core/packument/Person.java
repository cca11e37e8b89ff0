package dev.quoll.core.packument;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * A person as the registry stores one in {@code maintainers}, {@code _npmUser}, {@code author} and
 * {@code contributors}: an object with any of {@code name}, {@code email}, {@code url} (npm
 * registry docs, "package-metadata.md", human objects). Absent fields are empty strings.
 *
 * @param name the npm user name or free-form name; empty when absent
 * @param email the e-mail address; empty when absent
 * @param url a web page; empty when absent
 */
public record Person(String name, String email, String url) {
  /** Rejects nulls; every component is a string, empty when absent. */
  public Person {
    if (name == null || email == null || url == null) {
      throw new IllegalArgumentException("Person components must not be null (use \"\")");
    }
  }

  /**
   * A person with a name and an e-mail address, as npm writes {@code maintainers} entries.
   *
   * @param name the npm user name
   * @param email the e-mail address
   * @return the person with an empty url
   */
  public static Person of(String name, String email) {
    return new Person(name, email, "");
  }

  /**
   * Reads a person from registry JSON: an object's {@code name}/{@code email}/{@code url} strings,
   * or a bare string (very old documents) taken as the name.
   *
   * @param node a JSON value
   * @return the person; all-empty for other shapes
   */
  static Person from(JsonNode node) {
    if (node != null && node.isTextual()) {
      return new Person(node.textValue(), "", "");
    }
    if (node == null || !node.isObject()) {
      return new Person("", "", "");
    }
    return new Person(
        Trees.text(node, "name").orElse(""),
        Trees.text(node, "email").orElse(""),
        Trees.text(node, "url").orElse(""));
  }

  /** Every element of a JSON array read with {@link #from}; empty when not an array. */
  static List<Person> listFrom(JsonNode node) {
    if (node == null || !node.isArray()) {
      return List.of();
    }
    List<Person> out = new ArrayList<>(node.size());
    for (JsonNode e : node) {
      out.add(from(e));
    }
    return List.copyOf(out);
  }

  /**
   * This person as registry JSON: {@code {"name", "email", "url"}}, in that order, leaving out
   * empty components.
   *
   * @return a new object
   */
  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    if (!name.isEmpty()) {
      o.put("name", name);
    }
    if (!email.isEmpty()) {
      o.put("email", email);
    }
    if (!url.isEmpty()) {
      o.put("url", url);
    }
    return o;
  }
}
