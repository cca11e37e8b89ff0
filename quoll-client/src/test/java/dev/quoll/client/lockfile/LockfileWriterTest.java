package dev.quoll.client.lockfile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quoll.client.tree.Node;
import dev.quoll.core.json.JsonFormat;
import dev.quoll.core.manifest.Manifest;
import dev.quoll.testkit.BenchFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@link LockfileWriter#writeBoth}: the same two texts as {@link LockfileWriter#write} and {@link
 * LockfileWriter#writeHidden}.
 */
class LockfileWriterTest {
  @Test
  void writeBothGivesTheTextsOfWriteAndWriteHidden() throws Exception {
    Path dir = BenchFixtures.path("small");
    Lockfile lock = Lockfile.parse(Files.readString(dir.resolve("package-lock.json")));
    Node tree = LockfileReader.read(lock, Manifest.read(dir.resolve("package.json")), false);
    for (JsonFormat format : new JsonFormat[] {lock.format(), new JsonFormat("\t", "\r\n")}) {
      LockfileWriter.Texts both = LockfileWriter.writeBoth(tree, "small", format);
      assertEquals(LockfileWriter.write(tree, "small", format), both.lockfile());
      assertEquals(LockfileWriter.writeHidden(tree, "small", format), both.hidden());
    }
    // the lockfile as npm wrote it, byte for byte; the hidden one has no root entry
    LockfileWriter.Texts both = LockfileWriter.writeBoth(tree, "small", lock.format());
    assertEquals(Files.readString(dir.resolve("package-lock.json")), both.lockfile());
    assertEquals(false, both.hidden().contains("\n    \"\": {"));
  }
}
