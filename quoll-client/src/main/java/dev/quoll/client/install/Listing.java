package dev.quoll.client.install;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.tree.Edge;
import dev.quoll.client.tree.EdgeType;
import dev.quoll.client.tree.Node;
import dev.quoll.core.json.Json;
import dev.quoll.core.path.PosixPath;
import dev.quoll.core.tarball.NpmCollation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code npm ls}: the installed tree as npm 11 prints it.
 *
 * <p>Contract: the first line is {@code name@version path}; below it, each dependency of a node
 * (its edges, plus extraneous children), sorted by name, is one line drawn with npm's box
 * characters ({@code ├──}, {@code └──}, {@code ├─┬}, {@code │}): {@code name@version}, {@code
 * alias@npm:real@version} for aliases, {@code UNMET DEPENDENCY name@spec} / {@code UNMET OPTIONAL
 * DEPENDENCY name@spec} when missing, with {@code invalid: "spec" from <dependent>}, {@code
 * extraneous} or {@code deduped} (a node already printed higher up, in {@code --all}) appended. A
 * link (workspace) lists the dependencies of its folder ({@code resolved} in JSON: {@code file:}
 * and the folder relative to the link's). Without {@code --all} only the root's dependencies are
 * shown, and those of workspaces linked at the top. {@link #problems} lists what makes npm exit
 * with code 1.
 */
public final class Listing {
  private final Node root;
  private final boolean all;
  private final List<String> problems = new ArrayList<>();
  private Map<Node, Node> home = Map.of();
  private final Map<Node, String> invalidSoFar = new java.util.IdentityHashMap<>();
  private final Map<String, String> invalidAt = new java.util.HashMap<>();

  /**
   * @param root the installed tree ({@link InstalledTree})
   * @param all {@code --all}: the whole tree instead of the top level
   */
  public Listing(Node root, boolean all) {
    this.root = root;
    this.all = all;
  }

  /** A child line: the edge (null for an extraneous child), and the node (null when missing). */
  private record Item(String name, Edge edge, Node node) {}

  /**
   * The text output.
   *
   * @param path the project folder as shown on the first line
   * @return the lines, each ending with a newline
   */
  public String text(String path) {
    problems.clear();
    StringBuilder out = new StringBuilder();
    out.append(label(root)).append(' ').append(path).append('\n');
    home = homes();
    children(root, "", out);
    if (items(root).isEmpty()) {
      out.append("└── (empty)\n");
    }
    return out.append('\n').toString();
  }

  /**
   * Where each node is shown expanded: the first place it is reached breadth-first, children in
   * name order (npm ls's visit order); everywhere else it is {@code deduped}.
   */
  private Map<Node, Node> homes() {
    invalidSoFar.clear();
    invalidAt.clear();
    Map<Node, Node> first = new java.util.IdentityHashMap<>();
    first.put(root, null);
    java.util.ArrayDeque<Node> queue = new java.util.ArrayDeque<>(List.of(root));
    while (!queue.isEmpty()) {
      Node n = queue.poll();
      for (Item it : items(n)) {
        Node c = it.node();
        if (c != null
            && it.edge() != null
            && it.edge().error().filter("INVALID"::equals).isPresent()) {
          String from = n == root ? "the root project" : n.location();
          String add = Json.stringify(Json.toTree(it.edge().spec())) + " from " + from;
          invalidSoFar.merge(c, add, (a, b) -> a + ", " + b);
          invalidAt.put(n.location() + "\0" + it.name(), invalidSoFar.get(c));
        }
        if (c != null && !first.containsKey(c)) {
          first.put(c, n);
          if (all || expandsLink(n, it)) {
            queue.add(c);
          }
        }
      }
    }
    return first;
  }

  /** What npm reports as problems (missing, invalid, extraneous), after {@link #text} or json. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  private void children(Node node, String indent, StringBuilder out) {
    List<Item> items = items(node);
    for (int i = 0; i < items.size(); i++) {
      Item it = items.get(i);
      boolean last = i == items.size() - 1;
      Node n = it.node();
      boolean deduped = n != null && home.get(n) != node;
      boolean expand =
          (all || expandsLink(node, it)) && n != null && !deduped && !items(n).isEmpty();
      out.append(indent).append(last ? "└─" : "├─").append(expand ? "┬ " : "─ ");
      out.append(line(node, it, deduped)).append('\n');
      if (expand) {
        children(n, indent + (last ? "  " : "│ "), out);
      }
    }
  }

  private String line(Node from, Item it, boolean deduped) {
    Edge e = it.edge();
    Node n = it.node();
    if (n == null) {
      String kind = e.optional() ? "UNMET OPTIONAL DEPENDENCY " : "UNMET DEPENDENCY ";
      if (!e.optional()) {
        problems.add("missing: " + e.name() + "@" + e.spec() + ", required by " + label(from));
      }
      return kind + e.name() + "@" + e.spec();
    }
    StringBuilder b = new StringBuilder(label(n));
    if (deduped) {
      b.append(" deduped");
    }
    String invalid = invalidAt.get(from.location() + "\0" + it.name());
    if (invalid != null) {
      b.append(" invalid: ").append(invalid);
      problems.add("invalid: " + label(n) + " " + n.location());
    }
    if (e == null) {
      b.append(" extraneous");
      problems.add("extraneous: " + label(n) + " " + n.location());
    }
    return b.toString();
  }

  /**
   * npm ls shows a workspace's own dependencies even without --all (its depth counts as 0): a link
   * at the top reached by a {@code workspace} edge.
   */
  private boolean expandsLink(Node from, Item it) {
    return from == root
        && it.node() != null
        && it.node().isLink()
        && it.edge() != null
        && it.edge().type() == EdgeType.WORKSPACE;
  }

  private List<Item> items(Node shown) {
    Node node = shown.linkTarget().orElse(shown); // a workspace link lists its folder's deps
    Map<String, Item> byName = new LinkedHashMap<>();
    for (Edge e : node.edgesOut().values()) {
      Node to = e.to().orElse(null);
      byName.put(e.name(), new Item(e.name(), e, to));
    }
    for (Node child : node.children().values()) {
      if (!byName.containsKey(child.name()) && child.extraneous()) {
        byName.put(child.name(), new Item(child.name(), null, child));
      }
    }
    List<Item> items = new ArrayList<>(byName.values());
    items.sort((a, b) -> NpmCollation.localeCompare(pkgid(a), pkgid(b)));
    return items;
  }

  /** npm ls sorts by {@code pkgid}: {@code name@version}, or {@code name@spec} when missing. */
  private static String pkgid(Item it) {
    if (it.node() == null) {
      return it.name() + "@" + it.edge().spec();
    }
    return it.name() + "@" + it.node().version().orElse("");
  }

  private static String label(Node n) {
    String name = n.name();
    String version = n.version().orElse("");
    String real = n.packageName().orElse(name);
    if (n.isLink()) {
      Node t = n.linkTarget().orElseThrow();
      return name + "@" + t.version().orElse("") + " -> ./" + t.location();
    }
    if (!real.equals(name)) {
      return name + "@npm:" + real + "@" + version;
    }
    return version.isEmpty() ? name : name + "@" + version;
  }

  /**
   * The {@code --json} output: {@code {version, name, [problems], dependencies: {name: {version,
   * resolved, overridden, [dependencies]}}}}, with {@code {required, missing: true}} for missing
   * ones, nested with {@code --all}.
   *
   * @return the document
   */
  public ObjectNode json() {
    problems.clear();
    ObjectNode o = Json.object();
    root.version().ifPresent(v -> o.put("version", v));
    root.packageName().ifPresent(v -> o.put("name", v));
    home = homes();
    ObjectNode deps = deps(root);
    if (!problems.isEmpty()) {
      ArrayNode p = o.putArray("problems");
      problems.forEach(p::add);
    }
    if (!deps.isEmpty()) {
      o.set("dependencies", deps);
    }
    return o;
  }

  private ObjectNode deps(Node node) {
    ObjectNode out = Json.object();
    for (Item it : items(node)) {
      Node n = it.node();
      ObjectNode d = Json.object();
      line(node, it, false);
      if (n == null) {
        d.put("required", it.edge().spec());
        d.put("missing", true);
      } else {
        n.version().ifPresent(v -> d.put("version", v));
        if (n.isLink()) {
          String at = n.location();
          String dir = at.contains("/") ? at.substring(0, at.lastIndexOf('/')) : "";
          String target = n.linkTarget().orElseThrow().location();
          d.put("resolved", "file:" + PosixPath.relative("/", "/" + dir, "/" + target));
        } else {
          n.resolved().ifPresent(v -> d.put("resolved", v));
        }
        d.put("overridden", it.edge() != null && it.edge().overridden());
        if (it.edge() == null) {
          d.put("extraneous", true);
        }
        if ((all || expandsLink(node, it)) && home.get(n) == node) {
          ObjectNode sub = deps(n);
          if (!sub.isEmpty()) {
            d.set("dependencies", sub);
          }
        }
      }
      out.set(it.name(), d);
    }
    return out;
  }
}
