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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FolderSpread} against e2fsprogs' own {@code chattr}/{@code lsattr} as the oracle: where
 * {@code chattr +T} can set the top-directory attribute on this file system, {@code mark} must set
 * it too (as {@code lsattr -d} shows it) and say so; where {@code chattr} cannot, {@code mark} must
 * answer false and change nothing.
 */
class FolderSpreadTest {
  @TempDir Path tmp;

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

  @Test
  void marksExactlyWhereChattrCan() throws IOException, InterruptedException {
    assumeTrue(
        System.getProperty("os.name").toLowerCase().startsWith("linux"), "ext attributes: Linux");
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/chattr"))
            || Files.isExecutable(Path.of("/bin/chattr")),
        "e2fsprogs' chattr is not installed: no oracle");
    Path byChattr = Files.createDirectory(tmp.resolve("by-chattr"));
    boolean chattrCan = run(List.of("chattr", "+T", byChattr.toString())).startsWith("0 ");
    Path ours = Files.createDirectory(tmp.resolve("ours"));
    String before = attributes(ours);
    assertFalse(before.contains("T"), before);

    assertEquals(chattrCan, FolderSpread.mark(ours));
    if (chattrCan) {
      assertEquals(attributes(byChattr), attributes(ours));
      assertTrue(attributes(ours).contains("T"));
      assertTrue(FolderSpread.mark(ours), "marking twice");
    } else {
      assertEquals(before, attributes(ours));
    }
  }

  @Test
  void createMarkedLeavesAnExistingFolderAlone() throws IOException, InterruptedException {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/lsattr")), "e2fsprogs' lsattr is not installed");
    Path existing = Files.createDirectory(tmp.resolve("existing"));
    String before = attributes(existing);
    FolderSpread.createMarked(existing);
    assertEquals(before, attributes(existing));
    Path created = tmp.resolve("a/b");
    FolderSpread.createMarked(created);
    assertTrue(Files.isDirectory(created));
    boolean supported = FolderSpread.mark(Files.createDirectory(tmp.resolve("probe")));
    assertEquals(supported, attributes(created).contains("T"));
    assertFalse(attributes(tmp.resolve("a")).contains("T"), "only the folder itself is marked");
  }

  @Test
  void aMissingFolderIsNotMarkedAndNothingThrows() {
    assertFalse(FolderSpread.mark(tmp.resolve("missing")));
    assertFalse(FolderSpread.markAsync(tmp.resolve("missing")).join());
  }
}
