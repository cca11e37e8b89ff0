package dev.quoll.core.tarball;

import static dev.quoll.core.tarball.TarballFixtures.tar;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import dev.quoll.testkit.NpmOracle;
import dev.quoll.testkit.OraclePackages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extraction compared with npm itself: real package tarballs fetched with {@code npm pack} and
 * crafted ones are extracted by pacote 21 with node-tar 7 as bundled by npm 11 (npm's extractor,
 * under node) and by {@link Extraction}; the resulting trees (paths, kinds, permission bits, bytes)
 * must be equal. The real tarballs are also compared with a plain {@code tar -xzf} of the same file
 * (file list and bytes), and read in memory with {@link TarballReader}.
 */
class ExtractionOracleTest {
  private static final String PACOTE = OraclePackages.PACOTE;

  /** Small real packages; {@code @types/node@0.0.1}'s folder is {@code node/}, not package/. */
  private static final List<String> PACKAGES =
      List.of("ms@2.1.3", "which@5.0.0", "@types/node@0.0.1", "semver@7.7.3", "tar@7.5.23");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Path PACK_DIR = Path.of("target/npm-pack").toAbsolutePath();

  @TempDir static Path temp;

  @BeforeAll
  static void packRealTarballs() throws IOException, InterruptedException {
    Files.createDirectories(PACK_DIR);
    List<String> missing =
        PACKAGES.stream().filter(spec -> !Files.exists(PACK_DIR.resolve(fileName(spec)))).toList();
    if (missing.isEmpty()) {
      return;
    }
    List<String> cmd =
        new ArrayList<>(
            List.of("npm", "pack", "--silent", "--pack-destination", PACK_DIR.toString()));
    cmd.addAll(missing);
    Process p =
        new ProcessBuilder(cmd)
            .directory(PACK_DIR.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "npm pack timed out");
    assertEquals(0, p.exitValue(), "npm pack " + missing);
  }

  private static String fileName(String spec) {
    int at = spec.lastIndexOf('@');
    return spec.substring(0, at).replace("@", "").replace('/', '-')
        + "-"
        + spec.substring(at + 1)
        + ".tgz";
  }

  /** pacote's file: fetcher reads package.json after extracting, so every case has one. */
  private static final String MANIFEST_PATH = "package/package.json";

  private static final String MANIFEST = "{\"name\":\"crafted\",\"version\":\"1.0.0\"}";

