package dev.quoll.client.install;

import dev.quoll.client.tree.IdealTreeRequest;
import java.util.List;

/**
 * Whether a project's workspaces have install-time scripts: arborist's {@code reify} rebuilds the
 * links of the root on every install, so their {@code preinstall}, {@code install}, {@code
 * postinstall} and {@code prepare} run even when nothing changed, and the no-op fast path must not
 * skip them.
 */
final class WorkspaceScripts {
  private static final List<String> EVENTS =
      List.of("preinstall", "install", "postinstall", "prepare");

  private WorkspaceScripts() {}

  /** Whether any workspace's package.json has one of the install-time scripts. */
  static boolean any(List<IdealTreeRequest.Workspace> workspaces) {
    return workspaces.stream()
        .anyMatch(
            w ->
                EVENTS.stream()
                    .anyMatch(e -> w.manifest().json().path("scripts").path(e).isTextual()));
  }
}
