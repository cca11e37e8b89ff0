package dev.quoll.registry;

import dev.quoll.registry.accounts.AccountService;
import dev.quoll.registry.accounts.PasswordHasher;
import dev.quoll.registry.accounts.WebLoginSessions;
import dev.quoll.registry.config.ConfigKeys;
import dev.quoll.registry.config.Settings;
import dev.quoll.registry.http.RegistryHandler;
import dev.quoll.registry.http.RegistryServer;
import dev.quoll.registry.http.RequestLog;
import dev.quoll.registry.packages.KnownLocalNames;
import dev.quoll.registry.packages.PackageService;
import dev.quoll.registry.storage.DirectoryBlobStore;
import dev.quoll.registry.storage.JdbcMetadataStore;
import dev.quoll.registry.storage.MetadataStore;
import dev.quoll.registry.uplink.UplinkClient;
import dev.quoll.registry.uplink.UplinkService;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The registry's composition root: opens the stores under the data directory ({@code quoll.db},
 * {@code blobs/}), builds the services and the HTTP server from {@link Settings}, and starts
 * serving. Closing stops the server gracefully, then releases the store.
 */
public final class Registry implements AutoCloseable {
  private final MetadataStore store;
  private final RegistryServer server;
  private final URI baseUrl;

  private Registry(MetadataStore store, RegistryServer server, URI baseUrl) {
    this.store = store;
    this.server = server;
    this.baseUrl = baseUrl;
  }

  /**
   * Starts a registry.
   *
   * @param settings the resolved settings
   * @param requestLog receives one line per request
   * @return the running registry
   * @throws Exception when the data directory, database or port cannot be opened
   */
  public static Registry start(Settings settings, Consumer<String> requestLog) throws Exception {
    return start(settings, requestLog, PasswordHasher.DEFAULT_ITERATIONS);
  }

  /**
   * Starts a registry with a chosen password work factor (tests use a low one).
   *
   * @param settings the resolved settings
   * @param requestLog receives one line per request
   * @param passwordIterations PBKDF2 iterations for new password hashes
   * @return the running registry
   * @throws Exception when the data directory, database or port cannot be opened
   */
  public static Registry start(
      Settings settings, Consumer<String> requestLog, int passwordIterations) throws Exception {
    Path data = settings.get(ConfigKeys.DATA).orElseThrow();
    String host = settings.get(ConfigKeys.HOST).orElseThrow();
    int port = settings.get(ConfigKeys.PORT).orElseThrow();
    MetadataStore store = JdbcMetadataStore.sqlite(data.resolve("quoll.db"));
    try {
      DirectoryBlobStore blobs =
          new DirectoryBlobStore(
              data.resolve("blobs"), settings.get(ConfigKeys.BLOB_CACHE_SIZE).orElseThrow());
      RegistryServer server = new RegistryServer(host, port);
      URI baseUrl = settings.get(ConfigKeys.BASE_URL).orElse(server.localUrl());
      Clock clock = Clock.systemUTC();
      long cacheBytes = settings.get(ConfigKeys.RENDER_CACHE_SIZE).orElseThrow();
      PackageService packages =
          new PackageService(store, KnownLocalNames.load(store), blobs, baseUrl, clock, cacheBytes);
      AccountService accounts =
          new AccountService(store, new PasswordHasher(passwordIterations), clock);
      Optional<UplinkService> uplink =
          settings
              .get(ConfigKeys.UPLINK)
              .orElseThrow()
              .map(
                  url ->
                      new UplinkService(
                          new UplinkClient(url, Duration.ofSeconds(30)),
                          store,
                          blobs,
                          baseUrl,
                          Duration.ofSeconds(settings.get(ConfigKeys.UPLINK_MAX_AGE).orElseThrow()),
                          Duration.ofSeconds(
                              settings.get(ConfigKeys.UPLINK_404_MAX_AGE).orElseThrow()),
                          clock,
                          cacheBytes));
      server.start(
          new RegistryHandler(
              packages,
              accounts,
              settings.get(ConfigKeys.MAX_PUBLISH_SIZE).orElseThrow(),
              uplink,
              new WebLoginSessions(accounts, clock, Duration.ofMinutes(10)),
              baseUrl,
              new RequestLog(requestLog)));
      return new Registry(store, server, baseUrl);
    } catch (Exception | Error e) {
      store.close();
      throw e;
    }
  }

  /** The public URL (the {@code base-url} setting, else the local URL), ending in {@code /}. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** The port listened on. */
  public int port() {
    return server.port();
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  /** Stops gracefully and closes the store. */
  @Override
  public void close() throws Exception {
    try {
      server.close();
    } finally {
      store.close();
    }
  }
}
