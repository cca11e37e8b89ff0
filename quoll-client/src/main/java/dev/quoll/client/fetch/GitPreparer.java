package dev.quoll.client.fetch;

import java.nio.file.Path;

/**
 * Prepares a checked-out git dependency before it is packed, as pacote 21's {@code GitFetcher} does
 * (its {@code #prepareDir}: {@code npm install --force --no-save --include=dev} in the clone, which
 * runs the clone's own install scripts, {@code prepare} among them; then {@code DirFetcher} runs
 * {@code prepare} once more before packing). The installer provides the implementation, so the
 * clone is installed with the same registry, config and cache as the project.
 */
@FunctionalInterface
public interface GitPreparer {
  /**
   * Prepares the folder in place (its node_modules is never packed).
   *
   * @param packageDir the checked-out package folder (the {@code #path:} subfolder when given)
   * @param resolved the git dependency's {@code resolved}, for messages
   * @throws dev.quoll.client.ClientException {@code EGITPREPARE} when the install or a script fails
   *     (npm's "git dep preparation failed")
   */
  void prepare(Path packageDir, String resolved);
}
