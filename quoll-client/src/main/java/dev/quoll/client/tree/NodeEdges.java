package dev.quoll.client.tree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Creates a node's edges from its manifest in arborist 9's order ({@code Node#loadDeps}): {@code
 * peerDependencies} (split by {@code peerDependenciesMeta.optional} into peer and peerOptional,
 * skipped with --legacy-peer-deps), {@code dependencies}, {@code optionalDependencies}, and {@code
 * devDependencies} on top nodes; a later field's edge replaces an earlier one of the same name.
 */
final class NodeEdges {
  private NodeEdges() {}

  static void load(Node node, boolean top, boolean legacyPeerDeps) {
    ObjectNode pkg = node.pkg();
    if (!legacyPeerDeps) {
      Map<String, String> peers = deps(pkg, "peerDependencies");
      JsonNode meta = pkg.path("peerDependenciesMeta");
      Map<String, String> required = new LinkedHashMap<>();
      Map<String, String> optional = new LinkedHashMap<>();
      peers.forEach(
          (k, v) -> {
            if (meta.path(k).path("optional").asBoolean(false)) {
              optional.put(k, v);
            } else {
              required.put(k, v);
            }
          });
      add(node, EdgeType.PEER, required);
      add(node, EdgeType.PEER_OPTIONAL, optional);
    }
    add(node, EdgeType.PROD, deps(pkg, "dependencies"));
    add(node, EdgeType.OPTIONAL, deps(pkg, "optionalDependencies"));
    if (top) {
      add(node, EdgeType.DEV, deps(pkg, "devDependencies"));
    }
  }

  private static void add(Node node, EdgeType type, Map<String, String> deps) {
    deps.forEach((name, spec) -> node.addEdge(new Edge(node, type, name, spec)));
  }

  /**
   * The specs a {@code $name} override reference may use: the root's {@code dependencies}, {@code
   * devDependencies}, {@code optionalDependencies} and {@code peerDependencies}, falling back to
   * the declaring package's own.
   */
  static Map<String, String> rootSpecs(ObjectNode rootPkg, ObjectNode localPkg) {
    Map<String, String> out = new LinkedHashMap<>();
    for (ObjectNode p : new ObjectNode[] {localPkg, rootPkg}) {
      for (String f :
          new String[] {
            "peerDependencies", "optionalDependencies", "devDependencies", "dependencies"
          }) {
        out.putAll(deps(p, f));
      }
    }
    return out;
  }

  /** A dependency field as name to spec (non-string specs become empty, as npm treats them). */
  static Map<String, String> deps(ObjectNode pkg, String field) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode f = pkg.get(field);
    if (f != null && f.isObject()) {
      for (Map.Entry<String, JsonNode> e : f.properties()) {
        out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : "");
      }
    }
    return out;
  }
}
