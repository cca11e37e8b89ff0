package dev.quoll.client.install;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.client.lockfile.Lockfile;
import dev.quoll.client.tree.IdealTreeRequest;
import java.util.List;

/**
 * What the no-op fast path must know about a project's workspaces, beyond {@link UpToDate} (which
 * looks at the root only).
 *
 * <p>Contract: {@link #anyScripts} is true when a workspace's package.json has {@code preinstall},
 * {@code install}, {@code postinstall} or {@code prepare}: arborist's {@code reify} rebuilds the
 * root's links on every install, so those run even when nothing changed. {@link #matchLock} is true
 * when every workspace folder has a lockfile entry whose {@code dependencies}, {@code
 * devDependencies}, {@code optionalDependencies} and {@code peerDependencies} equal its
 * package.json's (an edited workspace package.json, or a new workspace, needs a full install).
 */
final class WorkspaceState {
  private static final List<String> EVENTS =
      List.of("preinstall", "install", "postinstall", "prepare");
  private static final List<String> FIELDS =
      List.of("dependencies", "devDependencies", "optionalDependencies", "peerDependencies");

  private WorkspaceState() {}

  /** Whether any workspace's package.json has one of the install-time scripts. */
  static boolean anyScripts(List<IdealTreeRequest.Workspace> workspaces) {
    return workspaces.stream()
        .anyMatch(
            w ->
                EVENTS.stream()
                    .anyMatch(e -> w.manifest().json().path("scripts").path(e).isTextual()));
  }

  /** Whether the lockfile records every workspace with its package.json's dependency fields. */
  static boolean matchLock(List<IdealTreeRequest.Workspace> workspaces, Lockfile lock) {
    JsonNode packages = lock.data().path("packages");
    for (IdealTreeRequest.Workspace w : workspaces) {
      JsonNode entry = packages.get(w.path());
      if (entry == null) {
        return false;
      }
      for (String f : FIELDS) {
        if (!same(w.manifest().json().path(f), entry.path(f))) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean same(JsonNode a, JsonNode b) {
    boolean aEmpty = !a.isObject() || a.isEmpty();
    boolean bEmpty = !b.isObject() || b.isEmpty();
    return aEmpty || bEmpty ? aEmpty == bEmpty : a.equals(b);
  }
}
