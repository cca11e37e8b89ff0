package dev.quoll.cli;

import dev.quoll.client.install.InstallRequest;
import dev.quoll.client.install.InstallResult;
import dev.quoll.client.install.Installer;
import dev.quoll.client.install.Operation;
import dev.quoll.client.install.WorkspaceFilter;
import dev.quoll.client.install.WorkspaceInstall;
import dev.quoll.core.manifest.DependencyType;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quoll install [specs]} (aliases {@code i}, {@code add}): npm 11's {@code install}. Without
 * specs, installs what package.json and the lockfile say (nothing at all when node_modules already
 * matches); with specs, adds them and saves them to package.json ({@code -D}, {@code -O}, {@code
 * -E}, {@code --no-save}); with {@code -w}/{@code --workspaces}, to workspaces ({@link
 * WorkspaceInstall}).
 */
@Command(
    name = "install",
    aliases = {"i", "add"},
    mixinStandardHelpOptions = true,
    description = "Install a project's dependencies, or add packages.")
public final class InstallCommand extends ReifyCommand {
  @Parameters(
      paramLabel = "<spec>",
      description =
          "Packages to add: name, name@range, name@tag, alias@npm:name@range, a tarball URL,"
              + " a folder or tarball path (file:), a git URL or host shortcut (github:u/r).")
  List<String> specs = new ArrayList<>();

  @Option(
      names = {"-D", "--save-dev"},
      description = "Save to devDependencies.")
  boolean saveDev;

  @Option(
      names = {"-O", "--save-optional"},
      description = "Save to optionalDependencies.")
  boolean saveOptional;

  @Option(
      names = {"-E", "--save-exact"},
      description = "Save the exact version instead of ^version.")
  boolean saveExact;

  @Option(
      names = {"-P", "--save-prod"},
      description = "Save to dependencies (the default).")
  boolean saveProd;

  @Option(names = "--save", description = "Save to package.json and the lockfile (the default).")
  boolean saveFlag;

  @Option(names = "--no-save", description = "Save neither package.json nor the lockfile.")
  boolean noSave;

  @Option(
      names = {"-g", "--global"},
      description = "Install packages into the global prefix (<prefix>/lib/node_modules).")
  boolean global;

  @Option(
      names = {"-w", "--workspace"},
      paramLabel = "<name>",
      description =
          "Add the packages to this workspace (name or folder; repeatable); without"
              + " packages, install only what this workspace needs.")
  List<String> workspace = new ArrayList<>();

  @Option(
      names = "--workspaces",
      description =
          "Add the packages to every workspace (without packages: install only what"
              + " the workspaces need, not the root's own dependencies).")
  boolean workspaces;

  @Option(
      names = "--include-workspace-root",
      description =
          "With -w/--workspaces, add the packages to the root as well (without packages:"
              + " install the root's dependencies too).")
  boolean includeWorkspaceRoot;

  @Override
  InstallResult runInstall(Installer installer, InstallRequest request) {
    if (workspace.isEmpty() && !workspaces) {
      return installer.run(request);
    }
    if (specs.isEmpty()) {
      return installer.run(
          request,
          WorkspaceFilter.of(request.project(), workspace, workspaces, includeWorkspaceRoot));
    }
    return WorkspaceInstall.run(installer, request, workspace, workspaces, includeWorkspaceRoot);
  }

  @Override
  Operation operation() {
    DependencyType type =
        saveDev ? DependencyType.DEV : saveOptional ? DependencyType.OPTIONAL : DependencyType.PROD;
    return new Operation.Install(specs, type, saveExact);
  }

  @Override
  boolean save() {
    return !noSave;
  }

  @Override
  public Integer call() {
    if (global) {
      return new GlobalInstall(client, specs, ignoreScripts, dryRun).call();
    }
    return super.call();
  }
}
