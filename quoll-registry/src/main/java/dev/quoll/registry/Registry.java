package dev.quoll.registry;

import dev.quoll.registry.accounts.AccountService;
import dev.quoll.registry.accounts.PasswordHasher;
import dev.quoll.registry.accounts.WebLoginSessions;
import dev.quoll.registry.config.ConfigKeys;
import dev.quoll.registry.config.Settings;
import dev.quoll.registry.http.RegistryHandler;
import dev.quoll.registry.http.RegistryServer;
import dev.quoll.registry.http.RequestLog;
import dev.quoll.registry.packages.PackageService;
import dev.quoll.registry.storage.BlobStore;
import dev.quoll.registry.storage.BlobStoreFactory;
import dev.quoll.registry.storage.ChangeFollower;
import dev.quoll.registry.storage.DirectoryBlobStore;
import dev.quoll.registry.storage.JdbcLoginSessionStore;
import dev.quoll.registry.storage.JdbcMetadataStore;
import dev.quoll.registry.storage.MemoryLoginSessionStore;
import dev.quoll.registry.storage.PostgresChangeWakeup;
import dev.quoll.registry.storage.ReadBarrier;
import dev.quoll.registry.uplink.UplinkClient;
import dev.quoll.registry.uplink.UplinkService;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The registry's composition root: opens the stores (by default under the data directory: {@code
 * quoll.db}, {@code blobs/}; else the {@code database} and {@code blob-store} settings), builds the
 * services and the HTTP server from {@link Settings}, and starts serving. Closing stops the server
 * gracefully, then releases the store.
 */
public final class Registry implements AutoCloseable {
  /** Connections one node keeps to PostgreSQL. */
  private static final int POSTGRES_POOL_SIZE = 16;

  /** The longest a node takes to see another node's write when a notification is missed. */
  private static final Duration CHANGE_POLL = Duration.ofSeconds(1);

  private final JdbcMetadataStore store;
  private final RegistryServer server;
  private final URI baseUrl;
  private final Optional<ChangeFollower> follower;
  private final BlobStore blobs;

  private Registry(
      JdbcMetadataStore store,
      RegistryServer server,
      URI baseUrl,
      Optional<ChangeFollower> follower,
      BlobStore blobs) {
    this.store = store;
    this.server = server;
    this.baseUrl = baseUrl;
    this.follower = follower;
    this.blobs = blobs;
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
    return start(settings, requestLog, passwordIterations, BlobStoreFactory.NONE);
  }

  /**
   * Starts a registry whose {@code blob-store} may name a remote store.
   *
   * @param settings the resolved settings
   * @param requestLog receives one line per request
   * @param passwordIterations PBKDF2 iterations for new password hashes
   * @param remoteBlobs opens a {@code blob-store} URL (quoll-cli passes the S3 one)
   * @return the running registry
   * @throws Exception when the data directory, database, blob store or port cannot be opened
   */
  public static Registry start(
      Settings settings,
      Consumer<String> requestLog,
      int passwordIterations,
      BlobStoreFactory remoteBlobs)
      throws Exception {
    Path data = settings.get(ConfigKeys.DATA).orElseThrow();
    String host = settings.get(ConfigKeys.HOST).orElseThrow();
    int port = settings.get(ConfigKeys.PORT).orElseThrow();
    Optional<String> database = settings.get(ConfigKeys.DATABASE).flatMap(d -> d);
    JdbcMetadataStore store =
        database.isPresent()
            ? JdbcMetadataStore.postgres(database.get(), POSTGRES_POOL_SIZE)
            : JdbcMetadataStore.sqlite(data.resolve("quoll.db"));
    Optional<ChangeFollower> follower = Optional.empty();
    try {
      Optional<URI> blobUrl = settings.get(ConfigKeys.BLOB_STORE).flatMap(b -> b);
      BlobStore blobs =
          blobUrl.isPresent()
              ? remoteBlobs.open(blobUrl.get())
              : new DirectoryBlobStore(data.resolve("blobs"));
      RegistryServer server = new RegistryServer(host, port);
      URI baseUrl = settings.get(ConfigKeys.BASE_URL).orElse(server.localUrl());
      Clock clock = Clock.systemUTC();
      long cacheBytes = settings.get(ConfigKeys.RENDER_CACHE_SIZE).orElseThrow();
      PackageService packages = new PackageService(store, blobs, baseUrl, clock, cacheBytes);
      if (store.dialect() == JdbcMetadataStore.Dialect.POSTGRESQL) {
        follower =
            Optional.of(
                ChangeFollower.start(
                    store,
                    new PostgresChangeWakeup(store.dataSource()),
                    CHANGE_POLL,
                    c -> packages.forget(c.packageName(), c.revision())));
        packages.beforeEachRead(new ReadBarrier(store, follower.get())::await);
      }
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
              new WebLoginSessions(
                  accounts,
                  clock,
                  Duration.ofMinutes(10),
                  store.dialect() == JdbcMetadataStore.Dialect.POSTGRESQL
                      ? new JdbcLoginSessionStore(store.dataSource())
                      : new MemoryLoginSessionStore()),
              baseUrl,
              new RequestLog(requestLog)));
      return new Registry(store, server, baseUrl, follower, blobs);
    } catch (Exception | Error e) {
      follower.ifPresent(ChangeFollower::close);
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
      follower.ifPresent(ChangeFollower::close);
      store.close();
      if (blobs instanceof AutoCloseable c) {
        c.close();
      }
    }
  }
}
