package dev.quoll.cli;

import dev.quoll.client.install.WorkspaceFilter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * npm's workspace flags for a command that reifies ({@code -w/--workspace}, {@code --workspaces},
 * {@code --include-workspace-root}), as a picocli mixin.
 */
final class WorkspaceOptions {
  @Option(
      names = {"-w", "--workspace"},
      paramLabel = "<name>",
      description = "Only this workspace's dependencies (name or folder; repeatable).")
  List<String> workspace = new ArrayList<>();

  @Option(names = "--workspaces", description = "Only the workspaces' dependencies.")
  boolean workspaces;

  @Option(
      names = "--include-workspace-root",
      description = "With -w/--workspaces, the root's own dependencies too.")
  boolean includeWorkspaceRoot;

  /**
   * The filter the flags ask for.
   *
   * @param project the project folder
   * @return the filter, or empty without {@code -w}/{@code --workspaces}
   * @throws dev.quoll.client.ClientException {@code ENOWORKSPACES} when a name matches no workspace
   */
  Optional<WorkspaceFilter> filter(Path project) {
    if (workspace.isEmpty() && !workspaces) {
      return Optional.empty();
    }
    return Optional.of(WorkspaceFilter.of(project, workspace, workspaces, includeWorkspaceRoot));
  }
}
