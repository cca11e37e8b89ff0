package dev.quoll.core.path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FolderTrees#delete}: rm -rf without following links. */
class FolderTreesTest {
  @TempDir Path tmp;

  @Test
  void deletesATreeButNotWhatItsLinksPointAt() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("keep.txt"), "keep");
    Path tree = Files.createDirectories(tmp.resolve("tree/a/b"));
    Files.writeString(tree.resolve("f.txt"), "x");
    Files.createSymbolicLink(tmp.resolve("tree/a/dirlink"), outside);
    Files.createSymbolicLink(tmp.resolve("tree/filelink"), outside.resolve("keep.txt"));
    Files.createSymbolicLink(tmp.resolve("tree/dangling"), tmp.resolve("nowhere"));

    FolderTrees.delete(tmp.resolve("tree"));

    assertFalse(Files.exists(tmp.resolve("tree")));
    assertTrue(Files.exists(outside.resolve("keep.txt")));
  }

  @Test
  void aLinkIsRemovedItselfAndAMissingPathIsFine() throws Exception {
    Path target = Files.createDirectories(tmp.resolve("target"));
    Files.writeString(target.resolve("k"), "k");
    Path link = Files.createSymbolicLink(tmp.resolve("link"), target);
    FolderTrees.delete(link);
    assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertTrue(Files.exists(target.resolve("k")));
    FolderTrees.delete(tmp.resolve("missing"));
    Path file = Files.writeString(tmp.resolve("file"), "f");
    FolderTrees.delete(file);
    assertFalse(Files.exists(file));
  }
}
