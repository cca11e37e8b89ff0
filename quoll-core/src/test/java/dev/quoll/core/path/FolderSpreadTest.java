package dev.quoll.core.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FolderSpread}, read back with e2fsprogs' {@code lsattr -d}: on a file system with the
 * top-directory attribute (ext2/3/4, as here), {@code mark} sets {@code T} on the folder and on
 * nothing else, and says so; where the attribute is unknown it answers false and changes nothing; a
 * missing folder is never an exception.
 */
class FolderSpreadTest {
  @TempDir Path tmp;
  private boolean supported;

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return p.exitValue() + " " + out;
  }

  /** The attribute letters {@code lsattr -d} prints for a folder. */
  private static String attributes(Path dir) throws IOException, InterruptedException {
    String out = run(List.of("lsattr", "-d", dir.toString()));
    assertTrue(out.startsWith("0 "), out);
    return out.substring(2).trim().split("\\s+")[0];
  }

  @BeforeEach
  void fileSystem() throws IOException, InterruptedException {
    assumeTrue(
        System.getProperty("os.name").toLowerCase().startsWith("linux"), "ext attributes: Linux");
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/lsattr")), "e2fsprogs' lsattr is not installed");
    assumeTrue(
        run(List.of("lsattr", "-d", tmp.toString())).startsWith("0 "),
        "lsattr cannot read attributes on this file system");
    // the top-directory attribute is ext2/3/4's (GNU stat names them all "ext2/ext3")
    supported =
        run(List.of("stat", "-f", "-c", "%T", tmp.toString())).contains("ext")
            && List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin").stream()
                .anyMatch(d -> Files.isExecutable(Path.of(d, "chattr")));
  }

  @Test
  void marksTheFolderAndNothingElse() throws IOException, InterruptedException {
    Path parent = Files.createDirectory(tmp.resolve("parent"));
    Path dir = Files.createDirectory(parent.resolve("dir"));
    assertFalse(attributes(dir).contains("T"), attributes(dir));
    boolean marked = FolderSpread.mark(dir);
    assertEquals(marked, attributes(dir).contains("T"));
    assertEquals(supported, marked, "ext2/3/4 keep the top-directory attribute, others do not");
    assertFalse(attributes(parent).contains("T"));
    Path child = Files.createDirectory(dir.resolve("child"));
    assertFalse(attributes(child).contains("T"), "the attribute is not inherited");
    assertEquals(marked, FolderSpread.mark(dir), "marking twice");
  }

  @Test
  void createMarkedLeavesAnExistingFolderAlone() throws IOException, InterruptedException {
    Path existing = Files.createDirectory(tmp.resolve("existing"));
    FolderSpread.createMarked(existing);
    assertFalse(attributes(existing).contains("T"));
    Path created = tmp.resolve("a/b");
    FolderSpread.createMarked(created);
    assertTrue(Files.isDirectory(created));
    assertEquals(
        FolderSpread.mark(Files.createDirectory(tmp.resolve("probe"))),
        attributes(created).contains("T"));
    assertFalse(attributes(tmp.resolve("a")).contains("T"), "only the folder itself is marked");
  }

  @Test
  void aMissingFolderIsNotMarkedAndNothingThrows() {
    assertFalse(FolderSpread.mark(tmp.resolve("missing")));
    assertFalse(FolderSpread.markAsync(tmp.resolve("missing")).join());
  }
}
