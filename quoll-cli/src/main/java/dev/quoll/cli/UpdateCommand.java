package dev.quoll.cli;

import dev.quoll.client.ClientException;
import dev.quoll.client.install.InstallRequest;
import dev.quoll.client.install.InstallResult;
import dev.quoll.client.install.Installer;
import dev.quoll.client.install.Operation;
import dev.quoll.client.install.WorkspaceFilter;
import dev.quoll.core.spec.PackageSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quoll update [names]} (aliases {@code up}, {@code upgrade}): npm 11's {@code update}:
 * re-resolves the named packages (all when none are named) to the newest versions their ranges
 * allow and writes the lockfile; package.json's ranges are not changed. With {@code -w}/{@code
 * --workspaces}, the whole lockfile is rebuilt but only what the named workspaces need is reified
 * (arborist 9: {@code update} with {@code workspaces}, {@link WorkspaceOptions}).
 */
@Command(
    name = "update",
    aliases = {"up", "upgrade", "udpate"},
    mixinStandardHelpOptions = true,
    description = "Update packages to the newest versions their ranges allow.")
public final class UpdateCommand extends ReifyCommand {
  @Parameters(paramLabel = "<name>", description = "Package names (default: all).")
  List<String> names = new ArrayList<>();

  @Mixin WorkspaceOptions workspaces;

  @Option(
      names = {"-g", "--global"},
      description = "Update the global packages (<prefix>/lib/node_modules) to their latest.")
  boolean global;

  @Override
  public Integer call() {
    if (global) {
      operation(); // the names' check
      return new GlobalUpdate(client, names, ignoreScripts).call();
    }
    return super.call();
  }

  @Override
  InstallResult runInstall(Installer installer, InstallRequest request) {
    Optional<WorkspaceFilter> filter = workspaces.filter(request.project());
    if (filter.isEmpty()) {
      return installer.run(request);
    }
    InstallResult r = installer.run(request, filter.get());
    if (!names.isEmpty()) {
      return r;
    }
    // arborist 9 buildIdealTree: updating all starts from an empty tree, so the named workspaces'
    // folders are not in it yet when the user requests are applied, and each gets this warning
    List<String> warnings = new ArrayList<>();
    for (String name : filter.get().names(request.project())) {
      warnings.add("workspaces " + name + " in filter set, but no workspace folder present");
    }
    warnings.addAll(r.warnings());
    return new InstallResult(
        r.added(),
        r.removed(),
        r.changed(),
        r.total(),
        r.fastPath(),
        warnings,
        r.actions(),
        r.changes());
  }

  /**
   * {@inheritDoc}
   *
   * @throws ClientException {@code EUPDATEARGS} when a name is not a bare package name (arborist
   *     build-ideal-tree: no ranges or tags, e.g. {@code a@^1.0.0})
   */
  @Override
  Operation operation() {
    for (String n : names) {
      String bare = PackageSpec.parse(n).name().orElse("");
      if (!bare.equals(n)) {
        throw new ClientException(
            "EUPDATEARGS",
            "Update arguments must only contain package names, eg:\n    npm update "
                + (bare.isEmpty() ? n : bare));
      }
    }
    return new Operation.Update(names);
  }
}
