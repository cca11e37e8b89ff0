package dev.quoll.core.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.JsValues;
import dev.quoll.core.json.Json;
import dev.quoll.core.json.JsonFormat;
import dev.quoll.core.name.EcmaStrings;
import dev.quoll.testkit.NpmOracle;
import dev.quoll.testkit.OraclePackages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Differential test of {@link Normalizer}, {@link Manifest#text()} and the edit methods against
 * npm's own code: @npmcli/package-json 7.0.5 (the version npm 11 bundles) and arborist 9.9.1's
 * {@code add-rm-pkg-deps}, run on real published packages (downloaded and unpacked at test time)
 * and on hand-written package folders.
 */
class ManifestOracleTest {
  static final String[] ORACLE = {
    OraclePackages.PACKAGE_JSON,
    OraclePackages.ARBORIST,
    OraclePackages.PACOTE,
    OraclePackages.HOSTED_GIT_INFO,
    OraclePackages.SEMVER,
    OraclePackages.VALIDATE_NPM_PACKAGE_NAME,
    OraclePackages.NPM_PACKAGE_ARG,
    OraclePackages.JSON_PARSE_EVEN_BETTER_ERRORS
  };
  private static final Map<String, List<NormalizeStep>> MODES =
      Map.of(
          "normalize", NormalizeStep.NORMALIZE,
          "prepare", NormalizeStep.PREPARE,
          "fix", NormalizeStep.FIX);
  private static final String SPDX = "license should be a valid SPDX license expression";

  private static Path temp;
  private static final Map<String, Path> FOLDERS = new LinkedHashMap<>();

  @BeforeAll
  static void fixtures() throws IOException {
    temp = Files.createTempDirectory("quoll-manifest-");
    for (RealPackages.Unpacked u : RealPackages.unpackAll(temp.resolve("real"))) {
      FOLDERS.put(u.spec(), u.dir());
    }
    int i = 0;
    List<EdgeManifests.Case> cases = new ArrayList<>(EdgeManifests.all());
    cases.addAll(EdgeManifests.generated(150, 42));
    for (EdgeManifests.Case c : cases) {
      Path dir = temp.resolve("edge").resolve(Integer.toString(i++));
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("package.json"), c.packageJson());
      for (var f : c.files().entrySet()) {
        Path p = dir.resolve(f.getKey());
        if (f.getKey().endsWith("/")) {
          Files.createDirectories(p);
        } else {
          Files.createDirectories(p.getParent());
          Files.writeString(p, f.getValue());
        }
      }
      FOLDERS.put("edge: " + c.name(), dir);
    }
  }

  @AfterAll
  static void cleanUp() throws IOException {
    try (Stream<Path> s = Files.walk(temp)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void normalizePrepareAndFixMatchNpm() throws IOException {
    NpmOracle oracle = NpmOracle.install(ORACLE);
    List<String> dirs = FOLDERS.values().stream().map(Path::toString).toList();
    JsonNode expected =
        oracle.run(
            """
            const PackageJson = require('@npmcli/package-json');
            (async () => {
              const out = [];
              for (const dir of input.dirs) {
                const r = {};
                for (const mode of ['normalize', 'prepare', 'fix']) {
                  try {
                    const changes = [];
                    const p = new PackageJson();
                    await p.load(dir, mode !== 'normalize');
                    await p[mode]({ changes, root: dir });
                    r[mode] = { content: p.content, changes };
                  } catch (e) { r[mode] = { error: e.message }; }
                }
                out.push(r);
              }
              output(out);
            })();
            """,
            Map.of("dirs", dirs));
    List<String> mismatches = new ArrayList<>();
    int cases = 0;
    int i = 0;
    for (var entry : FOLDERS.entrySet()) {
      Path dir = entry.getValue();
      Manifest manifest = Manifest.read(dir.resolve("package.json"));
      for (var mode : MODES.entrySet()) {
        cases++;
        JsonNode want = expected.get(i).get(mode.getKey());
        String label = entry.getKey() + " [" + mode.getKey() + "]";
        try {
          Normalizer.Result got =
              Normalizer.of(mode.getValue()).inFolder(dir).withGitRoot(dir).run(manifest);
          if (want.has("error")) {
            mismatches.add(label + ": npm failed with " + want.get("error") + ", Quoll did not");
            continue;
          }
          JsonNode wantContent = canonical(manifest, want.get("content"));
          JsonNode gotContent = canonical(manifest, got.manifest().json());
          if (!Json.stringify(wantContent).equals(Json.stringify(gotContent))) {
            mismatches.add(
                label
                    + "\n  want "
                    + Json.stringify(wantContent)
                    + "\n  got  "
                    + Json.stringify(gotContent));
          }
          List<String> wantChanges = new ArrayList<>();
          want.get("changes").forEach(c -> wantChanges.add(c.textValue()));
          if (hasLicenceText(manifest)) {
            wantChanges.remove(SPDX);
          }
          if (!wantChanges.equals(got.changes())) {
            mismatches.add(label + " changes\n  want " + wantChanges + "\n  got  " + got.changes());
          }
        } catch (CoreException e) {
          if (!want.has("error") || !want.get("error").textValue().equals(e.getMessage())) {
            mismatches.add(label + ": Quoll failed with " + e.getMessage() + ", npm: " + want);
          }
        }
      }
      i++;
    }
    assertTrue(
        mismatches.isEmpty(),
        mismatches.size()
            + " of "
            + cases
            + " differ:\n"
            + String.join("\n", mismatches.subList(0, Math.min(15, mismatches.size()))));
    assertTrue(cases >= 3 * 250, "cases: " + cases);
  }

  private static boolean hasLicenceText(Manifest m) {
    return m.license().map(l -> !EcmaStrings.trim(l).isEmpty()).orElse(false);
  }

  /**
   * Sorts what npm builds from a directory listing in file-system order: {@code bin} expanded from
   * {@code directories.bin} and {@code man} from {@code directories.man}.
   */
  private static JsonNode canonical(Manifest input, JsonNode content) {
    if (!(content instanceof ObjectNode o)) {
      return content;
    }
    ObjectNode c = o.deepCopy();
    JsonNode dirs = input.get("directories").orElse(null);
    if (dirs != null && dirs.isObject()) {
      if (JsValues.truthy(dirs.get("bin"))
          && !JsValues.truthy(input.get("bin").orElse(null))
          && c.get("bin") instanceof ObjectNode bin) {
        List<String> keys = ContentSteps.keys(bin);
        keys.sort(null);
        ObjectNode sorted = c.objectNode();
        keys.forEach(k -> sorted.set(k, bin.get(k)));
        c.set("bin", sorted);
      }
      if (JsValues.truthy(dirs.get("man"))
          && !JsValues.truthy(input.get("man").orElse(null))
          && c.get("man") instanceof ArrayNode man) {
        List<String> items = new ArrayList<>();
        man.forEach(m -> items.add(m.asText()));
        items.sort(null);
        ArrayNode sorted = c.arrayNode();
        items.forEach(sorted::add);
        c.set("man", sorted);
      }
    }
    return c;
  }

  @Test
  void unchangedManifestsRoundTripByteForByte() throws IOException {
    int n = 0;
    for (Path dir : FOLDERS.values()) {
      String text = Files.readString(dir.resolve("package.json"), StandardCharsets.UTF_8);
      for (String variant : variants(text)) {
        Manifest m = Manifest.parse(variant);
        assertEquals(variant, m.text(), dir.toString());
        if (JsonFormat.detect(variant).write(Json.parse(variant)).strip().equals(variant.strip())) {
          assertEquals(variant, m.update(Json.object()).text(), dir.toString());
        }
        n++;
      }
    }
    assertTrue(n >= 300, "round trips: " + n);
  }

  /** The file as published, and with CRLF, tabs, compact layout, a BOM, no final newline. */
  static List<String> variants(String text) {
    List<String> out = new ArrayList<>();
    out.add(text);
    out.add(text.replace("\r\n", "\n").replace("\n", "\r\n"));
    JsonNode tree = Json.parse(text);
    out.add(Json.stringify(tree, "\t") + "\n");
    out.add(Json.stringify(tree, ""));
    out.add("\uFEFF" + text);
    out.add(text.stripTrailing());
    out.add(Json.stringify(tree, "    ") + "\n\n");
    return out;
  }
}
