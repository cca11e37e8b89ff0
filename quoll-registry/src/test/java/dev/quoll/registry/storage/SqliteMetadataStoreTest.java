package dev.quoll.registry.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quoll.registry.storage.MetadataStore.PackageWrite;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The contract on the embedded SQLite database, plus its file-level guarantees. */
class SqliteMetadataStoreTest extends MetadataStoreContract {
  @TempDir Path dir;

  @Override
  protected MetadataStore newStore() {
    return JdbcMetadataStore.sqlite(dir.resolve("quoll.db"));
  }

  @Test
  void reopeningKeepsDataAndRunsInWalMode() throws Exception {
    store.savePackage(new PackageWrite("a", 0, "{}", List.of("1.0.0"), Instant.now()));
    store.close();
    store = JdbcMetadataStore.sqlite(dir.resolve("quoll.db"));
    assertEquals(1, store.findPackage("a").orElseThrow().revision());
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + dir.resolve("quoll.db"));
    try (Connection c = ds.getConnection();
        ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
      rs.next();
      assertEquals("wal", rs.getString(1));
    }
    try (Connection c = ds.getConnection();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history"
                        + " WHERE success = 1")) {
      rs.next();
      assertEquals("20", rs.getString(1));
    }
  }
}
