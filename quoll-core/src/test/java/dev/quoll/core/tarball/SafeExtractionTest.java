package dev.quoll.core.tarball;

import static dev.quoll.core.tarball.TarballFixtures.tar;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.core.CoreException;
import dev.quoll.core.integrity.Integrity;
import dev.quoll.core.integrity.IntegrityChecker;
import dev.quoll.core.integrity.VerifyingInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each refusal rule of {@link Extraction}, on tarballs crafted to escape the target. */
class SafeExtractionTest {
  @TempDir Path temp;
  Path target;
  Path outside;

  @BeforeEach
  void setUp() throws IOException {
    target = temp.resolve("work/target");
    outside = temp.resolve("work/outside");
    Files.createDirectories(target);
    Files.createDirectories(outside);
    Files.writeString(outside.resolve("victim.txt"), "original");
  }

  /** Whatever a test did, nothing outside the target changed. */
  @AfterEach
  void nothingOutsideTheTarget() throws IOException {
    assertEquals("original", Files.readString(outside.resolve("victim.txt")));
    try (Stream<Path> all = Files.walk(temp.resolve("work"))) {
      List<String> outsideTarget =
          all.filter(p -> !p.startsWith(target))
              .map(p -> temp.relativize(p).toString())
              .sorted()
              .toList();
      assertEquals(
          List.of("work", "work/outside", "work/outside/victim.txt"),
          outsideTarget,
          "only the fixture exists outside the target");
    }
    try (Stream<Path> all = Files.list(temp)) {
      assertEquals(List.of(temp.resolve("work")), all.toList());
    }
  }

  private ExtractionResult extract(byte[] tgz) {
    return Extraction.extract(new ByteArrayInputStream(tgz), target, ExtractOptions.DEFAULT);
  }

