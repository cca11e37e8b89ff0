package dev.quoll.client.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.lockfile.LockfileWriter;
import dev.quoll.client.tree.Edge;
import dev.quoll.client.tree.Node;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.Json;
import dev.quoll.core.json.JsonFormat;
import dev.quoll.core.spec.PackageSpec;
import java.util.List;
import java.util.Set;

/**
 * The lockfile texts an install writes: {@link LockfileWriter}'s output adjusted by config and by
 * what is on disk.
 *
 * <p>Contract: with {@code omit-lockfile-registry-resolved} (npm 11 config), the {@code resolved}
 * field of every registry dependency (a node all of whose incoming edges are registry specs,
 * arborist's {@code isRegistryDependency}) is left out, as arborist's {@code overrideResolves} does
 * in both files. The hidden lockfile also leaves out the locations in {@code absent} (omitted,
 * skipped optional) and everything inside them. Key order, indent and newline are kept.
 */
final class LockfileText {
  private LockfileText() {}

  /** The text of package-lock.json. */
  static String lockfile(Node root, String folder, JsonFormat format, boolean omitResolved) {
    return lockfileFrom(root, LockfileWriter.write(root, folder, format), format, omitResolved);
  }

  /** The text of package-lock.json from {@link LockfileWriter#write}'s {@code text}. */
  static String lockfileFrom(Node root, String text, JsonFormat format, boolean omitResolved) {
    if (!omitResolved) {
      return text;
    }
    ObjectNode doc = (ObjectNode) Json.parse(text);
    omitRegistryResolved(root, doc);
    return print(doc, format);
  }

  /** The text of node_modules/.package-lock.json. */
  static String hidden(
      Node root, String folder, JsonFormat format, boolean omitResolved, Set<String> absent) {
    return hiddenFrom(
        root, LockfileWriter.writeHidden(root, folder, format), format, omitResolved, absent);
  }

  /** The text of node_modules/.package-lock.json from {@link LockfileWriter#writeHidden}'s. */
  static String hiddenFrom(
      Node root, String text, JsonFormat format, boolean omitResolved, Set<String> absent) {
    if (!omitResolved && absent.isEmpty()) {
      return text;
    }
    ObjectNode doc = (ObjectNode) Json.parse(text);
    if (omitResolved) {
      omitRegistryResolved(root, doc);
    }
    if (doc.get("packages") instanceof ObjectNode packages && !absent.isEmpty()) {
      List<String> drop =
          packages.properties().stream()
              .map(java.util.Map.Entry::getKey)
              .filter(loc -> absent.contains(loc) || LocationNesting.insideAny(loc, absent))
              .toList();
      packages.remove(drop);
    }
    return print(doc, format);
  }

  private static void omitRegistryResolved(Node root, ObjectNode doc) {
    JsonNode packages = doc.path("packages");
    for (Node n : root.inventory()) {
      if (n != root
          && packages.get(n.location()) instanceof ObjectNode entry
          && isRegistryDependency(n)) {
        entry.remove("resolved");
      }
    }
  }

  private static boolean isRegistryDependency(Node n) {
    List<Edge> in = n.edgesIn();
    if (in.isEmpty()) {
      return false;
    }
    for (Edge e : in) {
      try {
        if (!PackageSpec.parse(e.name(), e.spec().isEmpty() ? "*" : e.spec()).registry()) {
          return false;
        }
      } catch (CoreException ex) {
        return false;
      }
    }
    return true;
  }

  private static String print(ObjectNode doc, JsonFormat format) {
    String text = Json.stringify(doc, format.indent()) + "\n";
    return format.newline().equals("\n") ? text : text.replace("\n", format.newline());
  }
}
