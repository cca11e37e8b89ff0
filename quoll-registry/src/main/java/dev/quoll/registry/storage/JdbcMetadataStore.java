package dev.quoll.registry.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.quoll.registry.RegistryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The one JDBC implementation of {@link MetadataStore}, on SQLite (the embedded default) or
 * PostgreSQL (production, several nodes). Its SQL is portable; the schema comes from the versioned
 * Flyway migrations under {@code classpath:db/migration}, applied when the store opens. The only
 * engine difference ({@link Dialect}) is that on PostgreSQL a package write also sends {@code
 * NOTIFY quoll_changes} so other nodes drop their rendered copies at once.
 *
 * <p>Each call borrows a connection from a pool. A package write ({@link PackageWriteSql}: one
 * statement on PostgreSQL, one transaction on SQLite): {@code UPDATE packages ... WHERE revision =
 * ?} (or {@code INSERT ... ON CONFLICT DO NOTHING} for a new package) decides the compare-and-set —
 * on PostgreSQL a concurrent writer of the same row waits for the first to commit, then finds the
 * revision moved on and reports {@code false}; the published versions and the change row are
 * written in the same transaction. The change sequence number comes from the {@code counters} row,
 * incremented in that transaction; the row stays locked until commit, so sequence numbers are
 * gap-free and become visible in order on both engines.
 */
public final class JdbcMetadataStore implements MetadataStore {
  /** Flyway reports each migration step at INFO through java.util.logging; keep only warnings. */
  private static final java.util.logging.Logger FLYWAY_LOG =
      java.util.logging.Logger.getLogger("org.flywaydb");

