package dev.quoll.client.install;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.client.ClientException;
import dev.quoll.core.json.Json;
import dev.quoll.core.manifest.DependencyType;
import dev.quoll.core.manifest.Manifest;
import dev.quoll.core.spec.AliasSpec;
import dev.quoll.core.spec.PackageSpec;
import dev.quoll.core.spec.RegistrySpec;
import dev.quoll.core.spec.SpecType;
import dev.quoll.semver.Options;
import dev.quoll.semver.Semver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code npm install <specs> -w <name>} / {@code --workspaces} / {@code --include-workspace-root}:
 * the specs are added to the named workspaces' package.json (and to the root's only with {@code
 * --include-workspace-root}), then the project is installed.
 *
 * <p>Contract: workspace names (or folders) are looked up with {@link WorkspaceGlobs}; an unknown
 * one fails with npm's {@code ENOWORKSPACES} before anything is written. Each spec is written into
 * each target workspace's dependency field of the save type, or without one the field that already
 * has the package (arborist's {@code inferSaveType}; the raw spec, {@code *} for none), then one
 * install runs (with the specs for the root when it is included, else a plain one), reifying only
 * what the target workspaces (and with {@code --include-workspace-root} the root) need ({@link
 * WorkspaceFilter}, as npm 11 filters it). After it, a spec that was empty, a tag, a version,
 * {@code *}, or a range that {@code ^version} is a subset of, is saved as {@code ^version} of the
 * version the workspace resolves (its own node_modules first, then the root's; the exact version
 * with save-exact), and a second, plain install writes that into the lockfile. Without save ({@code
 * --no-save}) the workspace files are put back as they were after the install. A failure puts every
 * workspace package.json back and is rethrown (node_modules and the root files are rolled back by
 * the installer).
 */
public final class WorkspaceInstall {
  private WorkspaceInstall() {}

  /**
   * Runs the install.
   *
   * @param installer the installer
   * @param request an {@code install} with specs (its operation gives the specs and save type)
   * @param names the {@code -w} values (workspace names or folders); empty with {@code all}
   * @param all {@code --workspaces}: every workspace
   * @param includeRoot {@code --include-workspace-root}: the root also gets the specs
   * @return the result of the first install
   * @throws ClientException {@code ENOWORKSPACES}, and whatever the installer throws
   */
  public static InstallResult run(
      Installer installer,
      InstallRequest request,
      List<String> names,
      boolean all,
      boolean includeRoot) {
    Operation.Install op = (Operation.Install) request.operation();
    Path root = request.project();
    List<String> targets = WorkspaceFilter.folders(root, names, all);
    Map<Path, String> backup = new LinkedHashMap<>();
    Map<String, DependencyType> types = new LinkedHashMap<>();
    try {
      for (String t : targets) {
        Path pj = root.resolve(t).resolve("package.json");
        backup.putIfAbsent(pj, Files.readString(pj));
        Manifest m = Manifest.read(pj);
        for (String spec : op.specs()) {
          PackageSpec s = PackageSpec.parse(spec);
          String name = name(s, spec);
          DependencyType type = DependencyType.inferred(op.saveType(), m.json(), name);
          types.put(t + "\u0000" + name, type);
          m = m.withDependency(type, name, s.rawSpec().isEmpty() ? "*" : s.rawSpec());
        }
        Project.writeAtomically(pj, m.text());
      }
      Operation first = includeRoot ? op : Operation.Install.plain();
      Optional<WorkspaceFilter> filter = Optional.of(new WorkspaceFilter(targets, includeRoot));
      InstallResult result = installer.run(with(request, first), false, filter);
      if (!request.save()) {
        restore(backup);
        return result;
      }
      boolean changed = false;
      for (String t : targets) {
        Path pj = root.resolve(t).resolve("package.json");
        Manifest m = Manifest.read(pj);
        for (String spec : op.specs()) {
          PackageSpec s = PackageSpec.parse(spec);
          String name = name(s, spec);
          String version = placedVersion(root, t, name);
          if (version != null && savesPlaced(s, version, op.saveExact())) {
            String v = (op.saveExact() ? "" : "^") + version;
            String save =
                s instanceof AliasSpec a ? "npm:" + a.subSpec().name().orElse("") + "@" + v : v;
            m = m.withDependency(types.get(t + "\u0000" + name), name, save);
            changed = true;
          }
        }
        Project.writeAtomically(pj, m.text());
      }
      if (changed) {
        installer.run(with(request, Operation.Install.plain()), false, filter);
      }
      return result;
    } catch (IOException e) {
      restore(backup);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      restore(backup);
      throw e;
    }
  }

  private static String name(PackageSpec s, String raw) {
    return s.name()
        .orElseThrow(
            () -> new ClientException("EUNSUPPORTEDPROTOCOL", "Quoll cannot add " + raw + " yet"));
  }

  private static InstallRequest with(InstallRequest r, Operation op) {
    return new InstallRequest(
        r.project(), op, r.save(), r.omit(), r.ignoreScripts(), r.dryRun(), r.resolve());
  }

  private static void restore(Map<Path, String> backup) {
    backup.forEach(Project::writeAtomically);
  }

  /** The version the workspace resolves {@code name} to: its node_modules, then the root's. */
  private static String placedVersion(Path root, String ws, String name) {
    for (Path p :
        List.of(
            root.resolve(ws).resolve("node_modules").resolve(name).resolve("package.json"),
            root.resolve("node_modules").resolve(name).resolve("package.json"))) {
      if (Files.isRegularFile(p)) {
        try {
          JsonNode j = Json.parse(Files.readAllBytes(p));
          if (j.path("version").isTextual()) {
            return j.path("version").textValue();
          }
        } catch (IOException | RuntimeException e) {
          return null;
        }
      }
    }
    return null;
  }

  /** npm 11 reify's save rule, as the root's ({@code RootSetup}). */
  private static boolean savesPlaced(PackageSpec spec, String version, boolean exact) {
    PackageSpec inner = spec instanceof AliasSpec a ? a.subSpec() : spec;
    if (!(inner instanceof RegistrySpec r)) {
      return false;
    }
    if (spec.rawSpec().isEmpty() || r.type() != SpecType.RANGE) {
      return true;
    }
    String range = r.fetchSpec().orElse("").strip();
    return range.isEmpty()
        || range.equals("*")
        || Semver.subset((exact ? "" : "^") + version, range, Options.LOOSE);
  }
}
