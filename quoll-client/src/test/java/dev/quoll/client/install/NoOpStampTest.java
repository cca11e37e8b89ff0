package dev.quoll.client.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link NoOpStamp}: trusted only while every recorded file and folder is unchanged. */
class NoOpStampTest {
  @TempDir Path root;

  private static void age(Path p, int secondsAgo) throws IOException {
    Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(secondsAgo)));
  }

  private Set<String> project() throws IOException {
    Files.writeString(root.resolve("package.json"), "{\"dependencies\":{\"a\":\"1\"}}");
    Files.writeString(root.resolve("package-lock.json"), "{\"lock\":1}");
    Files.createDirectories(root.resolve("node_modules/a"));
    Files.createDirectories(root.resolve("node_modules/@s/b"));
    Files.writeString(root.resolve("node_modules/.package-lock.json"), "{\"hidden\":1}");
    for (String p :
        List.of("node_modules/a", "node_modules/@s/b", "package.json", "package-lock.json")) {
      age(root.resolve(p), 20);
    }
    age(root.resolve("node_modules/.package-lock.json"), 10);
    return new LinkedHashSet<>(List.of("node_modules/a", "node_modules/@s/b"));
  }

  @Test
  void trustedUntilSomethingChanges() throws IOException {
    Set<String> locs = project();
    assertEquals(OptionalInt.empty(), NoOpStamp.check(root));
    NoOpStamp.write(root, locs);
    assertEquals(OptionalInt.of(2), NoOpStamp.check(root));

    // an edit of package.json (same size, newer time)
    Files.writeString(root.resolve("package.json"), "{\"dependencies\":{\"a\":\"2\"}}");
    assertEquals(OptionalInt.empty(), NoOpStamp.check(root));
    age(root.resolve("package.json"), 20);
    NoOpStamp.write(root, locs);
    assertEquals(OptionalInt.of(2), NoOpStamp.check(root));

    // a shrinkwrap appears
    Files.writeString(root.resolve("npm-shrinkwrap.json"), "{}");
    assertEquals(OptionalInt.empty(), NoOpStamp.check(root));
    Files.delete(root.resolve("npm-shrinkwrap.json"));
    assertEquals(OptionalInt.of(2), NoOpStamp.check(root));

    // an extra top-level package, then a changed package folder, then a removed one
    Files.createDirectories(root.resolve("node_modules/extra"));
    assertEquals(OptionalInt.empty(), NoOpStamp.check(root));
    Files.delete(root.resolve("node_modules/extra"));
    Files.writeString(root.resolve("node_modules/a/new.js"), "x");
    assertEquals(OptionalInt.empty(), NoOpStamp.check(root));
    age(root.resolve("node_modules/a"), 20);
    assertEquals(OptionalInt.of(2), NoOpStamp.check(root));
    Files.delete(root.resolve("node_modules/@s/b"));
    assertEquals(OptionalInt.empty(), NoOpStamp.check(root));
  }

  @Test
  void aRewrittenHiddenLockfileOrARacyRecordIsNotTrusted() throws IOException {
    Set<String> locs = project();
    NoOpStamp.write(root, locs);
    assertEquals(OptionalInt.of(2), NoOpStamp.check(root));
    Path hidden = root.resolve("node_modules/.package-lock.json");
    Path moved = root.resolve("node_modules/.other");
    Files.copy(hidden, moved, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    Files.move(moved, hidden, java.nio.file.StandardCopyOption.REPLACE_EXISTING); // new inode
    assertEquals(OptionalInt.empty(), NoOpStamp.check(root));

    // a file modified in the same clock tick as the record is never trusted
    Files.writeString(root.resolve("package-lock.json"), "{\"lock\":2}");
    NoOpStamp.write(root, locs);
    Files.setLastModifiedTime(
        root.resolve("node_modules/" + NoOpStamp.NAME),
        Files.getLastModifiedTime(root.resolve("package-lock.json")));
    assertEquals(OptionalInt.empty(), NoOpStamp.check(root));
    Files.writeString(root.resolve("node_modules/" + NoOpStamp.NAME), "garbage\n");
    assertTrue(NoOpStamp.check(root).isEmpty());
  }
}
