package dev.quoll.client.install;

import dev.quoll.client.tree.IdealTreeRequest.ResolveOptions;
import java.nio.file.Path;
import java.util.Set;

/**
 * One install run.
 *
 * @param project the project folder (npm's {@code localPrefix}, holding package.json)
 * @param operation what to do
 * @param save write package.json and the lockfile ({@code --no-save} turns both off, as npm)
 * @param omit dependency types kept in the lockfile but not placed ({@code --omit})
 * @param ignoreScripts {@code --ignore-scripts}
 * @param dryRun {@code --dry-run}: report, write nothing
 * @param resolve the tree building switches ({@code --legacy-peer-deps}, {@code --force}, ...)
 */
public record InstallRequest(
    Path project,
    Operation operation,
    boolean save,
    Set<Omit> omit,
    boolean ignoreScripts,
    boolean dryRun,
    ResolveOptions resolve) {
  /** Copies the set and makes the path absolute. */
  public InstallRequest {
    project = project.toAbsolutePath().normalize();
    omit = Set.copyOf(omit);
  }

  /** A request with npm's defaults for an operation. */
  public static InstallRequest of(Path project, Operation operation) {
    return new InstallRequest(
        project, operation, true, Set.of(), false, false, ResolveOptions.DEFAULT);
  }
}
