package dev.quoll.registry;

import dev.quoll.registry.access.AccessPolicy;
import dev.quoll.registry.access.OrgRights;
import dev.quoll.registry.accounts.AccountService;
import dev.quoll.registry.accounts.Cidr;
import dev.quoll.registry.accounts.PasswordHasher;
import dev.quoll.registry.accounts.ProfileService;
import dev.quoll.registry.accounts.RateLimits;
import dev.quoll.registry.accounts.RateLimits.Action;
import dev.quoll.registry.accounts.SecondFactor;
import dev.quoll.registry.accounts.SecretBox;
import dev.quoll.registry.accounts.SignupPolicy;
import dev.quoll.registry.accounts.TokenService;
import dev.quoll.registry.accounts.WebLoginSessions;
import dev.quoll.registry.config.ConfigException;
import dev.quoll.registry.config.ConfigKeys;
import dev.quoll.registry.config.Settings;
import dev.quoll.registry.http.DailyLogFiles;
import dev.quoll.registry.http.RegistryHandler;
import dev.quoll.registry.http.RegistryServer;
import dev.quoll.registry.http.RequestLog;
import dev.quoll.registry.orgs.OrgService;
import dev.quoll.registry.orgs.TeamService;
import dev.quoll.registry.packages.KnownLocalNames;
import dev.quoll.registry.packages.PackageGovernance;
import dev.quoll.registry.packages.PackageService;
import dev.quoll.registry.storage.BlobStore;
import dev.quoll.registry.storage.BlobStoreFactory;
import dev.quoll.registry.storage.ChangeFollower;
import dev.quoll.registry.storage.DirectoryBlobStore;
import dev.quoll.registry.storage.JdbcLoginSessionStore;
import dev.quoll.registry.storage.JdbcMetadataStore;
import dev.quoll.registry.storage.JdbcUplinkMisses;
import dev.quoll.registry.storage.JobLeases;
import dev.quoll.registry.storage.LeaseKeeper;
import dev.quoll.registry.storage.LeasedJob;
import dev.quoll.registry.storage.MemoryLoginSessionStore;
import dev.quoll.registry.storage.NodeLeases;
import dev.quoll.registry.storage.PostgresChangeWakeup;
import dev.quoll.registry.storage.ReadBarrier;
import dev.quoll.registry.storage.ReadLease;
import dev.quoll.registry.storage.StaleUplinkPackuments;
import dev.quoll.registry.storage.WriteAcks;
import dev.quoll.registry.uplink.MemoryUplinkMisses;
import dev.quoll.registry.uplink.UplinkClient;
import dev.quoll.registry.uplink.UplinkService;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
  private final Optional<DailyLogFiles> logFiles;
  private final Optional<AutoCloseable> follower;
  private final BlobStore blobs;
  private final Optional<LeasedJob> uplinkRefresh;

  private Registry(
      JdbcMetadataStore store,
      RegistryServer server,
      URI baseUrl,
      Optional<DailyLogFiles> logFiles,
      Optional<AutoCloseable> follower,
      BlobStore blobs,
      Optional<LeasedJob> uplinkRefresh) {
    this.uplinkRefresh = uplinkRefresh;
    this.store = store;
    this.server = server;
    this.baseUrl = baseUrl;
    this.logFiles = logFiles;
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
    return start(settings, requestLog, PasswordHasher.Argon2Params.DEFAULT);
  }

  /**
   * Starts a registry with chosen Argon2id costs for new password hashes (tests use {@link
   * PasswordHasher.Argon2Params#TEST}).
   *
   * @param settings the resolved settings
   * @param requestLog receives one line per request (also written to log-dir when set)
   * @param passwordCost Argon2id parameters
   * @return the running registry
   * @throws Exception when the data directory, database, key file, TLS files or port cannot be
   *     opened
   */
  public static Registry start(
      Settings settings, Consumer<String> requestLog, PasswordHasher.Argon2Params passwordCost)
      throws Exception {
    return start(settings, requestLog, passwordCost, BlobStoreFactory.NONE);
  }

  /**
   * Starts a registry whose {@code blob-store} may name a remote store.
   *
   * @param settings the resolved settings
   * @param requestLog receives one line per request (also written to log-dir when set)
   * @param passwordCost Argon2id parameters for new password hashes
   * @param remoteBlobs opens a {@code blob-store} URL (quoll-cli passes the S3 one)
   * @return the running registry
   * @throws Exception when the data directory, database, blob store, key file, TLS files or port
   *     cannot be opened
   */
  public static Registry start(
      Settings settings,
      Consumer<String> requestLog,
      PasswordHasher.Argon2Params passwordCost,
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
    Optional<AutoCloseable> follower = Optional.empty();
    Optional<LeasedJob> uplinkRefresh = Optional.empty();
    try {
      Optional<URI> blobUrl = settings.get(ConfigKeys.BLOB_STORE).flatMap(b -> b);
      BlobStore blobs =
          blobUrl.isPresent()
              ? remoteBlobs.open(blobUrl.get())
              : new DirectoryBlobStore(
                  data.resolve("blobs"), settings.get(ConfigKeys.BLOB_CACHE_SIZE).orElseThrow());
      Optional<RegistryServer.Tls> tls = Optional.empty();
      if (settings.get(ConfigKeys.TLS_CERT).isPresent()
          != settings.get(ConfigKeys.TLS_KEY).isPresent()) {
        throw new ConfigException("tls-cert and tls-key must be given together");
      }
      if (settings.get(ConfigKeys.TLS_CERT).isPresent()) {
        tls =
            Optional.of(
                new RegistryServer.Tls(
                    settings.get(ConfigKeys.TLS_CERT).get(),
                    settings.get(ConfigKeys.TLS_KEY).get(),
                    settings.get(ConfigKeys.HTTP_REDIRECT_PORT)));
      }
      RegistryServer server = new RegistryServer(host, port, tls);
      URI baseUrl = settings.get(ConfigKeys.BASE_URL).orElse(server.localUrl());
      Clock clock = Clock.systemUTC();
      long cacheBytes = settings.get(ConfigKeys.RENDER_CACHE_SIZE).orElseThrow();
      AccessPolicy access =
          new AccessPolicy(
              Set.copyOf(settings.get(ConfigKeys.ADMINS).orElse(List.of())),
              n -> store.findUser(n).isPresent(),
              OrgRights.of(store.orgs()));
      PackageService packages =
          new PackageService(
              store, KnownLocalNames.load(store), blobs, baseUrl, clock, cacheBytes, access);
      if (store.dialect() == JdbcMetadataStore.Dialect.POSTGRESQL) {
        follower = Optional.of(startFollowing(store, packages, settings));
      }
      PackageGovernance governance =
          new PackageGovernance(
              packages,
              Duration.ofSeconds(settings.get(ConfigKeys.UNPUBLISH_WINDOW).orElseThrow()));
      OrgService orgService = new OrgService(store, access, clock);
      RegistryHandler.Orgs orgs =
          new RegistryHandler.Orgs(orgService, new TeamService(store, orgService, packages, clock));
      RateLimits limits =
          new RateLimits(
              Map.of(
                  Action.LOGIN,
                  settings.get(ConfigKeys.LOGIN_RATE_LIMIT).orElseThrow().intValue(),
                  Action.TOKEN_CREATE,
                  settings.get(ConfigKeys.TOKEN_RATE_LIMIT).orElseThrow().intValue(),
                  Action.OTP,
                  settings.get(ConfigKeys.OTP_RATE_LIMIT).orElseThrow().intValue()));
      SecretBox box =
          settings.get(ConfigKeys.SECRET_KEY).isPresent()
              ? SecretBox.fromBase64(settings.get(ConfigKeys.SECRET_KEY).get())
              : SecretBox.fromKeyFile(data.resolve("secret.key"));
      SignupPolicy signup =
          new SignupPolicy(
              switch (settings.get(ConfigKeys.SIGNUP).orElseThrow()) {
                case "closed" -> SignupPolicy.Mode.CLOSED;
                case "invite-only" -> SignupPolicy.Mode.INVITE_ONLY;
                default -> SignupPolicy.Mode.OPEN;
              },
              settings.get(ConfigKeys.SIGNUP_INVITES).orElse(List.of()));
      AccountService accounts =
          new AccountService(
              store,
              new PasswordHasher(passwordCost),
              clock,
              signup,
              limits,
              new SecondFactor(store, box, limits, clock));
      List<Cidr> proxies = new ArrayList<>();
      for (String p : settings.get(ConfigKeys.TRUSTED_PROXIES).orElse(List.of())) {
        proxies.add(
            Cidr.parse(p)
                .orElseThrow(
                    () -> new ConfigException("trusted-proxies: not an IP or CIDR: " + p)));
      }
      Consumer<String> sink = requestLog;
      Optional<DailyLogFiles> logFiles = Optional.empty();
      if (settings.get(ConfigKeys.LOG_DIR).isPresent()) {
        DailyLogFiles files =
            new DailyLogFiles(
                settings.get(ConfigKeys.LOG_DIR).get(),
                settings.get(ConfigKeys.LOG_RETENTION_DAYS).orElseThrow(),
                clock);
        sink = requestLog.andThen(files);
        logFiles = Optional.of(files);
      }
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
                          cacheBytes,
                          store.dialect() == JdbcMetadataStore.Dialect.POSTGRESQL
                              ? new JdbcUplinkMisses(store.dataSource())
                              : new MemoryUplinkMisses()));
      uplinkRefresh = uplink.flatMap(u -> startUplinkRefresh(settings, store, u, clock));
      server.start(
          new RegistryHandler(
              packages,
              governance,
              orgs,
              accounts,
              new RegistryHandler.Security(
                  new TokenService(store, accounts, limits, clock),
                  new ProfileService(store, accounts, clock),
                  proxies,
                  tls.isPresent()),
              settings.get(ConfigKeys.MAX_PUBLISH_SIZE).orElseThrow(),
              uplink,
              new WebLoginSessions(
                  accounts,
                  clock,
                  Duration.ofMinutes(10),
                  store.dialect() == JdbcMetadataStore.Dialect.POSTGRESQL
                      ? new JdbcLoginSessionStore(store.dataSource())
                      : new MemoryLoginSessionStore(),
                  box),
              baseUrl,
              new RequestLog(sink)));
      return new Registry(store, server, baseUrl, logFiles, follower, blobs, uplinkRefresh);
    } catch (Exception | Error e) {
      uplinkRefresh.ifPresent(LeasedJob::close);
      if (follower.isPresent()) {
        follower.get().close();
      }
      store.close();
      throw e;
    }
  }

  /**
   * The background uplink refresh ({@code uplink-refresh} seconds between passes; off at 0): each
   * pass revalidates up to {@value #REFRESH_BATCH} cached packuments that pass {@code
   * uplink-max-age} before the next pass, on one node at a time (lease {@code uplink-refresh}, held
   * for three intervals and renewed each pass).
   */
  private static Optional<LeasedJob> startUplinkRefresh(
      Settings settings, JdbcMetadataStore store, UplinkService uplink, Clock clock) {
    long seconds = settings.get(ConfigKeys.UPLINK_REFRESH).orElseThrow();
    if (seconds == 0) {
      return Optional.empty();
    }
    Duration every = Duration.ofSeconds(seconds);
    Duration maxAge = Duration.ofSeconds(settings.get(ConfigKeys.UPLINK_MAX_AGE).orElseThrow());
    StaleUplinkPackuments stale = new StaleUplinkPackuments(store.dataSource());
    return Optional.of(
        new LeasedJob(
                new JobLeases(store.dataSource()),
                "uplink-refresh",
                LeasedJob.processHolder(),
                every.multipliedBy(3),
                every,
                clock,
                () ->
                    uplink.refresh(
                        stale.list(clock.instant().minus(maxAge).plus(every), REFRESH_BATCH)))
            .start());
  }

  private static final int REFRESH_BATCH = 100;

  /**
   * Several nodes: follows the changes sequence (dropping rendered copies other nodes' writes made
   * stale), makes this node's package writes wait for the other nodes' read leases, and — unless
   * {@code read-lease} is 0 — keeps a read lease of its own, under which cached reads skip the
   * {@link ReadBarrier}'s round trip (docs/deployment.md, read-after-write).
   *
   * @return what to close on shutdown (the lease keeper, which closes the follower, or the
   *     follower)
   */
  private static AutoCloseable startFollowing(
      JdbcMetadataStore store, PackageService packages, Settings settings) {
    long leaseMillis = settings.get(ConfigKeys.READ_LEASE).orElseThrow();
    long margin = Math.max(1, leaseMillis / 6);
    String nodeId = LeasedJob.processHolder();
    NodeLeases leases = new NodeLeases(store.dataSource(), nodeId);
    WriteAcks acks = new WriteAcks(margin, System::nanoTime);
    ReadLease lease = new ReadLease(Math.max(2, leaseMillis), margin, System::nanoTime);
    store.waitForLeaseHolders(nodeId, acks);
    ChangeFollower follower =
        ChangeFollower.start(
            store,
            new PostgresChangeWakeup(store.dataSource(), acks::acknowledged, lease::listening),
            CHANGE_POLL,
            c -> packages.forget(c.packageName(), c.revision()));
    ReadBarrier barrier = new ReadBarrier(store, follower);
    if (leaseMillis == 0) {
      packages.beforeEachRead(barrier::await);
      return follower;
    }
    follower.afterApplying(
        seq -> {
          try {
            leases.acknowledge(seq);
          } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot acknowledge change " + seq, e);
          }
        });
    LeaseKeeper keeper =
        LeaseKeeper.start(
            leases,
            lease,
            follower,
            Duration.ofMillis(leaseMillis),
            Duration.ofMillis(Math.max(1, leaseMillis / 3)));
    packages.beforeEachRead(
        () -> {
          if (!keeper.covers()) {
            barrier.await();
          }
        });
    return keeper;
  }

  /** The public URL (the {@code base-url} setting, else the local URL), ending in {@code /}. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** The plain-HTTP port that redirects to https, when TLS and a redirect port are configured. */
  public Optional<Integer> redirectPort() {
    return server.redirectPort();
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
      uplinkRefresh.ifPresent(LeasedJob::close);
      if (follower.isPresent()) {
        follower.get().close();
      }
      store.close();
      if (logFiles.isPresent()) {
        logFiles.get().close();
      }
      if (blobs instanceof AutoCloseable c) {
        c.close();
      }
    }
  }
}
