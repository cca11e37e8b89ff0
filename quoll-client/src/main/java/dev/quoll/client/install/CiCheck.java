package dev.quoll.client.install;

import dev.quoll.client.ClientException;
import dev.quoll.client.tree.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code npm ci}'s check that package.json and the lockfile agree (npm 11's {@code
 * validate-lockfile.js}): every node of the ideal tree, by location, must be in the tree the
 * lockfile describes with the same version.
 */
final class CiCheck {
  private CiCheck() {}

  /**
   * @param virtual the tree read from the lockfile alone
   * @param ideal the ideal tree built from package.json and the lockfile
   * @throws ClientException {@code EUSAGE} with npm's message and one {@code Missing:} or {@code
   *     Invalid:} line per difference
   */
  static void validate(Node virtual, Node ideal) {
    Map<String, Node> locked = new HashMap<>();
    for (Node n : virtual.inventory()) {
      locked.put(n.location(), n);
    }
    List<String> errors = new ArrayList<>();
    for (Node n : ideal.inventory()) {
      Node lock = locked.get(n.location());
      String version = n.version().orElse("undefined");
      if (lock == null) {
        errors.add("Missing: " + n.name() + "@" + version + " from lock file");
      } else if (!lock.version().orElse("undefined").equals(version)) {
        errors.add(
            "Invalid: lock file's "
                + lock.name()
                + "@"
                + lock.version().orElse("undefined")
                + " does not satisfy "
                + n.name()
                + "@"
                + version);
      }
    }
    if (!errors.isEmpty()) {
      throw new ClientException(
          "EUSAGE",
          "`npm ci` can only install packages when your package.json and package-lock.json or"
              + " npm-shrinkwrap.json are in sync. Please update your lock file with `npm install`"
              + " before continuing.\n\n"
              + String.join("\n", errors));
    }
  }
}
