package dev.quoll.client.install;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.client.tree.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * npm's deprecation warnings: arborist 9's {@code reify} logs {@code log.warn('deprecated',
 * `${_id}: ${deprecated}`)} for every package it extracts or links whose package.json (from the
 * packument or the lockfile) has a truthy {@code deprecated}; packages already in place are not
 * mentioned. Here in location order (npm's order follows extraction completion).
 */
final class Deprecations {
  private Deprecations() {}

  /**
   * The warnings for the packages placed by a reify.
   *
   * @param root the ideal tree
   * @param added the locations written
   * @return lines {@code deprecated name@version: message}
   */
  static List<String> of(Node root, List<String> added) {
    Map<String, Node> byLoc = new HashMap<>();
    root.inventory().forEach(n -> byLoc.put(n.location(), n));
    List<String> out = new ArrayList<>();
    for (String loc : added.stream().sorted().toList()) {
      Node n = byLoc.get(loc);
      if (n == null) {
        continue;
      }
      JsonNode d = n.pkg().get("deprecated");
      if (d == null || d.isNull() || d.isBoolean() && !d.booleanValue() || d.asText().isEmpty()) {
        continue;
      }
      String id =
          n.packageName().orElse(n.name())
              + "@"
              + n.version().orElse(n.pkg().path("version").asText());
      out.add("deprecated " + id + ": " + d.asText());
    }
    return out;
  }
}
