package dev.quoll.client.install;

import dev.quoll.client.ClientException;
import dev.quoll.client.cache.ContentCache;
import dev.quoll.client.config.NpmConfig;
import dev.quoll.client.config.ProjectNpmrc;
import dev.quoll.client.fetch.GitPreparer;
import dev.quoll.client.registry.FetchOptions;
import dev.quoll.client.registry.RegistryClient;
import dev.quoll.client.reify.ProjectScripts;
import dev.quoll.client.reify.Reifier;
import dev.quoll.client.reify.ReifyOptions;
import dev.quoll.client.tree.IdealTreeRequest.ResolveOptions;
import dev.quoll.client.tree.Platform;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Quoll's {@link GitPreparer}: what pacote 21's {@code GitFetcher} and {@code DirFetcher} do to a
 * checked-out git dependency that needs preparing, with Quoll's own installer in place of the npm
 * CLI.
 *
 * <p>Contract: first the equivalent of {@code npm install --force --no-save --include=dev
 * --include=peer --include=optional} run inside the checkout (nothing omitted; package.json and
 * package-lock.json of the checkout not written; its own install scripts run, {@code preinstall}
 * through {@code postprepare}, without banners), then its {@code prepare} script once more
 * (DirFetcher's, under this process's {@code ignore-scripts}, which is off whenever preparation is
 * asked for). The nested install reads the config npm's nested process would ({@link
 * ProjectNpmrc}): the checkout's own {@code .npmrc} replaces the project's, under every value of
 * this process that is not npm's default (npm exports those to the child), so its {@code
 * ignore-scripts}, {@code legacy-peer-deps}, {@code strict-peer-deps}, {@code prefer-dedupe},
 * {@code @scope:registry}, credentials and so on apply where this process leaves them alone (when
 * that changes no value, as for a checkout without {@code .npmrc} in a project without one, the
 * checkout is installed by this process's own installer). Any failure is rethrown as {@code
 * EGITPREPARE} ("git dep preparation failed", npm's message) with the cause. Known difference:
 * script output is not captured.
 */
final class GitPrepare implements GitPreparer {
  private final Installer installer;
  private final NpmConfig config;
  private final Platform platform;
  private final ReifyOptions options;

  /**
   * @param installer this process's installer
   * @param config this process's config
   * @param platform the platform optional packages are checked against
   * @param options this process's script options
   */
  GitPrepare(Installer installer, NpmConfig config, Platform platform, ReifyOptions options) {
    this.installer = installer.withScriptBanner(Optional.empty());
    this.config = config;
    this.platform = platform;
    this.options = options.withIgnoreScripts(false).withDryRun(false);
  }

  @Override
  public void prepare(Path packageDir, String resolved) {
    try {
      Map<String, String> npmrc = ProjectNpmrc.read(packageDir, System.getenv()).orElse(Map.of());
      NpmConfig nested = ProjectNpmrc.withProject(config, npmrc);
      InstallRequest request =
          new InstallRequest(
              packageDir,
              Operation.Install.plain(),
              false,
              Set.of(),
              nested.bool("ignore-scripts"),
              false,
              new ResolveOptions(
                  nested.bool("legacy-peer-deps"),
                  true,
                  nested.bool("strict-peer-deps"),
                  nested.bool("prefer-dedupe")));
      if (nested.all().equals(config.all())) {
        installer.run(request);
      } else {
        installWith(nested, request);
      }
      new ProjectScripts(options, Optional.empty()).run(packageDir, List.of("prepare"));
    } catch (ClientException e) {
      throw new ClientException(
          "EGITPREPARE",
          "git dep preparation failed for " + resolved + "\n" + e.code() + ": " + e.getMessage(),
          e);
    }
  }

  /** The nested install with its own registry client for the checkout's config. */
  private void installWith(NpmConfig nested, InstallRequest request) {
    FetchOptions fetch = FetchOptions.of(nested);
    try (RegistryClient client = new RegistryClient(nested, fetch);
        RegistryPackuments packuments = new RegistryPackuments(client, false)) {
      ContentCache cache = new ContentCache(fetch.cacheDir().resolve("_cacache"));
      new Installer(nested, packuments, new Reifier(client, cache), options, platform)
          .withScriptBanner(Optional.empty())
          .run(request);
    }
  }
}