  private static Map<String, byte[]> crafted() {
    Map<String, byte[]> cases = new LinkedHashMap<>();
    cases.put(
        "other-first-folder",
        tar()
            .file("node/package.json", MANIFEST)
            .file("node/index.js", "a")
            .file("node/lib/x.js", "b")
            .file("top.txt", "c")
            .tgz());
    cases.put(
        "dot-dot",
        tar()
            .file(MANIFEST_PATH, MANIFEST)
            .file("package/../escape.txt", "x")
            .file("package/a/../../escape2.txt", "x")
            .file("package/a\\..\\..\\escape3.txt", "x")
            .file("package/c:..\\escape4.txt", "x")
            .file("package/ok.txt", "ok")
            .tgz());
    cases.put(
        "absolute",
        tar()
            .file(MANIFEST_PATH, MANIFEST)
            .file("/abs1.txt", "1")
            .file("package//abs2.txt", "2")
            .file("package/C:/drive.txt", "3")
            .file("package/d:rel.txt", "4")
            .file("package/\\\\server\\share\\unc.txt", "5")
            .file("package//\\/mixed.txt", "6")
            .tgz());
    cases.put(
        "links-and-specials",
        tar()
            .file(MANIFEST_PATH, MANIFEST)
            .link("package/sym", TarConstants.LF_SYMLINK, "../../outside")
            .link("package/abs", TarConstants.LF_SYMLINK, "/etc")
            .link("package/hard", TarConstants.LF_LINK, "package/ok.txt")
            .special("package/chr", TarConstants.LF_CHR)
            .special("package/blk", TarConstants.LF_BLK)
            .special("package/fifo", TarConstants.LF_FIFO)
            .special("package/contiguous", (byte) '7')
            .special("package/unknown", (byte) 'Z')
            .file("package/sym/inside.txt", "under a name that was a link")
            .file("package/ok.txt", "ok")
            .tgz());
    cases.put(
        "nul",
        tar()
            .file(MANIFEST_PATH, MANIFEST)
            .paxFile("package/nul.txt", Map.of("path", "package/a\0b.txt"), "x")
            .tgz());
    cases.put(
        "deep",
        tar()
            .file(MANIFEST_PATH, MANIFEST)
            .file("package/" + "d/".repeat(1025) + "f.txt", "deep")
            .file("package/" + "e/".repeat(60) + "ok.txt", "fine")
            .tgz());
    String longName = "package/" + "long-directory-name/".repeat(8) + "file-\u00e9\u4e2d.txt";
    cases.put("pax-long", tar().file(MANIFEST_PATH, MANIFEST).file(longName, "pax").tgz());
    cases.put(
        "gnu-long", tar().file(MANIFEST_PATH, MANIFEST).gnuLongNames().file(longName, "gnu").tgz());
    cases.put(
        "pax-path",
        tar()
            .file(MANIFEST_PATH, MANIFEST)
            .paxFile("package/x.txt", Map.of("path", "package/y.txt"), "p")
            .tgz());
    cases.put(
        "ignores",
        tar()
            .file(MANIFEST_PATH, MANIFEST)
            .file("package/.gitignore", "git")
            .file("package/a/.npmignore", "npm")
            .file("package/a/.gitignore", "git-a")
            .file("package/b/.gitignore", "git-b")
            .file("package/b/.npmignore", "npm-b")
            .tgz());
    cases.put(
        "modes",
        tar()
            .file(MANIFEST_PATH, MANIFEST)
            .file("package/m600", "", 0600)
            .file("package/m755", "", 0755)
            .file("package/m700", "", 0700)
            .file("package/m000", "", 0)
            .file("package/m777", "", 0777)
            .file("package/m640", "", 0640)
            .file("package/m711", "", 0711)
            .tgz());
    cases.put(
        "conflicts",
        tar()
            .file(MANIFEST_PATH, MANIFEST)
            .file("package/a.txt", "one")
            .file("package/a.txt", "two")
            .file("package/f", "file")
            .file("package/f/inside.txt", "x")
            .file("package/d/x.txt", "x")
            .file("package/d", "file over a non-empty directory")
            .dir("package/emptydir")
            .dir("package/e")
            .file("package/e", "file over an empty directory")
            .tgz());
    cases.put(
        "odd-names",
        tar()
            .file(MANIFEST_PATH, MANIFEST)
            .file("./package/dot-first.txt", "1")
            .file("package/.", "2")
            .file("package", "3")
            .file("package/./x/./y.txt", "4")
            .file("package/trailing/", "")
            .file("package/a\\b.txt", "6")
            .file("package/sp ace/\u00fc.txt", "7")
            .file("package/a//b.txt", "8")
            .tgz());
    cases.put(
        "global-pax-path",
        tar()
            .globalPax(Map.of("path", "package/global.txt", "mtime", "1"))
            .file(MANIFEST_PATH, MANIFEST)
            .file("package/a.txt", "a")
            .file("package/b.txt", "b")
            .tgz());
    cases.put(
        "old-file-type",
        tar().file(MANIFEST_PATH, MANIFEST).raw("package/old.txt", (byte) 0, "old").tgz());
    byte[] small = tar().file(MANIFEST_PATH, MANIFEST).file("package/a.txt", "a").tgz();
    byte[] padded = Arrays.copyOf(small, small.length + 100);
    cases.put("gzip-zero-padding", padded);
    byte[] garbage = padded.clone();
    garbage[small.length + 3] = 'x';
    cases.put("gzip-zeros-then-garbage", garbage);
    byte[] garbageFirst = padded.clone();
    garbageFirst[small.length] = 'x';
    cases.put("gzip-trailing-garbage", garbageFirst);
    byte[] second = tar().file("package/b.txt", "b").tgz();
    byte[] two = Arrays.copyOf(small, small.length + second.length);
    System.arraycopy(second, 0, two, small.length, second.length);
    cases.put("gzip-two-members", two);
    cases.put("gzip-truncated", Arrays.copyOf(small, small.length - 4));
    return cases;
  }