  static {
    FLYWAY_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private final DataSource dataSource;
  private final SqlRunner sql;
  private final JdbcAccounts accounts;
  private final JdbcOrgs orgs;
  private final Dialect dialect;

  /** The clock-drift margin of writes in a process without {@link #waitForLeaseHolders}. */
  private static final long UNHEARD_MARGIN_MILLIS = 500;

  private volatile String leaseNode = "";
  private volatile WriteAcks writeAcks = new WriteAcks(UNHEARD_MARGIN_MILLIS, System::nanoTime);

  private JdbcMetadataStore(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.sql = new SqlRunner(dataSource);
    this.accounts = new JdbcAccounts(dataSource);
    this.orgs = new JdbcOrgs(dataSource);
    this.dialect = dialect;
  }

  /** The SQL engines the store runs on. */
  public enum Dialect {
    /** The embedded default: one file, one writer at a time. */
    SQLITE,
    /** Production and several nodes: concurrent writers, LISTEN/NOTIFY. */
    POSTGRESQL
  }

  /**
   * Opens a PostgreSQL database and migrates it.
   *
   * @param jdbcUrl e.g. {@code jdbc:postgresql://db:5432/quoll?user=quoll&password=...} (pgjdbc's
   *     URL syntax: user, password, sslmode and the rest as query parameters)
   * @param poolSize the most connections this node holds open
   * @return the migrated store
   * @throws RegistryException {@code INTERNAL} when the database cannot be reached or migrated
   */
  public static JdbcMetadataStore postgres(String jdbcUrl, int poolSize) {
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + redact(jdbcUrl));
    }
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(jdbcUrl);
    pool.setPoolName("quoll-postgresql");
    pool.setMaximumPoolSize(poolSize);
    pool.setMinimumIdle(Math.min(2, poolSize));
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(pool);
    } catch (RuntimeException e) {
      throw new RegistryException(
          RegistryException.Kind.INTERNAL,
          "cannot connect to " + redact(jdbcUrl) + ": " + e.getMessage(),
          e);
    }
    try {
      return migrate(ds, Dialect.POSTGRESQL);
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
  }

  /**
   * A JDBC URL fit for messages: the password parameter replaced by {@code ***}.
   *
   * @param jdbcUrl any JDBC URL
   * @return the URL without its password
   */
  public static String redact(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  /** The engine this store runs on. */
  public Dialect dialect() {
    return dialect;
  }

  /**
   * The pool connections come from; PostgreSQL listeners open their own connection from it.
   *
   * @return the data source
   */
  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * Opens (creating when missing) the embedded SQLite database and migrates it. The database runs
   * in WAL mode (readers never block the writer), waits up to 10 s for a lock, and starts write
   * transactions IMMEDIATE so concurrent writers queue instead of failing.
   *
   * @param file the database file, e.g. {@code <data>/quoll.db}
   * @return the migrated store
   * @throws RegistryException {@code INTERNAL} when the file cannot be opened or migrated
   */
  public static JdbcMetadataStore sqlite(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (java.io.IOException e) {
      throw new RegistryException(
          RegistryException.Kind.INTERNAL, "cannot create " + file.getParent(), e);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(10_000);
    config.enforceForeignKeys(true);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource sqlite = new SQLiteDataSource(config);
    sqlite.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    HikariConfig pool = new HikariConfig();
    pool.setDataSource(sqlite);
    pool.setPoolName("quoll-sqlite");
    pool.setMaximumPoolSize(SQLITE_POOL_SIZE);
    return migrate(new HikariDataSource(pool), Dialect.SQLITE);
  }

  /**
   * Connections kept open to the SQLite file: opening one costs a file open and the pragmas above,
   * which dominated uplink reads when every call opened its own (bench/RESULTS.md "Registry
   * reads"). WAL lets these readers run beside the one writer.
   */
  private static final int SQLITE_POOL_SIZE = 8;

  /**
   * Migrates a database reached through any data source and opens the store.
   *
   * @param dataSource where connections come from
   * @param dialect the engine behind it
   * @return the migrated store
   * @throws RegistryException {@code INTERNAL} when the migration fails
   */
  public static JdbcMetadataStore migrate(DataSource dataSource, Dialect dialect) {
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw new RegistryException(
          RegistryException.Kind.INTERNAL, "database migration failed: " + e.getMessage(), e);
    }
    return new JdbcMetadataStore(dataSource, dialect);
  }

  @Override
  public OrgStore orgs() {
    return orgs;
  }

  @Override
  public Optional<StoredPackage> findPackage(String name) {
    return sql
        .query(
            "SELECT name, revision, document, modified_at FROM packages WHERE name = ?",
            List.of(name),
            rs ->
                new StoredPackage(
                    rs.getString(1),
                    rs.getLong(2),
                    rs.getString(3),
                    Instant.parse(rs.getString(4))))
        .stream()
        .findFirst();
  }

  @Override
  public List<String> listPackageNames() {
    return sql.query("SELECT name FROM packages ORDER BY name", List.of(), rs -> rs.getString(1));
  }

  /**
   * {@inheritDoc}
   *
   * <p>On PostgreSQL with read leases on ({@link #waitForLeaseHolders}), returns only once every
   * other node that held a read lease when the write committed has applied it or its lease ran out
   * ({@link WriteAcks}); the connection is back in the pool while it waits.
   */
  @Override
  public boolean savePackage(PackageWrite write) {
    Optional<PackageWriteSql.Committed> committed;
    try (Connection c = dataSource.getConnection()) {
      if (dialect != Dialect.POSTGRESQL) {
        return PackageWriteSql.portable(c, write);
      }
      committed = PackageWriteSql.postgres(c, write, leaseNode);
    } catch (SQLException e) {
      throw SqlRunner.failure(e);
    }
    long received = System.nanoTime();
    committed
        .filter(x -> !x.holders().isEmpty())
        .ifPresent(x -> writeAcks.await(x.seq(), x.holders(), received));
    return committed.isPresent();
  }

  /**
   * Sets who this node is among the read-lease holders and where it hears their acknowledgements
   * (PostgreSQL; see {@link NodeLeases}). Without it (a process that writes but does not listen,
   * such as a tool run against a live cluster) a package write still waits for every node holding a
   * lease, but hears no acknowledgements, so it waits until those leases run out (at most the lease
   * length plus {@value #UNHEARD_MARGIN_MILLIS} ms).
   *
   * @param nodeId this node's id in {@code node_leases} (its own lease is not waited for)
   * @param acks where this node's LISTEN connection delivers acknowledgements
   */
  public void waitForLeaseHolders(String nodeId, WriteAcks acks) {
    this.leaseNode = nodeId;
    this.writeAcks = acks;
  }

  /** The PostgreSQL notification channel a package write notifies (payload: the change seq). */
  public static final String CHANGES_CHANNEL = "quoll_changes";

  @Override
  public long lastChangeSeq() {
    return sql
        .query("SELECT value FROM counters WHERE name = 'changes'", List.of(), rs -> rs.getLong(1))
        .stream()
        .findFirst()
        .orElse(0L);
  }

  @Override
  public PublishCheck findForPublish(String name, String version) {
    return sql.query(
            "SELECT p.name, p.revision, p.document, p.modified_at,"
                + " EXISTS (SELECT 1 FROM published_versions"
                + " WHERE package_name = ? AND version = ?)"
                + " FROM (SELECT 1 AS one) o LEFT JOIN packages p ON p.name = ?",
            List.of(name, version, name),
            rs ->
                new PublishCheck(
                    rs.getString(1) == null
                        ? Optional.empty()
                        : Optional.of(
                            new StoredPackage(
                                rs.getString(1),
                                rs.getLong(2),
                                rs.getString(3),
                                Instant.parse(rs.getString(4)))),
                    rs.getBoolean(5)))
        .getFirst();
  }

  @Override
  public List<String> listPublishedVersions(String name) {
    return sql.query(
        "SELECT version FROM published_versions WHERE package_name = ?"
            + " ORDER BY published_at, version",
        List.of(name),
        rs -> rs.getString(1));
  }

  @Override
  public Optional<User> findUser(String name) {
    return sql
        .query(
            "SELECT name, email, password_hash, created_at FROM users WHERE name = ?",
            List.of(name),
            rs ->
                new User(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    Instant.parse(rs.getString(4))))
        .stream()
        .findFirst();
  }

  @Override
  public void saveUser(User user) {
    sql.inTransaction(
        c ->
            SqlRunner.update(
                c,
                "INSERT INTO users (name, email, password_hash, created_at) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (name) DO UPDATE SET email = excluded.email,"
                    + " password_hash = excluded.password_hash, created_at = excluded.created_at",
                user.name(),
                user.email(),
                user.passwordHash(),
                user.created().toString()));
  }

  @Override
  public Optional<Token> findToken(String tokenHash) {
    return accounts.findToken(tokenHash);
  }

  @Override
  public void saveToken(Token token) {
    accounts.saveToken(token);
  }

  @Override
  public List<Token> listTokens(String userName) {
    return accounts.listTokens(userName);
  }

  @Override
  public void removeTokens(String userName) {
    accounts.removeTokens(userName);
  }

  @Override
  public Optional<Profile> findProfile(String userName) {
    return accounts.findProfile(userName);
  }

  @Override
  public void saveProfile(Profile profile) {
    accounts.saveProfile(profile);
  }

  @Override
  public Optional<TwoFactor> findTwoFactor(String userName) {
    return accounts.findTwoFactor(userName);
  }

  @Override
  public void saveTwoFactor(TwoFactor twoFactor, List<String> recoveryCodeHashes) {
    accounts.saveTwoFactor(twoFactor, recoveryCodeHashes);
  }

  @Override
  public void removeTwoFactor(String userName) {
    accounts.removeTwoFactor(userName);
  }

  @Override
  public boolean claimOtpStep(String userName, long step) {
    return accounts.claimOtpStep(userName, step);
  }

  @Override
  public boolean removeRecoveryCode(String userName, String codeHash) {
    return accounts.removeRecoveryCode(userName, codeHash);
  }

  @Override
  public void removeToken(String tokenHash) {
    sql.inTransaction(
        c -> SqlRunner.update(c, "DELETE FROM tokens WHERE token_hash = ?", tokenHash));
  }

  @Override
  public List<Change> listChanges(long since, int limit) {
    return sql.query(
        "SELECT seq, package_name, revision, changed_at FROM changes WHERE seq > ?"
            + " ORDER BY seq LIMIT ?",
        List.of(since, limit),
        rs ->
            new Change(
                rs.getLong(1), rs.getString(2), rs.getLong(3), Instant.parse(rs.getString(4))));
  }

  @Override
  public Optional<UplinkPackument> findUplinkPackument(String name) {
    return sql
        .query(
            "SELECT name, document, etag, checked_at FROM uplink_packuments WHERE name = ?",
            List.of(name),
            rs ->
                new UplinkPackument(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    Instant.parse(rs.getString(4))))
        .stream()
        .findFirst();
  }

  @Override
  public void saveUplinkPackument(UplinkPackument p) {
    sql.inTransaction(
        c ->
            SqlRunner.update(
                c,
                "INSERT INTO uplink_packuments (name, document, etag, checked_at) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (name) DO UPDATE SET document = excluded.document,"
                    + " etag = excluded.etag, checked_at = excluded.checked_at",
                p.name(),
                p.document(),
                p.etag(),
                p.checked().toString()));
  }

  @Override
  public void close() {
    if (dataSource instanceof HikariDataSource pool) {
      pool.close();
    }
  }
}
