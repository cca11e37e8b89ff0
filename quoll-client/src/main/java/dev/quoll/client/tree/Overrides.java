package dev.quoll.client.tree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.spec.AliasSpec;
import dev.quoll.core.spec.PackageSpec;
import dev.quoll.core.spec.RegistrySpec;
import dev.quoll.semver.Options;
import dev.quoll.semver.Semver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One level of package.json {@code overrides} (arborist 9's {@code OverrideSet}): the root set, or
 * a rule for {@code name[@keySpec]} with a replacement {@code value} and nested rules that apply
 * below packages matched by it.
 *
 * <p>Rules visible from a set are its children, then its own rule, then the same for each ancestor,
 * nearest first. An edge is overridden by the first visible rule with its name whose key range
 * intersects the edge's declared range (a {@code *} key, tags and non-registry specs always match).
 * A value {@code $name} refers to the root package's own spec for {@code name}. Sets are compared
 * by identity.
 */
public final class Overrides {
  private final Overrides parent;
  private final String name;
  private final String key;
  private final String keySpec;
  private final String value;
  private final Map<String, Overrides> children = new LinkedHashMap<>();

  private Overrides(Overrides parent, String key, JsonNode overrides) {
    this.parent = parent;
    ObjectNode obj;
    if (overrides.isTextual()) {
      obj = dev.quoll.core.json.Json.object();
      obj.put(".", overrides.asText());
    } else if (overrides.isObject()) {
      obj = (ObjectNode) overrides;
    } else {
      obj = dev.quoll.core.json.Json.object();
    }
    if (parent != null) {
      PackageSpec spec = PackageSpec.parse(key);
      this.name =
          spec.name()
              .orElseThrow(() -> new CoreException("EOVERRIDE", "Override without name: " + key));
      this.key = key;
      String raw = spec.rawSpec();
      this.keySpec = raw.isEmpty() ? "*" : raw;
      JsonNode dot = obj.get(".");
      String v = dot != null && dot.isTextual() ? dot.asText() : "";
      this.value = v.isEmpty() ? (dot != null ? "*" : keySpec) : v;
    } else {
      this.name = null;
      this.key = null;
      this.keySpec = null;
      this.value = null;
    }
    for (Map.Entry<String, JsonNode> e : obj.properties()) {
      if (!e.getKey().equals(".")) {
        Overrides child = new Overrides(this, e.getKey(), e.getValue());
        children.put(child.key, child);
      }
    }
  }

  /**
   * The root override set of a package.json {@code overrides} object, or empty when it is absent or
   * has no keys.
   *
   * @throws CoreException {@code EOVERRIDE} for a key without a package name
   */
  public static Optional<Overrides> of(ObjectNode overrides) {
    if (overrides == null || overrides.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Overrides(null, null, overrides));
  }

  /** The package name this rule is for (empty at the root set). */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** The replacement spec of this rule ({@code *} when it only scopes nested rules). */
  public Optional<String> value() {
    return Optional.ofNullable(value);
  }

  private List<Overrides> ruleset() {
    Map<String, Overrides> set = new LinkedHashMap<>();
    for (Overrides o = this; o != null; o = o.parent) {
      for (Overrides kid : o.children.values()) {
        set.putIfAbsent(kid.key, kid);
      }
      if (o.parent != null) {
        set.putIfAbsent(o.key, o);
      }
    }
    return new ArrayList<>(set.values());
  }

  /** arborist's {@code getEdgeRule}: the rule governing an edge, or this set itself. */
  Overrides edgeRule(String depName, String rawSpec) {
    for (Overrides rule : ruleset()) {
      if (!depName.equals(rule.name)) {
        continue;
      }
      if (rule.keySpec.equals("*")) {
        return rule;
      }
      PackageSpec spec;
      try {
        spec = PackageSpec.parse(depName, rawSpec.isEmpty() ? "*" : rawSpec);
      } catch (CoreException e) {
        continue;
      }
      if (spec instanceof AliasSpec alias) {
        spec = alias.subSpec();
      }
      if (spec instanceof RegistrySpec reg
          && (reg.type() == dev.quoll.core.spec.SpecType.RANGE
              || reg.type() == dev.quoll.core.spec.SpecType.VERSION)) {
        if (Semver.intersects(reg.fetchSpec().orElse("*"), rule.keySpec, Options.STRICT)) {
          return rule;
        }
        continue;
      }
      return rule;
    }
    return this;
  }

  /**
   * The spec an edge uses: the governing rule's value when it is a real replacement for this name
   * ({@code $ref} resolved against the root's dependencies), else {@code rawSpec}.
   */
  String specFor(String depName, String rawSpec, Map<String, String> rootDeps) {
    Overrides rule = edgeRule(depName, rawSpec);
    if (rule.value != null && !rule.value.equals("*") && depName.equals(rule.name)) {
      if (rule.value.startsWith("$")) {
        String ref = rootDeps.get(rule.value.substring(1));
        if (ref == null) {
          throw new CoreException("EOVERRIDE", "Unable to resolve reference " + rule.value);
        }
        return ref;
      }
      return rule.value;
    }
    return rawSpec;
  }

  /** The set a node reached through this edge rule carries: the rule when it names it. */
  Overrides forNode(String nodeName, String rawSpec) {
    Overrides rule = edgeRule(nodeName, rawSpec);
    return nodeName.equals(rule.name) ? rule : this;
  }
}
