package dev.quoll.client.install;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.tree.Edge;
import dev.quoll.client.tree.EdgeType;
import dev.quoll.client.tree.Node;
import dev.quoll.core.json.Json;
import dev.quoll.core.tarball.NpmCollation;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code npm ls [names]}: the installed tree as npm 11's {@code ls} command prints it.
 *
 * <p>Contract (npm 11 lib/commands/ls.js): the tree is walked breadth-first from the root; a node's
 * children are its dependency edges (a link's are its target's) plus its extraneous children,
 * sorted by {@code pkgid}; a missing edge becomes an {@code UNMET [OPTIONAL] DEPENDENCY name@spec}
 * item; a node reached a second time is a {@code deduped} copy that is not expanded; an invalid
 * edge appends {@code "spec" from <location>} to its node's {@code invalid} text (copies take the
 * text as it is when they are made). Without {@code --all} or names only the root's children are
 * walked. With names, only the items whose node satisfies one of them, and their ancestors, are
 * shown. A git package shows its {@code resolved} in parentheses. {@link #problems} are the
 * missing, invalid and extraneous lines of the shown items; npm exits 1 when one of them is not
 * {@code extraneous:} ({@link #failed}), or when names matched nothing ({@link #matched}).
 */
public final class Listing {
  private final Node root;
  private final Path project;
  private final int depthToPrint;
  private final List<String> args;
  private final Set<String> problems = new LinkedHashSet<>();
  private final Map<Node, State> states = new IdentityHashMap<>();
  private final Item top;

  /** What npm keeps on a node object while listing. */
  private static final class State {
    String invalid;
    boolean overridden;
  }

  /** One item of the output tree. */
  private static final class Item {
    String name;
    Node node; // null when missing
    boolean copy;
    String missingFrom; // set when missing
    String required = "*";
    EdgeType type = EdgeType.PROD;
    String invalid;
    boolean include;
    boolean requiredLost;
    Item parent;
    int depth;
    final List<Item> kids = new ArrayList<>();
    final Set<String> problems = new LinkedHashSet<>();
  }

  /**
   * Walks the tree.
   *
   * @param root the installed tree ({@link InstalledTree})
   * @param project the project folder (npm's {@code node.path} of the root)
   * @param all {@code --all}: the whole tree instead of the top level
   * @param args package specs to filter by ({@code name}, {@code name@range}); empty for all
   */
  public Listing(Node root, Path project, boolean all, List<String> args) {
    this(root, project, depthToPrint(all, !args.isEmpty(), -1), args);
  }

  /**
   * Walks the tree down to a depth.
   *
   * @param root the installed tree ({@link InstalledTree}, {@link FolderTree#global})
   * @param project the project folder (npm's {@code node.path} of the root)
   * @param depthToPrint the deepest level whose children are walked (0: the root's children only);
   *     see {@link #depthToPrint}
   * @param args package specs to filter by ({@code name}, {@code name@range}); empty for all
   */
  public Listing(Node root, Path project, int depthToPrint, List<String> args) {
    this.root = root;
    this.project = project;
    this.depthToPrint = depthToPrint;
    this.args = List.copyOf(args);
    this.top = walk();
  }

  /**
   * npm 11 ls.js's {@code depthToPrint}: with {@code --all} or names, {@code --depth} or no limit;
   * otherwise {@code --depth} or 0.
   *
   * @param all {@code --all}
   * @param hasArgs whether names were given
   * @param depth {@code --depth}, or a negative number when not given
   * @return the depth ({@link Integer#MAX_VALUE} for no limit)
   */
  public static int depthToPrint(boolean all, boolean hasArgs, int depth) {
    if (all || hasArgs) {
      return depth < 0 ? Integer.MAX_VALUE : depth;
    }
    return Math.max(depth, 0);
  }

  /** The problems of the shown items ({@code missing: ...}, {@code invalid: ...}, ...). */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** Whether npm fails ({@code ELSPROBLEMS}): a problem other than an extraneous package. */
  public boolean failed() {
    return problems.stream().anyMatch(p -> !p.startsWith("extraneous:"));
  }

  /** Whether something matched the names (always true without names). */
  public boolean matched() {
    return top.include;
  }

  private Item walk() {
    Item rootItem = new Item();
    rootItem.name = root.name();
    rootItem.node = root;
    rootItem.include = args.isEmpty();
    Map<String, Node> seen = new HashMap<>();
    seen.put(path(root), root);
    boolean missingSeen = false;
    ArrayDeque<Item> queue = new ArrayDeque<>(List.of(rootItem));
    while (!queue.isEmpty()) {
      Item it = queue.poll();
      visit(it);
      // npm ls.js: a workspace counts as depth 0 wherever it is reached, so its own
      // dependencies are shown even without --all
      int depth = isWorkspace(it.node) ? 0 : it.depth;
      if (it.node == null || it.copy || depth > depthToPrint) {
        continue;
      }
      Node src = it.node.isLink() ? it.node.linkTarget().orElseThrow() : it.node;
      List<Item> kids = new ArrayList<>();
      Set<Node> seenHere = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      for (Edge e : src.edgesOut().values()) {
        kids.add(fromEdge(e, seenHere));
      }
      for (Node c : it.node.children().values()) {
        if (!seenHere.contains(c) && c.extraneous()) {
          Item x = new Item();
          x.name = c.name();
          x.node = c;
          kids.add(x);
        }
      }
      kids.sort((a, b) -> NpmCollation.localeCompare(pkgid(a), pkgid(b)));
      for (Item k : kids) {
        if (k.missingFrom != null) {
          // npm keys seen nodes by path and a missing one has none: every missing item after the
          // first is taken for a copy of it, which does not carry "required" (npm 11's ls.js)
          k.requiredLost = missingSeen;
          missingSeen = true;
        }
        if (k.node != null) {
          String p = path(k.node);
          if (seen.containsKey(p)) {
            k.copy = true;
            k.invalid = state(k.node).invalid;
          } else {
            seen.put(p, k.node);
          }
        }
        k.parent = it;
        k.include = args.isEmpty() || k.node != null && satisfiesArgs(seen.get(path(k.node)));
        k.depth = depth + 1;
        it.kids.add(k);
        queue.add(k);
      }
    }
    return rootItem;
  }

  /**
   * arborist's {@code Node.isWorkspace}: not the root, and the root's edge of that name is a {@code
   * workspace} edge that leads to this node or to a link whose target it is.
   */
  private boolean isWorkspace(Node n) {
    if (n == null || n == root) {
      return false;
    }
    Edge e = root.edgesOut().get(n.name());
    if (e == null || e.type() != EdgeType.WORKSPACE) {
      return false;
    }
    Node to = e.to().orElse(null);
    return to == n || to != null && to.linkTarget().orElse(null) == n;
  }

  private Item fromEdge(Edge e, Set<Node> seenHere) {
    Item k = new Item();
    k.name = e.name();
    Node to = e.to().orElse(null);
    if (e.error().filter("MISSING"::equals).isPresent() || e.optional() && to == null) {
      k.missingFrom = pkgid(e.from());
      to = null;
    }
    k.node = to;
    k.required = e.spec().isEmpty() ? "*" : e.spec();
    k.type = e.type();
    if (to != null) {
      seenHere.add(to);
      State s = state(to);
      s.overridden |= e.overridden();
      if (e.error().filter("INVALID"::equals).isPresent()) {
        String from = e.from().location().isEmpty() ? "the root project" : e.from().location();
        String add = Json.stringify(Json.toTree(k.required)) + " from " + from;
        s.invalid = s.invalid == null ? add : s.invalid + ", " + add;
      }
    }
    return k;
  }

  private void visit(Item it) {
    if (it.node != null && !it.copy) {
      it.invalid = state(it.node).invalid;
    }
    if (it.missingFrom != null && !optional(it)) {
      it.problems.add("missing: " + pkgid(it) + ", required by " + it.missingFrom);
    }
    if (it.invalid != null) {
      it.problems.add("invalid: " + pkgid(it) + " " + path(it.node));
    }
    if (extraneous(it)) {
      it.problems.add("extraneous: " + pkgid(it) + " " + path(it.node));
    }
    if (it.include) {
      problems.addAll(it.problems);
      for (Item p = it.parent; p != null; p = p.parent) {
        p.include = true;
      }
    }
  }

  private State state(Node n) {
    return states.computeIfAbsent(n, k -> new State());
  }

  private static boolean optional(Item it) {
    return it.type == EdgeType.OPTIONAL || it.type == EdgeType.PEER_OPTIONAL;
  }

  private static boolean extraneous(Item it) {
    return it.node != null && !it.copy && it.node.extraneous();
  }

  /** arborist's {@code node.satisfies(spec)} for each name given: same name, version in range. */
  private boolean satisfiesArgs(Node n) {
    if (args.isEmpty()) {
      return true;
    }
    for (String a : args) {
      int at = a.indexOf('@', 1);
      String name = at < 0 ? a : a.substring(0, at);
      String spec = at < 0 ? "*" : a.substring(at + 1);
      if (!name.equals(n.name())) {
        continue;
      }
      if (spec.isEmpty() || spec.equals("*")) {
        return true;
      }
      var range =
          dev.quoll.semver.Range.tryParse(spec, dev.quoll.semver.Options.LOOSE).orElse(null);
      if (range != null && n.version().map(range::test).orElse(false)) {
        return true;
      }
    }
    return false;
  }

  private String path(Node n) {
    return n.location().isEmpty() ? project.toString() : project.resolve(n.location()).toString();
  }

  private static String pkgid(Item it) {
    return it.node == null ? it.name + "@" + it.required : pkgid(it.node);
  }

  /** arborist's {@code pkgid}: {@code name@version}, {@code alias@npm:real@version}. */
  private static String pkgid(Node n) {
    Node p = n.isLink() ? n.linkTarget().orElse(n) : n;
    String name = n.name();
    String version = p.version().orElse("");
    String real = p.packageName().orElse(name);
    if (!real.equals(name) && !n.isLink() && n != n.root()) {
      return name + "@npm:" + real + "@" + version;
    }
    return name + "@" + version;
  }

  /**
   * The text output (archy's tree with unicode lines, as npm prints it).
   *
   * @return the lines, each ending with a newline, and a blank line at the end
   */
  public String text() {
    StringBuilder out = new StringBuilder();
    boolean hasPackage = root.version().isPresent() || root.packageName().isPresent();
    out.append(hasPackage ? pkgid(root) + " " + project : project.toString()).append('\n');
    List<Item> kids = shown(top);
    if (kids.isEmpty()) {
      out.append("└── (empty)\n");
    }
    draw(kids, "", out);
    return out.append('\n').toString();
  }

  /** The included children of an item, in walk order. */
  private static List<Item> shown(Item it) {
    return it.kids.stream().filter(k -> k.include).toList();
  }

  private void draw(List<Item> items, String indent, StringBuilder out) {
    for (int i = 0; i < items.size(); i++) {
      Item it = items.get(i);
      boolean last = i == items.size() - 1;
      List<Item> kids = shown(it);
      out.append(indent).append(last ? "└─" : "├─").append(kids.isEmpty() ? "─ " : "┬ ");
      out.append(label(it)).append('\n');
      draw(kids, indent + (last ? "  " : "│ "), out);
    }
  }

  private String label(Item it) {
    StringBuilder b = new StringBuilder();
    if (it.missingFrom != null) {
      b.append(optional(it) ? "UNMET OPTIONAL DEPENDENCY " : "UNMET DEPENDENCY ");
    }
    b.append(pkgid(it));
    if (it.copy) {
      b.append(" deduped");
    }
    if (it.invalid != null) {
      b.append(" invalid: ").append(it.invalid);
    }
    if (extraneous(it)) {
      b.append(" extraneous");
    }
    if (it.node != null && !it.copy && state(it.node).overridden) {
      b.append(" overridden");
    }
    if (it.node != null && isGit(it.node)) {
      b.append(" (").append(it.node.resolved().orElseThrow()).append(')');
    }
    if (it.node != null && it.node.isLink()) {
      Node t = it.node.linkTarget().orElseThrow();
      b.append(" -> ./").append(t.location());
    }
    return b.toString();
  }

  /**
   * The {@code --json} output: {@code {version, name, [problems], dependencies: {name: {version,
   * resolved, overridden, [extraneous], [invalid], [required, missing], [problems],
   * [dependencies]}}}}; a deduped copy has only {@code version} (and {@code invalid}, {@code
   * problems}).
   *
   * @return the document
   */
  public ObjectNode json() {
    ObjectNode o = item(top);
    if (!problems.isEmpty()) {
      ArrayNode p = o.putArray("problems");
      problems.forEach(p::add);
    }
    addDependencies(top, o);
    return o;
  }

  private void addDependencies(Item it, ObjectNode o) {
    List<Item> kids = shown(it);
    if (kids.isEmpty()) {
      return;
    }
    ObjectNode deps = o.putObject("dependencies");
    for (Item k : kids) {
      ObjectNode d = item(k);
      deps.set(k.name, d);
      addDependencies(k, d);
    }
  }

  private ObjectNode item(Item it) {
    ObjectNode d = Json.object();
    Node n = it.node;
    if (n != null) {
      Node p = n.isLink() ? n.linkTarget().orElse(n) : n;
      p.version().ifPresent(v -> d.put("version", v));
      if (!it.copy) {
        resolved(n).ifPresent(v -> d.put("resolved", v));
        if (n != root) {
          d.put("overridden", state(n).overridden);
        } else if (root.version().isPresent() || root.packageName().isPresent()) {
          d.put("name", root.packageName().orElse(root.name()));
        }
      }
    }
    if (extraneous(it)) {
      d.put("extraneous", true);
    }
    if (it.invalid != null) {
      d.put("invalid", it.invalid);
    }
    if (it.missingFrom != null && !optional(it)) {
      if (!it.requiredLost) {
        d.put("required", it.required);
      }
      d.put("missing", true);
    }
    if (it.include && !it.problems.isEmpty() && it != top) {
      ArrayNode a = d.putArray("problems");
      it.problems.forEach(a::add);
    }
    return d;
  }

  /** npm ls's {@code isGitNode}: {@code resolved} is a git or hosted-git spec. */
  private static boolean isGit(Node n) {
    // a link's resolved is file: and its target (arborist), never git, even when the stored
    // folder ("packages/v") reads like a hosted-git shortcut
    if (n.isLink() || n.resolved().isEmpty()) {
      return false;
    }
    try {
      return dev.quoll.core.spec.PackageSpec.parse(n.resolved().get())
          instanceof dev.quoll.core.spec.GitSpec;
    } catch (dev.quoll.core.CoreException e) {
      return false;
    }
  }

  /** arborist's {@code node.resolved}; a link's is {@code file:} and its target, relative. */
  private java.util.Optional<String> resolved(Node n) {
    if (n.isLink()) {
      Path from = Path.of(path(n)).getParent();
      Node t = n.linkTarget().orElseThrow();
      return java.util.Optional.of("file:" + from.relativize(Path.of(path(t))));
    }
    return n.resolved();
  }
}
