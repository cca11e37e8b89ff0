package dev.quoll.client.install;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.client.lockfile.Lockfile;
import dev.quoll.client.reify.PlaceAhead;
import dev.quoll.core.integrity.Integrity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The packages of a lockfile that {@link PlaceAhead} may place before the ideal tree is built: a
 * prediction of reify's plan read straight from the lockfile's {@code packages} map (npm
 * package-lock v2/v3), so that linking starts before the tree is checked. Being wrong costs only
 * time: reify claims a placement only for the same location and integrity.
 *
 * <p>Taken: the entries under the root's {@code node_modules/} with an {@code http(s)} {@code
 * resolved} and a valid {@code integrity} (registry tarballs, which reify places from the store).
 * Left out: links, {@code inBundle} entries (they arrive inside their bundler), entries with {@code
 * os}, {@code cpu} or {@code libc} (they may not be installed here), entries with {@code
 * hasInstallScript} unless scripts are ignored (reify extracts those from their tarballs), and,
 * when anything is omitted, every {@code dev}, {@code optional}, {@code devOptional} or {@code
 * peer} entry. A v1 lockfile gives none.
 */
final class AheadCandidates {
  private AheadCandidates() {}

  /**
   * @param lock the project's lockfile
   * @param ignoreScripts whether the install ignores scripts
   * @param omit the omitted dependency types
   * @return the candidates in lockfile order
   */
  static List<PlaceAhead.Candidate> of(Lockfile lock, boolean ignoreScripts, Set<Omit> omit) {
    if (!lock.hasPackages()) {
      return List.of();
    }
    List<PlaceAhead.Candidate> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : lock.data().path("packages").properties()) {
      JsonNode n = e.getValue();
      if (!e.getKey().startsWith("node_modules/")
          || !n.isObject()
          || n.path("link").asBoolean(false)
          || n.path("inBundle").asBoolean(false)
          || n.has("os")
          || n.has("cpu")
          || n.has("libc")
          || (!ignoreScripts && n.path("hasInstallScript").asBoolean(false))
          || (!omit.isEmpty() && flagged(n))) {
        continue;
      }
      String resolved = n.path("resolved").asText("");
      if (!resolved.startsWith("https://") && !resolved.startsWith("http://")) {
        continue;
      }
      Optional<Integrity> integrity = Integrity.parse(n.path("integrity").asText(""));
      integrity.ifPresent(i -> out.add(new PlaceAhead.Candidate(e.getKey(), i)));
    }
    return out;
  }

  private static boolean flagged(JsonNode n) {
    for (String f : List.of("dev", "optional", "devOptional", "peer")) {
      if (n.path(f).asBoolean(false)) {
        return true;
      }
    }
    return false;
  }
}
