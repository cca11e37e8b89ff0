package dev.quoll.core.tarball;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import dev.quoll.testkit.NpmOracle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test of {@link PackList} and {@link Pack} against the machine's real {@code npm
 * pack} (npm 11): hand-built package folders covering npm-packlist's rules, and real packages from
 * the registry re-packed from their extracted sources. For each folder: the file list (tar entry
 * order), the {@code npm pack --json} report, the uncompressed tar bytes, and the gzip framing.
 */
class PackOracleTest {
  /** Real packages re-packed by both npm and Quoll (pinned; current latest when written). */
  private static final List<String> REGISTRY =
      List.of(
          "semver@7.8.6",
          "commander@15.1.0",
          "lodash@4.18.1",
          "@types/node@26.6.6",
          "minimatch@10.2.5");

  /**
   * Extra registry packages, e.g. {@code -Dquoll.pack.registry=npm@11.19.1} (npm itself: 1943
   * entries with bundled dependencies, ~30 s more than the default set).
   */
  private static final List<String> EXTRA_REGISTRY =
      List.of(System.getProperty("quoll.pack.registry", "").split(",")).stream()
          .filter(s -> !s.isBlank())
          .toList();

  @TempDir static Path tmp;

  private static final Map<String, Path> FOLDERS = new LinkedHashMap<>();
  private static final Map<String, JsonNode> NPM_REPORTS = new LinkedHashMap<>();
  private static final Map<String, Path> NPM_TARBALLS = new LinkedHashMap<>();

  @BeforeAll
  static void packWithNpm() throws IOException {
    String npmVersion = NpmPackCli.run(tmp, List.of("npm", "--version")).strip();
    assertTrue(
        npmVersion.startsWith("11."),
        "the pack oracle is npm 11 (npm-packlist 10, node-tar 7), found npm " + npmVersion);
    Path work = tmp.resolve("fixtures");
    PackFixtureSet.build(work).forEach(FOLDERS::put);
    RandomPackages.build(
            work.resolve("random"),
            Long.getLong("quoll.pack.seed", 20261121L),
            Integer.getInteger("quoll.pack.random", 40))
        .forEach(FOLDERS::put);
    Path cache = NpmOracle.repositoryRoot().resolve("target/npm-pack-registry");
    Files.createDirectories(cache);
    List<String> missing = new ArrayList<>();
    List<String> registry = new ArrayList<>(REGISTRY);
    registry.addAll(EXTRA_REGISTRY);
    for (String spec : registry) {
      if (!Files.exists(cache.resolve(tgzName(spec)))) {
        missing.add(spec);
      }
    }
    if (!missing.isEmpty()) {
      NpmPackCli.pack(cache, cache, missing);
    }
    for (String spec : registry) {
      Path folder = work.resolve("registry-" + spec.replace('@', '_'));
      PackFixtures.extract(cache.resolve(tgzName(spec)), folder);
      FOLDERS.put(spec, folder);
    }
    Path dest = tmp.resolve("npm-out");
    Files.createDirectories(dest);
    List<String> specs = FOLDERS.values().stream().map(Path::toString).toList();
    JsonNode reports = NpmPackCli.pack(tmp, dest, specs);
    int i = 0;
    for (String key : FOLDERS.keySet()) {
      JsonNode report = reports.get(i++);
      NPM_REPORTS.put(key, report);
      NPM_TARBALLS.put(key, dest.resolve(report.get("filename").textValue()));
    }
  }

  private static String tgzName(String spec) {
    int at = spec.lastIndexOf('@');
    return spec.substring(0, at).replaceFirst("^@", "").replace('/', '-')
        + "-"
        + spec.substring(at + 1)
        + ".tgz";
  }

  @TestFactory
  Stream<DynamicTest> fileListMatchesNpmPacklist() {
    return FOLDERS.keySet().stream()
        .map(
            key ->
                DynamicTest.dynamicTest(
                    key,
                    () ->
                        assertEquals(
                            tarEntryNames(gunzip(NPM_TARBALLS.get(key))),
                            PackList.of(FOLDERS.get(key)),
                            key)));
  }

  @TestFactory
  Stream<DynamicTest> uncompressedTarIsByteIdentical() {
    return FOLDERS.keySet().stream()
        .map(
            key ->
                DynamicTest.dynamicTest(
                    key,
                    () -> {
                      byte[] npm = gunzip(NPM_TARBALLS.get(key));
                      ByteArrayOutputStream ours = new ByteArrayOutputStream();
                      Pack.tar(FOLDERS.get(key), ours);
                      assertTarEquals(key, npm, ours.toByteArray());
                    }));
  }

  @TestFactory
  Stream<DynamicTest> reportMatchesNpmPackJson() {
    return FOLDERS.keySet().stream()
        .map(
            key ->
                DynamicTest.dynamicTest(
                    key,
                    () -> {
                      PackedTarball packed = Pack.pack(FOLDERS.get(key));
                      byte[] npmTgz = Files.readAllBytes(NPM_TARBALLS.get(key));
                      byte[] ours = packed.bytes();
                      ObjectNode want = (ObjectNode) NPM_REPORTS.get(key).deepCopy();
                      ObjectNode got = packed.result().toJson();
                      // gzip framing is node's: header (incl. OS byte, mtime, XFL) and trailer
                      assertArrayEquals(
                          Arrays.copyOfRange(npmTgz, 0, 10), Arrays.copyOfRange(ours, 0, 10), key);
                      assertArrayEquals(
                          Arrays.copyOfRange(npmTgz, npmTgz.length - 8, npmTgz.length),
                          Arrays.copyOfRange(ours, ours.length - 8, ours.length),
                          key);
                      assertEquals(sri(ours), got.get("integrity").textValue());
                      System.out.printf(
                          "%s: %d entries, tgz %s%n",
                          key,
                          packed.result().entryCount(),
                          Arrays.equals(npmTgz, ours) ? "identical" : "deflate differs");
                      if (!Arrays.equals(npmTgz, ours)) {
                        // deflate differs (node's Chromium zlib vs the JDK's zlib): compare the
                        // rest
                        for (String f : List.of("size", "shasum", "integrity")) {
                          want.remove(f);
                          got.remove(f);
                        }
                      }
                      assertEquals(Json.stringify(want, "  "), Json.stringify(got, "  "), key);
                    }));
  }

  static void assertTarEquals(String key, byte[] npm, byte[] ours) {
    if (Arrays.equals(npm, ours)) {
      return;
    }
    int at = Arrays.mismatch(npm, ours);
    int block = at / 512 * 512;
    String want = dump(npm, block);
    String got = dump(ours, block);
    assertEquals(
        want,
        got,
        key
            + ": tar bytes differ at offset "
            + at
            + " (lengths "
            + npm.length
            + ", "
            + ours.length
            + ")");
    assertTrue(false, key + ": tar bytes differ at offset " + at);
  }

  private static String dump(byte[] b, int from) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < Math.min(b.length, from + 1024); i += 32) {
      sb.append(String.format("%06x ", i));
      for (int j = i; j < Math.min(b.length, i + 32); j++) {
        int c = b[j] & 0xff;
        sb.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  static byte[] gunzip(Path tgz) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz))) {
      return in.readAllBytes();
    }
  }

  static List<String> tarEntryNames(byte[] tar) throws IOException {
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream in =
        new TarArchiveInputStream(new java.io.ByteArrayInputStream(tar))) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        names.add(e.getName().replaceFirst("^package/", ""));
      }
    }
    return names;
  }

  private static String sri(byte[] bytes) throws Exception {
    return "sha512-"
        + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(bytes));
  }
}
