package dev.quoll.core.tarball;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quoll.core.CoreException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public API of packing: results, files on disk, errors. */
class PackApiTest {
  @TempDir Path tmp;

  @Test
  void packedBytesAreTheGzippedTarWithTheirOwnDigests() throws Exception {
    Path dir = PackFixtureSet.binScoped(tmp.resolve("pkg"));
    PackedTarball packed = Pack.pack(dir);
    byte[] tgz = packed.bytes();
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    List<PackedFile> entries = Pack.tar(dir, tar);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(tgz))) {
      assertArrayEquals(tar.toByteArray(), in.readAllBytes());
    }
    PackResult r = packed.result();
    assertEquals("@quoll-test/tool@3.1.4", r.id());
    assertEquals("quoll-test-tool-3.1.4.tgz", r.filename());
    assertEquals(tgz.length, r.size());
    assertEquals(entries.size(), r.entryCount());
    assertEquals(
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(tgz)), r.shasum());
    assertEquals(
        "sha512-"
            + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(tgz)),
        r.integrity());
    assertEquals(
        List.of(
            "bin/other.js",
            "bin/x/deep.js",
            "cli.js",
            "group-writable.js",
            "owner-only-exec",
            "package.json",
            "private.key",
            "readonly.txt",
            "scripts/run.sh"),
        r.files().stream().map(PackedFile::path).toList());
  }

  @Test
  void packToWritesTheNamedFile() throws Exception {
    Path dir = PackFixtureSet.plain(tmp.resolve("plain"));
    Path out = Files.createDirectories(tmp.resolve("out"));
    PackResult r = Pack.packTo(dir, out);
    assertEquals("plain-1.0.0.tgz", r.filename());
    assertEquals(r.size(), Files.size(out.resolve(r.filename())));
    try (var files = Files.list(out)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void errorsCarryNpmStyleCodes() throws Exception {
    assertEquals(
        "ENOENT",
        assertThrows(CoreException.class, () -> PackList.of(tmp.resolve("missing"))).code());
    Path bad = PackFixtures.at(tmp.resolve("bad")).file("package.json", "{\"name\":").dir();
    assertEquals("EJSONPARSE", assertThrows(CoreException.class, () -> PackList.of(bad)).code());
    Path files =
        PackFixtures.at(tmp.resolve("files"))
            .file("package.json", "{\"name\":\"f\",\"version\":\"1.0.0\",\"files\":{\"a\":1}}")
            .dir();
    assertEquals("EBADFILES", assertThrows(CoreException.class, () -> PackList.of(files)).code());
    Path noName =
        PackFixtures.at(tmp.resolve("noname"))
            .file("package.json", "{\"version\":\"1.0.0\"}")
            .dir();
    assertEquals(
        "EINVALIDPACKAGENAME", assertThrows(CoreException.class, () -> Pack.pack(noName)).code());
    Path noVersion =
        PackFixtures.at(tmp.resolve("noversion")).file("package.json", "{\"name\":\"x\"}").dir();
    assertEquals(
        "EINVALIDVERSION", assertThrows(CoreException.class, () -> Pack.pack(noVersion)).code());
  }

  @Test
  void writerRefusesEntriesAfterTheEndAndChecksContentLength() throws Exception {
    TarballWriter w = new TarballWriter(new ByteArrayOutputStream(), TarballWriter.NPM_MTIME);
    assertThrows(
        java.io.IOException.class,
        () -> w.addFile("package/a", 0644, 5, new ByteArrayInputStream(new byte[3])));
    TarballWriter w2 = new TarballWriter(new ByteArrayOutputStream(), TarballWriter.NPM_MTIME);
    assertThrows(
        java.io.IOException.class,
        () -> w2.addFile("package/a", 0644, 2, new ByteArrayInputStream(new byte[3])));
    TarballWriter w3 = new TarballWriter(new ByteArrayOutputStream(), TarballWriter.NPM_MTIME);
    w3.addFile("package/a", 0644, 3, new ByteArrayInputStream(new byte[3]));
    w3.finish();
    assertEquals(512 + 512 + 1024, w3.bytesWritten());
    assertThrows(IllegalStateException.class, () -> w3.addHardLink("package/b", 0644, "package/a"));
  }
}
