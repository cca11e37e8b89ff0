package dev.quoll.client.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.ClientException;
import dev.quoll.client.tree.Engines;
import dev.quoll.client.tree.Node;
import dev.quoll.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The engines check of arborist 9's {@code buildIdealTree} ({@code #checkEngineAndPlatform} with
 * npm-install-checks 7's {@code checkEngine}, as {@link Engines#allows(JsonNode, boolean)} decides
 * it).
 *
 * <p>Contract: every node of the ideal tree that is neither optional nor omitted (and not the root
 * when its package.json has {@code devEngines}) is checked: its {@code engines.node} against the
 * node version (skipped with {@code --force}) and {@code engines.npm} against the npm version, both
 * with {@code includePrerelease}; a range that does not parse fails. Each failure is npm's {@code
 * EBADENGINE} warning, rendered as npm's log line prints node's {@code util.inspect} of {@code
 * {package, required, current}} (every line prefixed with {@code EBADENGINE}); with {@code
 * --engine-strict} the first failure is thrown instead. Nodes in inventory order.
 */
final class EngineCheck {
  private EngineCheck() {}

  /**
   * Checks a tree.
   *
   * @param root the ideal tree
   * @param omit the omitted dependency types
   * @param engines the node and npm versions (node asked only when a package has {@code
   *     engines.node})
   * @param force {@code --force}: node's version is not checked
   * @param strict {@code --engine-strict}
   * @return the warnings, each a multi-line text
   * @throws ClientException {@code EBADENGINE} with {@code strict}
   */
  static List<String> check(
      Node root, Set<Omit> omit, Engines engines, boolean force, boolean strict) {
    List<String> out = new ArrayList<>();
    for (Node n : root.inventory()) {
      if (n.optional() || Omit.omits(n, omit)) {
        continue;
      }
      JsonNode eng = n.pkg().get("engines");
      if (eng == null || !eng.isObject() || n.isProjectRoot() && n.pkg().has("devEngines")) {
        continue;
      }
      if (engines.allows(n.pkg(), force)) {
        continue;
      }
      String id = n.pkg().path("name").asText(n.name()) + "@" + n.pkg().path("version").asText("");
      String current = engines.node().orElse("");
      String npm = engines.npm().orElse("");
      if (strict) {
        throw new ClientException(
            "EBADENGINE",
            "Unsupported engine\nNot compatible with your version of node/npm: "
                + id
                + "\nRequired: "
                + Json.stringify(eng)
                + "\nActual:   {\"node\":\""
                + current
                + "\",\"npm\":\""
                + npm
                + "\"}");
      }
      out.add(warning(id, eng, current, npm));
    }
    return out;
  }

  /** npm's {@code log.warn('EBADENGINE', 'Unsupported engine', {package, required, current})}. */
  static String warning(String id, JsonNode required, String nodeVersion, String npmVersion) {
    ObjectNode o = Json.object();
    o.put("package", id);
    o.set("required", required);
    ObjectNode current = o.putObject("current");
    current.put("node", nodeVersion);
    current.put("npm", npmVersion);
    String text = "Unsupported engine " + Inspect.value(o, 0);
    StringBuilder b = new StringBuilder();
    for (String l : text.split("\n", -1)) {
      if (!b.isEmpty()) {
        b.append('\n');
      }
      b.append("EBADENGINE ").append(l);
    }
    return b.toString();
  }
}
