package dev.quoll.client.install;

import dev.quoll.core.manifest.DependencyType;
import java.util.List;

/**
 * What an install run is asked to do: npm 11's arborist commands ({@code install}, {@code ci},
 * {@code uninstall}, {@code update}, {@code dedupe}, {@code prune}).
 */
public sealed interface Operation {
  /**
   * {@code npm install [specs]}: the lockfile's tree, changed only where package.json or the specs
   * ask.
   *
   * @param specs specs to add ({@code name}, {@code name@range}, {@code name@tag}, {@code
   *     alias@npm:name@range}); empty for a plain install
   * @param saveType the dependency field the specs are saved to
   * @param saveExact save the exact version instead of {@code ^version}
   */
  record Install(List<String> specs, DependencyType saveType, boolean saveExact)
      implements Operation {
    /** Copies the list. */
    public Install {
      specs = List.copyOf(specs);
    }

    /** A plain {@code install} without specs. */
    public static Install plain() {
      return new Install(List.of(), DependencyType.PROD, false);
    }
  }

  /** {@code npm ci}: exactly the lockfile, from an empty node_modules; package.json must agree. */
  record Ci() implements Operation {}

  /**
   * {@code npm uninstall <names>}: removes the names from every dependency field and the tree.
   *
   * @param names package names
   */
  record Uninstall(List<String> names) implements Operation {
    /** Copies the list. */
    public Uninstall {
      names = List.copyOf(names);
    }
  }

  /**
   * {@code npm update [names]}: re-resolves the names (all dependencies when empty) to the newest
   * versions their ranges allow; package.json is not changed.
   *
   * @param names package names, or empty for all
   */
  record Update(List<String> names) implements Operation {
    /** Copies the list. */
    public Update {
      names = List.copyOf(names);
    }
  }

  /** {@code npm dedupe}: re-resolves duplicated packages preferring one shared copy. */
  record Dedupe() implements Operation {}

  /** {@code npm prune}: removes packages no dependency needs (and omitted ones). */
  record Prune() implements Operation {}
}
