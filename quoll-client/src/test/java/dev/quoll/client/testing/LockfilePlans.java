package dev.quoll.client.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.client.reify.PackageSource;
import dev.quoll.client.reify.PlacedPackage;
import dev.quoll.core.integrity.Integrity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only conversion of an npm package-lock.json (v2/v3) {@code packages} map into a reify plan
 * (the real lockfile reader lives elsewhere). Bundled entries ({@code inBundle}) are left out (they
 * come inside their parent's tarball), as are optional entries whose {@code os}/{@code cpu} exclude
 * linux-x64 (what npm's ideal tree drops).
 */
public final class LockfilePlans {
  private LockfilePlans() {}

  /**
   * @param lock the parsed lockfile
   * @param registry the registry base URL (with a trailing slash) for entries without {@code
   *     resolved} (written with {@code omit-lockfile-registry-resolved})
   * @return the placed packages
   */
  public static List<PlacedPackage> plan(JsonNode lock, String registry) {
    List<PlacedPackage> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : lock.path("packages").properties()) {
      String loc = e.getKey();
      JsonNode p = e.getValue();
      if (loc.isEmpty()
          || !loc.startsWith("node_modules/")
          || p.path("inBundle").asBoolean(false)) {
        continue;
      }
      if (p.path("optional").asBoolean(false)
          && (!allows(p.get("os"), "linux") || !allows(p.get("cpu"), "x64"))) {
        continue;
      }
      String folderName =
          loc.substring(loc.lastIndexOf("node_modules/") + "node_modules/".length());
      String name = p.path("name").asText(folderName);
      String version = p.path("version").asText("");
      Map<String, String> bin = new LinkedHashMap<>();
      p.path("bin").properties().forEach(b -> bin.put(b.getKey(), b.getValue().asText()));
      PackageSource source;
      if (p.path("link").asBoolean(false)) {
        source = new PackageSource.Link(p.path("resolved").asText());
      } else {
        String resolved = p.path("resolved").asText("");
        if (resolved.isEmpty()) {
          String base = name.contains("/") ? name.substring(name.indexOf('/') + 1) : name;
          resolved = registry + name + "/-/" + base + "-" + version + ".tgz";
        }
        source =
            new PackageSource.Tarball(
                resolved, Integrity.parse(p.path("integrity").asText()).orElseThrow());
      }
      out.add(
          new PlacedPackage(
              loc,
              name,
              version,
              source,
              bin,
              p.path("hasInstallScript").asBoolean(false),
              p.path("optional").asBoolean(false),
              p.path("dev").asBoolean(false),
              p.path("peer").asBoolean(false)));
    }
    return out;
  }

  private static boolean allows(JsonNode list, String value) {
    if (list == null || !list.isArray() || list.isEmpty()) {
      return true;
    }
    boolean anyPositive = false;
    for (JsonNode n : list) {
      String s = n.asText();
      if (s.equals("!" + value)) {
        return false;
      }
      if (!s.startsWith("!")) {
        anyPositive = true;
        if (s.equals(value)) {
          return true;
        }
      }
    }
    return !anyPositive;
  }
}