  private static final String SCRIPT =
      """
      const pacote = require('pacote');
      const fs = require('fs');
      const path = require('path');
      process.umask(0o022);
      const list = (root) => {
        const out = [];
        const walk = (rel) => {
          for (const name of fs.readdirSync(path.join(root, rel)).sort()) {
            const r = rel ? rel + '/' + name : name;
            const st = fs.lstatSync(path.join(root, r));
            const type = st.isSymbolicLink() ? 'symlink' : st.isDirectory() ? 'dir'
              : st.isFile() ? 'file' : 'other';
            const e = { path: r, type, mode: st.mode & 0o777 };
            if (type === 'file') e.content = fs.readFileSync(path.join(root, r)).toString('base64');
            out.push(e);
            if (type === 'dir') walk(r);
          }
        };
        walk('');
        return out;
      };
      (async () => {
        process.on('log', () => {});
        const results = [];
        for (const c of input.cases) {
          try {
            await pacote.extract('file:' + c.file, c.dest, { umask: 0o22, cache: input.cache });
            results.push({ tree: list(c.dest) });
          } catch (e) {
            results.push({ failed: true });
          }
        }
        output(results);
      })();
      """;

  @Test
  void treesEqualPacotes() throws IOException {
    Map<String, Path> files = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> c : crafted().entrySet()) {
      Path f = temp.resolve("crafted-" + c.getKey() + ".tgz");
      Files.write(f, c.getValue());
      files.put(c.getKey(), f);
    }
    for (String spec : PACKAGES) {
      files.put(spec, PACK_DIR.resolve(fileName(spec)));
    }
    List<Map<String, String>> cases = new ArrayList<>();
    int i = 0;
    for (Path f : files.values()) {
      cases.add(Map.of("file", f.toString(), "dest", temp.resolve("pacote/" + i++).toString()));
    }
    JsonNode expected =
        NpmOracle.install(PACOTE, OraclePackages.TAR)
            .run(SCRIPT, Map.of("cases", cases, "cache", temp.resolve("pacote-cache").toString()));
    List<String> mismatches = new ArrayList<>();
    i = 0;
    for (Map.Entry<String, Path> c : files.entrySet()) {
      Path dest = temp.resolve("quoll/" + i);
      JsonNode actual;
      try (InputStream in = Files.newInputStream(c.getValue())) {
        Extraction.extract(in, dest, ExtractOptions.DEFAULT);
        actual = F.objectNode().set("tree", tree(dest));
      } catch (CoreException e) {
        actual = F.objectNode().put("failed", true);
      }
      if (!expected.get(i).equals(actual)) {
        mismatches.add(c.getKey() + "\n    pacote: " + expected.get(i) + "\n    quoll:  " + actual);
      }
      if (expected.get(i).has("tree")) {
        mismatches.addAll(
            inMemoryMismatches(c.getKey(), c.getValue(), expected.get(i).get("tree")));
      }
      i++;
    }
    if (!mismatches.isEmpty()) {
      fail(
          mismatches.size()
              + " of "
              + files.size()
              + " trees differ:\n"
              + String.join("\n", mismatches));
    }
  }

  /** {@link TarballReader#readAll} must hold exactly the files pacote wrote. */
  private static List<String> inMemoryMismatches(String name, Path tgz, JsonNode tree)
      throws IOException {
    Map<String, String> wanted = new TreeMap<>();
    for (JsonNode e : tree) {
      if (e.get("type").asText().equals("file")) {
        wanted.put(e.get("path").asText(), e.get("content").asText());
      }
    }
    Map<String, String> got = new TreeMap<>();
    try (InputStream in = Files.newInputStream(tgz)) {
      for (TarballFile f : TarballReader.readAll(in, TarballLimits.DEFAULT).files()) {
        got.put(f.path(), Base64.getEncoder().encodeToString(f.content()));
      }
    }
    List<String> out = new ArrayList<>();
    if (!wanted.equals(got)) {
      out.add(name + " in memory\n    pacote: " + wanted + "\n    quoll:  " + got);
    }
    for (String path : List.of("package.json", "index.js", "a.txt", "d")) {
      try (InputStream in = Files.newInputStream(tgz)) {
        String one =
            TarballReader.readFile(in, path, 1 << 20)
                .map(b -> Base64.getEncoder().encodeToString(b))
                .orElse(null);
        if (!java.util.Objects.equals(wanted.get(path), one)) {
          out.add(name + " readFile " + path + ": pacote " + wanted.get(path) + ", quoll " + one);
        }
      }
    }
    return out;
  }

  /** The same listing as the node script: depth first, names sorted by UTF-16 units. */
  private static ArrayNode tree(Path root) throws IOException {
    ArrayNode out = F.arrayNode();
    walk(root, "", out);
    return out;
  }

  private static void walk(Path root, String rel, ArrayNode out) throws IOException {
    Path dir = rel.isEmpty() ? root : root.resolve(rel);
    List<String> names;
    try (Stream<Path> s = Files.list(dir)) {
      names = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    for (String name : names) {
      String r = rel.isEmpty() ? name : rel + "/" + name;
      Path p = root.resolve(r);
      String type =
          Files.isSymbolicLink(p)
              ? "symlink"
              : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                  ? "dir"
                  : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? "file" : "other";
      ObjectNode e = out.addObject();
      e.put("path", r);
      e.put("type", type);
      e.put("mode", (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0777);
      if (type.equals("file")) {
        e.put("content", Base64.getEncoder().encodeToString(Files.readAllBytes(p)));
      }
      if (type.equals("dir")) {
        walk(root, r, out);
      }
    }
  }

  @Test
  void realTarballsMatchTarXzf() throws IOException, InterruptedException {
    for (String spec : PACKAGES) {
      Path tgz = PACK_DIR.resolve(fileName(spec));
      Path byTar = temp.resolve("tar/" + spec.replace('/', '_'));
      Files.createDirectories(byTar);
      Process p =
          new ProcessBuilder("tar", "-xzf", tgz.toString(), "-C", byTar.toString())
              .redirectErrorStream(true)
              .start();
      String log = new String(p.getInputStream().readAllBytes());
      assertTrue(p.waitFor(1, TimeUnit.MINUTES));
      assertEquals(0, p.exitValue(), log);
      Map<String, byte[]> expected = new TreeMap<>();
      try (Stream<Path> all = Files.walk(byTar)) {
        for (Path f : all.filter(Files::isRegularFile).toList()) {
          Path rel = byTar.relativize(f);
          expected.put(rel.subpath(1, rel.getNameCount()).toString(), Files.readAllBytes(f));
        }
      }

      Path byQuoll = temp.resolve("quoll-tar/" + spec.replace('/', '_'));
      ExtractionResult result;
      try (InputStream in = Files.newInputStream(tgz)) {
        result = Extraction.extract(in, byQuoll, ExtractOptions.DEFAULT);
      }
      assertEquals(List.of(), result.warnings(), spec);
      assertEquals(expected.keySet(), new java.util.TreeSet<>(result.files()), spec);
      for (Map.Entry<String, byte[]> e : expected.entrySet()) {
        assertArrayEquals(
            e.getValue(), Files.readAllBytes(byQuoll.resolve(e.getKey())), e.getKey());
      }

      byte[] bytes = Files.readAllBytes(tgz);
      TarballContents contents =
          TarballReader.readAll(new ByteArrayInputStream(bytes), TarballLimits.DEFAULT);
      Map<String, byte[]> inMemory = new TreeMap<>();
      contents.files().forEach(f -> inMemory.put(f.path(), f.content()));
      assertEquals(expected.keySet(), inMemory.keySet(), spec);
      for (Map.Entry<String, byte[]> e : expected.entrySet()) {
        assertArrayEquals(e.getValue(), inMemory.get(e.getKey()), e.getKey());
      }
      assertArrayEquals(
          expected.get("package.json"),
          TarballReader.readFile(new ByteArrayInputStream(bytes), "package.json", 1 << 20)
              .orElseThrow(),
          spec);
      JsonNode manifest = JSON.readTree(expected.get("package.json"));
      assertEquals(spec.substring(0, spec.lastIndexOf('@')), manifest.get("name").asText());
    }
  }
}
