package dev.quoll.client.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StoreLinker} and the store's {@link StoreIndex}. */
class StoreLinkerTest {
  @TempDir Path tmp;

  /** Writes files into {@code dir} and returns the entry describing them. */
  private static StoredPackage entry(Path dir, Map<String, String> files, String mode)
      throws IOException {
    List<StoredPackage.StoredFile> out = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(files).entrySet()) {
      Path f = dir.resolve(e.getKey());
      Files.createDirectories(f.getParent());
      Files.writeString(f, e.getValue());
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
      out.add(
          new StoredPackage.StoredFile(
              e.getKey(), Files.size(f), Files.getLastModifiedTime(f).to(TimeUnit.NANOSECONDS)));
    }
    return StoreIndex.parse(dir, StoreIndex.format(out, true)).orElseThrow();
  }

  @Test
  void linksShareTheInodeAndTheMode() throws IOException {
    StoredPackage pkg =
        entry(
            tmp.resolve("store/p"),
            Map.of("package.json", "{}", "lib/a/b.js", "b", "lib/c.js", "c"),
            "rwxr-xr-x");
    assertEquals(List.of("lib", "lib/a"), pkg.dirs());
    Files.createDirectories(tmp.resolve("nm"));
    StoreLinker linker = new StoreLinker();
    linker.place(pkg, tmp.resolve("nm/p"));
    assertEquals(3, linker.linked());
    assertEquals(0, linker.copied());
    assertEquals("b", Files.readString(tmp.resolve("nm/p/lib/a/b.js")));
    assertEquals(
        Files.getAttribute(tmp.resolve("store/p/lib/c.js"), "unix:ino"),
        Files.getAttribute(tmp.resolve("nm/p/lib/c.js"), "unix:ino"));
    assertEquals(
        "rwxr-xr-x",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("nm/p/lib/c.js"))));
  }

  @Test
  void aChangedStoreFileIsStale() throws IOException {
    StoredPackage pkg = entry(tmp.resolve("store/p"), Map.of("a.js", "a"), "rw-r--r--");
    Files.writeString(tmp.resolve("store/p/a.js"), "changed");
    Files.createDirectories(tmp.resolve("nm"));
    assertThrows(
        StoreLinker.StaleEntryException.class,
        () -> new StoreLinker().place(pkg, tmp.resolve("nm/p")));
    Files.delete(tmp.resolve("store/p/a.js"));
    Files.createSymbolicLink(tmp.resolve("store/p/a.js"), tmp.resolve("elsewhere"));
    assertThrows(
        StoreLinker.StaleEntryException.class,
        () -> new StoreLinker().place(pkg, tmp.resolve("nm/q")));
  }

  @Test
  void aStoreOnAnotherFileSystemIsCopiedWithTheSameModes() throws IOException {
    Path shm = Path.of("/dev/shm");
    Assumptions.assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm), "no /dev/shm");
    Assumptions.assumeFalse(
        Files.getFileStore(shm).equals(Files.getFileStore(tmp)), "/dev/shm on the same device");
    Path store = Files.createTempDirectory(shm, "quoll-store-test");
    try {
      StoredPackage pkg =
          entry(store, Map.of("bin/run.js", "#!/bin/sh\n", "README.md", "r"), "rwxr-xr-x");
      Files.setPosixFilePermissions(
          store.resolve("README.md"), PosixFilePermissions.fromString("rw-r--r--"));
      pkg = StoreIndex.parse(store, StoreIndex.format(refresh(store, pkg), true)).orElseThrow();
      Files.createDirectories(tmp.resolve("nm"));
      StoreLinker linker = new StoreLinker();
      linker.place(pkg, tmp.resolve("nm/p"));
      assertEquals(0, linker.linked());
      assertEquals(2, linker.copied());
      assertEquals("#!/bin/sh\n", Files.readString(tmp.resolve("nm/p/bin/run.js")));
      assertEquals(
          "rwxr-xr-x",
          PosixFilePermissions.toString(
              Files.getPosixFilePermissions(tmp.resolve("nm/p/bin/run.js"))));
      assertEquals(
          "rw-r--r--",
          PosixFilePermissions.toString(
              Files.getPosixFilePermissions(tmp.resolve("nm/p/README.md"))));
      assertNotEquals(
          Files.getAttribute(store.resolve("README.md"), "unix:ino"),
          Files.getAttribute(tmp.resolve("nm/p/README.md"), "unix:ino"));
    } finally {
      try (var walk = Files.walk(store)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static List<StoredPackage.StoredFile> refresh(Path dir, StoredPackage pkg)
      throws IOException {
    List<StoredPackage.StoredFile> out = new ArrayList<>();
    for (StoredPackage.StoredFile f : pkg.files()) {
      Path p = dir.resolve(f.path());
      out.add(
          new StoredPackage.StoredFile(
              f.path(), Files.size(p), Files.getLastModifiedTime(p).to(TimeUnit.NANOSECONDS)));
    }
    return out;
  }

  @Test
  void indexRoundTripsOddNamesAndRefusesEscapes() {
    List<StoredPackage.StoredFile> files =
        List.of(
            new StoredPackage.StoredFile("a b/100%\tx\n.js", 3, 7),
            new StoredPackage.StoredFile("z.js", 0, -1));
    StoredPackage back = StoreIndex.parse(tmp, StoreIndex.format(files, false)).orElseThrow();
    assertEquals(files, back.files());
    assertEquals(List.of("a b"), back.dirs());
    for (String bad :
        List.of(
            "f 1 1 ../x",
            "f 1 1 /etc/passwd",
            "d a/../../b",
            "f 1 1 a//b",
            "f 1 1 ./a",
            "f x 1 a",
            "f 1 1 a%zz",
            "q a")) {
      assertEquals(
          Optional.empty(),
          StoreIndex.parse(tmp, StoreIndex.HEADER + "\nbins no\n" + bad + "\n"),
          bad);
    }
    assertTrue(!back.mayHaveBins());
    assertTrue(StoreIndex.parse(tmp, "quoll-unpacked 1\nf 1 1 a\n").isEmpty()); // older layout
    assertTrue(StoreIndex.parse(tmp, StoreIndex.HEADER + "\nbins maybe\n").isEmpty());
    assertTrue(StoreIndex.parse(tmp, "other 2\n").isEmpty());
    assertTrue(
        StoreIndex.parse(tmp, StoreIndex.HEADER + "\nbins no\nf 1 1 a").isEmpty()); // cut short
  }
}