  private Set<String> filesInTarget() {
    try (Stream<Path> all = Files.walk(target)) {
      Set<String> out = new TreeSet<>();
      all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .forEach(p -> out.add(target.relativize(p).toString()));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> codes(ExtractionResult r) {
    return r.warnings().stream().map(TarballWarning::code).toList();
  }

  @Test
  void stripsAnyFirstSegment() throws IOException {
    ExtractionResult r =
        extract(
            tar().file("node/index.js", "a").file("node/lib/x.js", "b").file("top.txt", "c").tgz());
    assertEquals(Set.of("index.js", "lib/x.js"), filesInTarget());
    assertEquals(List.of("index.js", "lib/x.js"), r.files());
    assertEquals("b", Files.readString(target.resolve("lib/x.js")));
    assertEquals(List.of(), r.warnings());
  }

  @Test
  void dotDotSegmentsAreRefused() {
    ExtractionResult r =
        extract(
            tar()
                .file("package/../../outside/victim.txt", "pwned")
                .file("package/a/../../../work/outside/victim.txt", "pwned")
                .file("package/a\\..\\..\\evil.txt", "pwned")
                .file("package/c:..\\evil.txt", "pwned")
                .file("package/ok.txt", "ok")
                .tgz());
    assertEquals(Set.of("ok.txt"), filesInTarget());
    assertEquals(
        List.of("TAR_ENTRY_ERROR", "TAR_ENTRY_ERROR", "TAR_ENTRY_ERROR", "TAR_ENTRY_ERROR"),
        codes(r));
    CoreException e =
        assertThrows(
            CoreException.class,
            () ->
                Extraction.extract(
                    new ByteArrayInputStream(tar().file("package/../x", "pwned").tgz()),
                    target,
                    ExtractOptions.DEFAULT.withStrict(true)));
    assertEquals("EBADTAR", e.code());
  }

  @Test
  void absolutePathsAndDriveLettersAreMadeRelative() {
    ExtractionResult r =
        extract(
            tar()
                .file("/abs1.txt", "1")
                .file("package//abs2.txt", "2")
                .file("package/C:/drive.txt", "3")
                .file("package/d:rel.txt", "4")
                .file("package/\\\\server\\share\\unc.txt", "5")
                .tgz());
    assertEquals(
        Set.of("abs1.txt", "abs2.txt", "drive.txt", "rel.txt", "unc.txt"), filesInTarget());
    assertEquals(
        List.of("TAR_ENTRY_INFO", "TAR_ENTRY_INFO", "TAR_ENTRY_INFO", "TAR_ENTRY_INFO"), codes(r));
  }

  @Test
  void linksDevicesAndFifosAreNotExtracted() throws IOException {
    ExtractionResult r =
        extract(
            tar()
                .link("package/sym", TarConstants.LF_SYMLINK, "../../outside")
                .link("package/abs", TarConstants.LF_SYMLINK, "/etc")
                .link("package/hard", TarConstants.LF_LINK, "package/../../outside/victim.txt")
                .special("package/chr", TarConstants.LF_CHR)
                .special("package/blk", TarConstants.LF_BLK)
                .special("package/fifo", TarConstants.LF_FIFO)
                .file("package/sym/victim.txt", "pwned")
                .tgz());
    assertEquals(Set.of("sym/victim.txt"), filesInTarget());
    assertTrue(Files.isDirectory(target.resolve("sym"), LinkOption.NOFOLLOW_LINKS));
    assertEquals(
        List.of(
            "TAR_ENTRY_UNSUPPORTED",
            "TAR_ENTRY_UNSUPPORTED",
            "TAR_ENTRY_UNSUPPORTED",
            "TAR_ENTRY_UNSUPPORTED",
            "TAR_ENTRY_UNSUPPORTED",
            "TAR_ENTRY_UNSUPPORTED"),
        codes(r));
  }

  @Test
  void neverWritesThroughAnExistingSymlink() throws IOException {
    Files.createSymbolicLink(target.resolve("dir"), outside);
    Files.createSymbolicLink(target.resolve("file.txt"), outside.resolve("victim.txt"));
    Files.createDirectories(target.resolve("sub"));
    Files.createSymbolicLink(target.resolve("sub/deeper"), Path.of("../../outside"));
    ExtractionResult r =
        extract(
            tar()
                .file("package/dir/victim.txt", "pwned")
                .file("package/file.txt", "replaced")
                .file("package/sub/deeper/victim.txt", "pwned")
                .tgz());
    assertEquals(List.of("TAR_ENTRY_ERROR", "TAR_ENTRY_ERROR"), codes(r));
    assertFalse(Files.isSymbolicLink(target.resolve("file.txt")), "the link itself was replaced");
    assertEquals("replaced", Files.readString(target.resolve("file.txt")));
    Files.delete(target.resolve("dir"));
    Files.delete(target.resolve("sub/deeper"));
  }

  @Test
  void excessiveDepthIsRefused() {
    String deep = "package/" + "d/".repeat(1025) + "f.txt";
    ExtractionResult r =
        extract(
            tar().file(deep, "deep").file("package/" + "d/".repeat(100) + "ok.txt", "fine").tgz());
    assertEquals(Set.of("d/".repeat(100) + "ok.txt"), filesInTarget());
    assertEquals(List.of("TAR_ENTRY_ERROR"), codes(r));
  }

  @Test
  void namesWithNulAreRefused() {
    // commons-compress cuts pax paths at NUL when reading, so test the rule itself as well
    extract(tar().paxFile("package/nul.txt", Map.of("path", "package/a\0b.txt"), "x").tgz());
    assertTrue(filesInTarget().stream().noneMatch(f -> f.indexOf('\0') >= 0));
    assertEquals(
        new PackagePaths.Skip(
            java.util.Optional.of(
                new TarballWarning(
                    "TAR_ENTRY_ERROR", "package/a\0b", "path contains a NUL character"))),
        PackagePaths.checkPath("package/a\0b", "package/a\0b"));
  }

  @Test
  void paxAndGnuLongNamesAreHonoured() throws IOException {
    String longName = "package/" + "long-directory-name/".repeat(8) + "file-\u00e9\u4e2d.txt";
    extract(tar().file(longName, "pax").tgz());
    extract(tar().gnuLongNames().file(longName.replace(".txt", "2.txt"), "gnu").tgz());
    extract(tar().paxFile("package/short.txt", Map.of("path", "package/renamed.txt"), "p").tgz());
    String stripped = longName.substring("package/".length());
    assertEquals("pax", Files.readString(target.resolve(stripped)));
    assertEquals("gnu", Files.readString(target.resolve(stripped.replace(".txt", "2.txt"))));
    assertEquals("p", Files.readString(target.resolve("renamed.txt")));
  }

  @Test
  void gitignoreBecomesNpmignoreUnlessOneCameFirst() throws IOException {
    extract(
        tar()
            .file("package/.gitignore", "git")
            .file("package/a/.npmignore", "npm")
            .file("package/a/.gitignore", "git-a")
            .tgz());
    assertEquals(Set.of(".npmignore", "a/.npmignore"), filesInTarget());
    assertEquals("git", Files.readString(target.resolve(".npmignore")));
    assertEquals("npm", Files.readString(target.resolve("a/.npmignore")));
  }

  @Test
  void modesFollowPacote() throws IOException {
    extract(
        tar()
            .file("package/plain.js", "", 0600)
            .file("package/exec.sh", "", 0755)
            .file("package/setuid", "", 04755)
            .file("package/bin/cli.js", "", 0644)
            .tgz());
    Extraction.extract(
        new ByteArrayInputStream(tar().file("package/bin/cli.js", "", 0644).tgz()),
        target,
        ExtractOptions.DEFAULT.withBinPaths(Set.of("bin/cli.js")));
    assertEquals("rw-r--r--", mode("plain.js"));
    assertEquals("rwxr-xr-x", mode("exec.sh"));
    assertEquals("rwxr-xr-x", mode("setuid"));
    assertEquals("rwxr-xr-x", mode("bin/cli.js"));
    assertEquals("rwxr-xr-x", mode("bin"));
  }

  private String mode(String path) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(target.resolve(path), LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void laterDuplicatesWinAndConflictsAreSkipped() throws IOException {
    ExtractionResult r =
        extract(
            tar()
                .file("package/a.txt", "one")
                .file("package/a.txt", "two")
                .file("package/f", "file")
                .file("package/f/inside.txt", "x")
                .file("package/d/x.txt", "x")
                .file("package/d", "file over a non-empty directory")
                .dir("package/emptydir")
                .tgz());
    assertEquals("two", Files.readString(target.resolve("a.txt")));
    assertEquals(Set.of("a.txt", "f", "d/x.txt"), filesInTarget());
    assertEquals(List.of("TAR_ENTRY_ERROR", "TAR_ENTRY_ERROR"), codes(r));
    assertFalse(Files.exists(target.resolve("emptydir")), "npm creates no empty directories");
  }

  @Test
  void limitsAndBrokenArchivesFailWithEbadtar() {
    byte[] big = tar().file("package/big.bin", "x".repeat(5000)).tgz();
    CoreException tooBig =
        assertThrows(
            CoreException.class,
            () ->
                Extraction.extract(
                    new ByteArrayInputStream(big),
                    target,
                    ExtractOptions.DEFAULT.withLimits(new TarballLimits(4096, 1 << 20, 10))));
    assertEquals("EBADTAR", tooBig.code());
    assertEquals("EBADTAR", assertThrows(CoreException.class, () -> extract(new byte[0])).code());
    byte[] garbage = "this is not a tarball at all, not even close".repeat(30).getBytes();
    assertEquals("EBADTAR", assertThrows(CoreException.class, () -> extract(garbage)).code());
    byte[] gzippedGarbage = gzip(garbage);
    assertEquals(
        "EBADTAR", assertThrows(CoreException.class, () -> extract(gzippedGarbage)).code());
    byte[] tgz = tar().file("package/a.txt", "y".repeat(100_000)).tgz();
    byte[] zeroPadded = Arrays.copyOf(tgz, tgz.length + 10);
    assertEquals(List.of("a.txt"), extract(zeroPadded).files(), "zlib accepts zero padding");
    byte[] trailingGarbage = Arrays.copyOf(tgz, tgz.length + 10);
    trailingGarbage[tgz.length] = 'x';
    assertEquals(
        "EBADTAR", assertThrows(CoreException.class, () -> extract(trailingGarbage)).code());
    byte[] twoMembers = new byte[tgz.length * 2];
    System.arraycopy(tgz, 0, twoMembers, 0, tgz.length);
    System.arraycopy(tgz, 0, twoMembers, tgz.length, tgz.length);
    assertEquals(List.of("a.txt"), extract(twoMembers).files(), "concatenated members");
    byte[] truncated = Arrays.copyOf(tgz, tgz.length / 2);
    assertEquals("EBADTAR", assertThrows(CoreException.class, () -> extract(truncated)).code());
  }

  private static byte[] gzip(byte[] data) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Test
  void plainTarIsAcceptedLikeNodeTar() throws IOException {
    extract(tar().file("package/a.txt", "plain").plain());
    assertEquals("plain", Files.readString(target.resolve("a.txt")));
  }

  @Test
  void integrityFailureOfTheInputPropagates() {
    byte[] tgz = tar().file("package/a.txt", "content").tgz();
    Integrity wrong = Integrity.fromData("other".getBytes(StandardCharsets.UTF_8));
    CoreException e =
        assertThrows(
            CoreException.class,
            () ->
                Extraction.extract(
                    new VerifyingInputStream(
                        new ByteArrayInputStream(tgz), IntegrityChecker.of(wrong)),
                    target,
                    ExtractOptions.DEFAULT));
    assertEquals("EINTEGRITY", e.code());
    VerifyingInputStream ok =
        new VerifyingInputStream(
            new ByteArrayInputStream(tgz), IntegrityChecker.of(Integrity.fromData(tgz)));
    Extraction.extract(ok, target, ExtractOptions.DEFAULT);
    assertTrue(ok.verified().isPresent(), "extraction reads the input to its end");
  }

  @Test
  void readerAppliesTheSameRulesInMemory() {
    byte[] tgz =
        tar()
            .file("pkg/package.json", "{\"name\":\"a\"}")
            .file("pkg/../evil", "x")
            .link("pkg/link", TarConstants.LF_SYMLINK, "/etc/passwd")
            .file("pkg/lib/x.js", "x")
            .file("pkg/package.json", "{\"name\":\"b\"}")
            .tgz();
    TarballContents all =
        TarballReader.readAll(new ByteArrayInputStream(tgz), TarballLimits.DEFAULT);
    assertEquals(
        List.of("package.json", "lib/x.js"), all.files().stream().map(TarballFile::path).toList());
    assertArrayEquals(
        "{\"name\":\"b\"}".getBytes(StandardCharsets.UTF_8),
        all.file("package.json").orElseThrow().content());
    assertEquals(2, all.warnings().size());
    assertArrayEquals(
        "{\"name\":\"b\"}".getBytes(StandardCharsets.UTF_8),
        TarballReader.readFile(new ByteArrayInputStream(tgz), "package.json", 100).orElseThrow());
    assertTrue(TarballReader.readFile(new ByteArrayInputStream(tgz), "nope", 100).isEmpty());
    assertEquals(
        "EBADTAR",
        assertThrows(
                CoreException.class,
                () -> TarballReader.readFile(new ByteArrayInputStream(tgz), "package.json", 5))
            .code());
    assertEquals(
        5, TarballReader.list(new ByteArrayInputStream(tgz), TarballLimits.DEFAULT).size());
  }
}
