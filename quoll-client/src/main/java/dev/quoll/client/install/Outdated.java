package dev.quoll.client.install;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.tree.Edge;
import dev.quoll.client.tree.Engines;
import dev.quoll.client.tree.ManifestPicker;
import dev.quoll.client.tree.Node;
import dev.quoll.client.tree.PackumentSource;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.Json;
import dev.quoll.core.packument.Packument;
import dev.quoll.core.spec.AliasSpec;
import dev.quoll.core.spec.PackageSpec;
import dev.quoll.core.spec.RegistrySpec;
import dev.quoll.core.tarball.NpmCollation;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code npm outdated}: the root's registry dependencies whose installed version is missing, is not
 * the version their range picks ({@code wanted}), or whose {@code wanted} is not what {@code *}
 * picks ({@code latest}) (npm 11's {@code outdated} command, depth 0).
 *
 * <p>Contract: {@code wanted} and {@code latest} are npm-pick-manifest 11's choices with npm's
 * {@code nodeVersion} and {@code npmVersion} ({@link ManifestPicker} with {@link Engines}): the
 * {@code latest} dist-tag when the range allows it and it is neither deprecated nor refused by its
 * {@code engines}, else the highest allowed version preferring ones that are not deprecated and
 * pass {@code engines}. So {@code latest} is not always the {@code latest} dist-tag. One {@link
 * Row} per outdated dependency, sorted by name; {@code current} is {@code MISSING} text-wise when
 * not installed; a dependency whose range matches no version ({@code ETARGET}) or whose packument
 * is refused ({@code E403}, {@code E404}) is left out, as npm does, and so is a missing dev or peer
 * dependency; packuments are fetched in parallel. Non-registry specs (files, git, URLs) are
 * skipped.
 */
public final class Outdated {
  private static final java.util.Set<String> SKIPPED = java.util.Set.of("ETARGET", "E403", "E404");
  private static final RegistrySpec ANY = (RegistrySpec) PackageSpec.parse("x", "*");

  private Outdated() {}

  /**
   * One outdated dependency.
   *
   * @param name the dependency name
   * @param current the installed version, empty when missing
   * @param wanted the newest version the range allows
   * @param latest the version npm's picker gives for {@code *} (the {@code latest} dist-tag unless
   *     it is deprecated or otherwise passed over)
   * @param location the installed folder relative to the project ({@code node_modules/<name>})
   * @param type {@code dependencies}, {@code devDependencies}, ...
   */
  public record Row(
      String name, String current, String wanted, String latest, String location, String type) {}

  /**
   * @param tree the installed tree ({@link InstalledTree})
   * @param source packuments
   * @return the outdated dependencies
   * @throws CoreException when a packument cannot be fetched
   */
  public static List<Row> of(Node tree, PackumentSource source) {
    return of(tree, source, Engines.none());
  }

  /**
   * As {@link #of(Node, PackumentSource)}, picking with engine checks as npm does.
   *
   * @param tree the installed tree ({@link InstalledTree})
   * @param source packuments
   * @param engines the node and npm versions versions are checked against ({@link Engines#detect()}
   *     for the node on the PATH and npm 11)
   * @return the outdated dependencies
   * @throws CoreException when a packument cannot be fetched
   */
  public static List<Row> of(Node tree, PackumentSource source, Engines engines) {
    List<Edge> edges = new ArrayList<>();
    List<String> real = new ArrayList<>();
    for (Edge e : tree.edgesOut().values()) {
      PackageSpec spec;
      try {
        spec = PackageSpec.parse(e.name(), e.spec().isEmpty() ? "*" : e.spec());
      } catch (CoreException ex) {
        continue;
      }
      if (spec instanceof AliasSpec a) {
        spec = a.subSpec();
      }
      if (spec instanceof RegistrySpec r) {
        edges.add(e);
        real.add(r.name().orElse(e.name()));
      }
    }
    source.prefetch(real);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < edges.size(); i++) {
      Edge e = edges.get(i);
      PackageSpec spec = PackageSpec.parse(e.name(), e.spec().isEmpty() ? "*" : e.spec());
      RegistrySpec r = (RegistrySpec) (spec instanceof AliasSpec a ? a.subSpec() : spec);
      Node installed = e.to().orElse(null);
      String type = typeOf(e);
      if (e.error().filter("MISSING"::equals).isPresent() && !type.equals("dependencies")) {
        // npm: a missing dev (or peer) dependency is not listed; a missing optional one is (its
        // edge has no error)
        continue;
      }
      String wanted;
      String latest;
      try {
        Packument p = source.packument(real.get(i));
        wanted = ManifestPicker.pick(p, r, engines).version();
        latest = ManifestPicker.pick(p, ANY, engines).version();
      } catch (CoreException ex) {
        if (SKIPPED.contains(ex.code())) {
          continue;
        }
        throw ex;
      }
      String current = installed == null ? "" : installed.version().orElse("");
      if (current.isEmpty() || !current.equals(wanted) || !wanted.equals(latest)) {
        rows.add(
            new Row(
                // npm 11 outdated.js names an alias by its spec with "npm" replaced: al:a@~1.0.0
                spec instanceof AliasSpec ? e.spec().replaceFirst("npm", e.name()) : e.name(),
                current,
                wanted,
                latest,
                installed == null ? "" : installed.location(),
                type));
      }
    }
    rows.sort((a, b) -> NpmCollation.localeCompare(a.name(), b.name()));
    return rows;
  }

  private static String typeOf(Edge e) {
    return switch (e.type()) {
      case DEV -> "devDependencies";
      case OPTIONAL -> "optionalDependencies";
      case PEER, PEER_OPTIONAL -> "peerDependencies";
      case PROD, WORKSPACE -> "dependencies";
    };
  }

  /**
   * npm's table: {@code Package Current Wanted Latest Location Depended by}, columns padded, {@code
   * Current}, {@code Wanted} and {@code Latest} aligned right (npm 11 outdated.js).
   *
   * @param rows the rows
   * @param dependent the project folder's name ({@code Depended by})
   * @return the text, or empty when nothing is outdated
   */
  public static String table(List<Row> rows, String dependent) {
    if (rows.isEmpty()) {
      return "";
    }
    List<String[]> cells = new ArrayList<>();
    cells.add(new String[] {"Package", "Current", "Wanted", "Latest", "Location", "Depended by"});
    for (Row r : rows) {
      cells.add(
          new String[] {
            r.name(),
            r.current().isEmpty() ? "MISSING" : r.current(),
            r.wanted(),
            r.latest(),
            r.location().isEmpty() ? "-" : r.location(),
            dependent
          });
    }
    int[] width = new int[6];
    for (String[] c : cells) {
      for (int i = 0; i < 6; i++) {
        width[i] = Math.max(width[i], c[i].length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (String[] c : cells) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < 6; i++) {
        String pad = " ".repeat(width[i] - c[i].length());
        boolean right = i >= 1 && i <= 3; // npm's align: l, r, r, r, l, l
        line.append(right ? pad + c[i] : c[i] + pad);
        if (i < 5) {
          line.append("  ");
        }
      }
      b.append(line.toString().stripTrailing()).append('\n');
    }
    return b.toString();
  }

  /**
   * npm's {@code --json}: name to {@code {current, wanted, latest, dependent, location}} ({@code
   * current} left out when missing; {@code location} absolute).
   *
   * @param rows the rows
   * @param project the project folder
   * @return the document
   */
  public static ObjectNode json(List<Row> rows, java.nio.file.Path project) {
    return json(rows, project, project.getFileName().toString());
  }

  /**
   * As {@link #json(List, java.nio.file.Path)} with another {@code dependent} ({@code global} for
   * {@code outdated -g}, whose folder is {@code <prefix>/lib}).
   *
   * @param rows the rows
   * @param folder the folder locations are relative to
   * @param dependent the {@code dependent} value
   * @return the document
   */
  public static ObjectNode json(List<Row> rows, java.nio.file.Path folder, String dependent) {
    java.nio.file.Path project = folder;
    ObjectNode o = Json.object();
    for (Row r : rows) {
      ObjectNode d = o.putObject(r.name());
      if (!r.current().isEmpty()) {
        d.put("current", r.current());
      }
      d.put("wanted", r.wanted());
      d.put("latest", r.latest());
      d.put("dependent", dependent);
      if (!r.location().isEmpty()) {
        d.put("location", project.resolve(r.location()).toString());
      }
    }
    return o;
  }
}
