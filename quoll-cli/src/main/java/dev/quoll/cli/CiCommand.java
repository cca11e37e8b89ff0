package dev.quoll.cli;

import dev.quoll.client.install.InstallRequest;
import dev.quoll.client.install.InstallResult;
import dev.quoll.client.install.Installer;
import dev.quoll.client.install.Operation;
import dev.quoll.client.install.WorkspaceFilter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code quoll ci} (aliases {@code clean-install}, {@code install-clean}): npm 11's {@code ci}:
 * exactly the lockfile into an emptied node_modules; refuses (npm's {@code EUSAGE} message) when
 * there is no lockfile or package.json and the lockfile disagree; never writes package.json or the
 * lockfile. With {@code -w}/{@code --workspaces}, every node_modules (root and workspaces) is still
 * emptied, but only what the named workspaces need is installed ({@link WorkspaceFilter}).
 */
@Command(
    name = "ci",
    aliases = {"clean-install", "install-clean", "isntall-clean"},
    mixinStandardHelpOptions = true,
    description = "Clean install exactly what the lockfile says.")
public final class CiCommand extends ReifyCommand {
  @Option(
      names = {"-w", "--workspace"},
      paramLabel = "<name>",
      description = "Install only what this workspace needs (name or folder; repeatable).")
  List<String> workspace = new ArrayList<>();

  @Option(names = "--workspaces", description = "Install only what the workspaces need.")
  boolean workspaces;

  @Option(
      names = "--include-workspace-root",
      description = "With -w/--workspaces, install the root's dependencies too.")
  boolean includeWorkspaceRoot;

  @Override
  InstallResult runInstall(Installer installer, InstallRequest request) {
    if (workspace.isEmpty() && !workspaces) {
      return installer.run(request);
    }
    return installer.run(
        request,
        WorkspaceFilter.of(request.project(), workspace, workspaces, includeWorkspaceRoot));
  }

  @Override
  Operation operation() {
    return new Operation.Ci();
  }

  @Override
  boolean save() {
    return false;
  }
}
