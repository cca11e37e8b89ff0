package dev.quoll.client.install;

import dev.quoll.client.ClientException;
import dev.quoll.client.tree.Node;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * npm's {@code --omit} values: dependency types that stay in the lockfile but are not placed in
 * node_modules (npm 11 config {@code omit}; arborist 9's {@code Node.shouldOmit}).
 */
public enum Omit {
  /** {@code --omit=dev}. */
  DEV,
  /** {@code --omit=optional}. */
  OPTIONAL,
  /** {@code --omit=peer}. */
  PEER;

  /**
   * Parses {@code dev}, {@code optional}, {@code peer} (any case).
   *
   * @param values the flag values
   * @return the set
   * @throws ClientException {@code EUSAGE} for another value
   */
  public static Set<Omit> parse(Collection<String> values) {
    Set<Omit> out = EnumSet.noneOf(Omit.class);
    for (String v : values) {
      for (String part : v.split(",")) {
        if (part.isBlank()) {
          continue;
        }
        try {
          out.add(valueOf(part.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new ClientException(
              "EUSAGE", "Invalid value for omit: " + part + " (dev, optional or peer)");
        }
      }
    }
    return out;
  }

  /**
   * Whether a node is left out of node_modules: arborist's {@code shouldOmit} (peer with {@code
   * peer}, dev with {@code dev}, optional with {@code optional}, dev-optional with both).
   *
   * @param node a placed node
   * @param omit the omitted types
   * @return true to leave it out
   */
  public static boolean omits(Node node, Set<Omit> omit) {
    if (omit.isEmpty()) {
      return false;
    }
    return node.peer() && omit.contains(PEER)
        || node.dev() && omit.contains(DEV)
        || node.optional() && omit.contains(OPTIONAL)
        || node.devOptional() && omit.contains(DEV) && omit.contains(OPTIONAL);
  }
}
