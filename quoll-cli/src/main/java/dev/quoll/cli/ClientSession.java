package dev.quoll.cli;

import dev.quoll.client.cache.ContentCache;
import dev.quoll.client.cache.TarballDownloads;
import dev.quoll.client.config.ConfigLoader;
import dev.quoll.client.config.NpmConfig;
import dev.quoll.client.install.Installer;
import dev.quoll.client.install.RegistryPackuments;
import dev.quoll.client.registry.FetchOptions;
import dev.quoll.client.registry.RegistryClient;
import dev.quoll.client.reify.Reifier;
import dev.quoll.client.reify.ReifyOptions;
import dev.quoll.client.tree.Platform;
import java.nio.file.Path;
import java.util.Map;

/**
 * The client's composition root for one command: config from npm's sources, the registry client,
 * the content cache, the packument source and the installer, wired by hand.
 *
 * @param config the loaded npm config
 * @param project the project folder (npm's {@code localPrefix})
 * @param client the registry client (closed with the session)
 * @param packuments the packument source (closed with the session)
 * @param cache the content-addressed tarball cache
 * @param installer the install operation
 */
public record ClientSession(
    NpmConfig config,
    Path project,
    RegistryClient client,
    RegistryPackuments packuments,
    ContentCache cache,
    Installer installer)
    implements AutoCloseable {

  /**
   * Opens a session for this process.
   *
   * @param flags command-line config flags (npm keys)
   * @return the session
   * @throws dev.quoll.client.ClientException {@code ECONFIG} for an unreadable npmrc
   */
  public static ClientSession open(Map<String, String> flags) {
    ConfigLoader loader = ConfigLoader.forProcess(flags);
    return open(loader.load(), loader.localPrefix());
  }

  /**
   * Opens a session for a loaded config.
   *
   * @param config the npm config
   * @param project the project folder
   * @return the session
   */
  public static ClientSession open(NpmConfig config, Path project) {
    FetchOptions options = FetchOptions.of(config);
    RegistryClient client = new RegistryClient(config, options);
    ContentCache cache = new ContentCache(options.cacheDir().resolve("_cacache"));
    ReifyOptions d = ReifyOptions.defaults();
    TarballDownloads downloads = new TarballDownloads(client, cache, options.maxConcurrent());
    RegistryPackuments packuments =
        new RegistryPackuments(
            client,
            Boolean.parseBoolean(System.getProperty("quoll.speculate", "false")),
            downloads);
    ReifyOptions reify =
        new ReifyOptions(
            false,
            false,
            options.maxConcurrent(),
            d.extractConcurrency(),
            config.scriptEnvironment(),
            config.get("script-shell").orElse("sh"),
            java.util.List.of());
    Installer installer =
        new Installer(
            config,
            packuments,
            new Reifier(client, cache).downloadingWith(downloads),
            reify,
            Platform.current());
    return new ClientSession(config, project, client, packuments, cache, installer);
  }

  @Override
  public void close() {
    packuments.close();
    client.close();
  }
}
