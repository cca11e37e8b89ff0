package dev.quoll.cli;

import dev.quoll.client.cache.ContentCache;
import dev.quoll.client.cache.TarballDownloads;
import dev.quoll.client.cache.UnpackAhead;
import dev.quoll.client.cache.UnpackedStore;
import dev.quoll.client.config.ConfigLoader;
import dev.quoll.client.config.NpmConfig;
import dev.quoll.client.install.Installer;
import dev.quoll.client.install.RegistryPackuments;
import dev.quoll.client.registry.FetchOptions;
import dev.quoll.client.registry.RegistryClient;
import dev.quoll.client.reify.Reifier;
import dev.quoll.client.reify.ReifyOptions;
import dev.quoll.client.reify.ScriptEnvironment;
import dev.quoll.client.tree.Platform;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

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
    return open(config, project, "install");
  }

  /**
   * Opens a session for a loaded config, with npm's script environment for a command ({@link
   * ScriptEnvironment}: {@code npm_command}, {@code INIT_CWD}, node and node-gyp paths).
   *
   * @param config the npm config
   * @param project the project folder
   * @param command npm's command name, e.g. {@code ci}
   * @return the session
   */
  public static ClientSession open(NpmConfig config, Path project, String command) {
    FetchOptions options = FetchOptions.of(config);
    RegistryClient client = new RegistryClient(config, options, httpLog(config));
    ContentCache cache = new ContentCache(options.cacheDir().resolve("_cacache"));
    TarballDownloads downloads = new TarballDownloads(client, cache, options.maxConcurrent());
    Reifier reifier = new Reifier(client, cache).downloadingWith(downloads);
    UnpackAhead unpacker = null;
    if (linksFromStore(config)) {
      UnpackedStore store =
          new UnpackedStore(options.cacheDir().resolve("_quoll").resolve("unpacked"));
      reifier =
          reifier.linkingFrom(
              store, Integer.getInteger("quoll.linkThreads", Reifier.DEFAULT_LINK_THREADS));
      int threads = unpackAheadThreads();
      if (threads > 0) {
        unpacker = new UnpackAhead(store, downloads, threads);
        reifier = reifier.unpackingAheadWith(unpacker);
      }
    }
    RegistryPackuments packuments =
        new RegistryPackuments(
            client,
            // look-ahead prefetch on by default: a cold react-webpack install waited on 95-109
            // packuments without it, on 3-25 with it (-Dquoll.speculate=false turns it off)
            Boolean.parseBoolean(System.getProperty("quoll.speculate", "true")),
            downloads,
            unpacker);
    ReifyOptions reify = reifyOptions(config, project, command, options.maxConcurrent());
    Installer installer = new Installer(config, packuments, reifier, reify, Platform.current());
    return new ClientSession(config, project, client, packuments, cache, installer);
  }

  /**
   * Where the registry client's retry lines go: stderr with npm's {@code "npm http "} prefix when
   * {@code loglevel} is {@code http} or more verbose (npm 11's log levels), else nowhere.
   *
   * @param config the npm config
   * @return the line sink
   */
  static Consumer<String> httpLog(NpmConfig config) {
    List<String> levels = List.of("http", "info", "verbose", "silly", "timing");
    String level = config.get("loglevel").orElse("notice").toLowerCase(Locale.ROOT);
    return levels.contains(level) ? line -> System.err.println("npm http " + line) : line -> {};
  }

  /**
   * The reify options of a command: default concurrency, {@code script-shell}, and npm's script
   * environment.
   *
   * @param config the npm config
   * @param project the project folder
   * @param command npm's command name
   * @param fetchConcurrency tarball requests in flight at once
   * @return the options
   */
  static ReifyOptions reifyOptions(
      NpmConfig config, Path project, String command, int fetchConcurrency) {
    ReifyOptions d = ReifyOptions.defaults();
    ReifyOptions base =
        new ReifyOptions(
            false,
            false,
            fetchConcurrency,
            d.extractConcurrency(),
            Map.of(),
            config.get("script-shell").orElse("sh"),
            java.util.List.of());
    return ScriptEnvironment.of(
            config,
            project,
            Path.of("").toAbsolutePath(),
            command,
            System.getenv().getOrDefault("PATH", ""))
        .applyTo(base);
  }

  /**
   * Whether installs hard-link packages from the unpacked store in {@code <cache>/_quoll/unpacked}
   * (the default) rather than unpacking every tarball into node_modules as npm does: off with the
   * Quoll-only config key {@code quoll-link=false} (npmrc, {@code npm_config_quoll_link}, or the
   * {@code --no-link} flag of the install commands).
   *
   * @param config the npm config
   * @return true unless {@code quoll-link} is {@code false}
   */
  static boolean linksFromStore(NpmConfig config) {
    return !config.get("quoll-link").map(v -> v.equals("false")).orElse(false);
  }

  /**
   * Threads unpacking prefetched tarballs into the store while the tree is built ({@link
   * UnpackAhead}): the system property {@code quoll.unpackAhead}, default 1 (see bench/RESULTS.md);
   * 0 turns it off.
   */
  private static int unpackAheadThreads() {
    return Integer.getInteger("quoll.unpackAhead", 1);
  }

  @Override
  public void close() {
    packuments.close();
    client.close();
  }
}
