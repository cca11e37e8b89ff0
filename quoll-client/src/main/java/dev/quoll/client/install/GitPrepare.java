package dev.quoll.client.install;

import dev.quoll.client.ClientException;
import dev.quoll.client.fetch.GitPreparer;
import dev.quoll.client.reify.ProjectScripts;
import dev.quoll.client.reify.ReifyOptions;
import dev.quoll.client.tree.IdealTreeRequest.ResolveOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Quoll's {@link GitPreparer}: what pacote 21's {@code GitFetcher} and {@code DirFetcher} do to a
 * checked-out git dependency that needs preparing, with Quoll's own installer in place of the npm
 * CLI.
 *
 * <p>Contract: first the equivalent of {@code npm install --force --no-save --include=dev
 * --include=peer --include=optional} in the checkout (the same installer: same registry, config,
 * cache and platform; nothing omitted; package.json and package-lock.json of the checkout not
 * written; its own install scripts run, {@code preinstall} through {@code postprepare}, without
 * banners), then its {@code prepare} script once more (DirFetcher's). Any failure is rethrown as
 * {@code EGITPREPARE} ("git dep preparation failed", npm's message) with the cause. Known
 * differences: the checkout's own {@code .npmrc} is not read, and script output is not captured.
 */
final class GitPrepare implements GitPreparer {
  private final Installer installer;
  private final ReifyOptions options;

  GitPrepare(Installer installer, ReifyOptions options) {
    this.installer = installer.withScriptBanner(Optional.empty());
    this.options = options.withIgnoreScripts(false).withDryRun(false);
  }

  @Override
  public void prepare(Path packageDir, String resolved) {
    try {
      installer.run(
          new InstallRequest(
              packageDir,
              Operation.Install.plain(),
              false,
              Set.of(),
              false,
              false,
              new ResolveOptions(false, true, false, false)));
      new ProjectScripts(options, Optional.empty()).run(packageDir, List.of("prepare"));
    } catch (ClientException e) {
      throw new ClientException(
          "EGITPREPARE",
          "git dep preparation failed for " + resolved + "\n" + e.code() + ": " + e.getMessage(),
          e);
    }
  }
}
