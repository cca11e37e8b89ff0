package dev.quoll.core.packument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import dev.quoll.testkit.NpmOracle;
import dev.quoll.testkit.OraclePackages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Differential tests of the packument model on real documents fetched from the npm registry during
 * the run, against node reading the same bytes.
 *
 * <p>Oracles: {@code JSON.stringify(JSON.parse(body))} for the lossless round trip; plain property
 * reads in node for the typed accessors (the install-script rule as @npmcli/arborist 9 {@code
 * Node#hasInstallScript} states it); and npm's own corgi builder {@code
 * minify-registry-metadata@6.0.0} (the rule's source, see {@link AbbreviatedPackument}) for the
 * abbreviated document.
 */
class PackumentOracleTest {
  /**
   * The corpus: big (typescript, @types/node, react), scoped (@types/node, @sindresorhus/is),
   * deprecated (request, har-validator), install scripts (esbuild, bcrypt, fsevents, sharp),
   * bundledDependencies (fsevents 1.x), peerDependenciesMeta (pg), funding (tap).
   */
  static final List<String> PACKAGES =
      List.of(
          "react",
          "typescript",
          "lodash",
          "@types/node",
          "@sindresorhus/is",
          "request",
          "har-validator",
          "esbuild",
          "bcrypt",
          "fsevents",
          "sharp",
          "pg",
          "tap");

  static final String MINIFIER = OraclePackages.MINIFY_REGISTRY_METADATA;

  private static final String NODE_VIEWS =
      """
      const minify = require('minify-registry-metadata');
      const fs = require('fs');
      const str = x => typeof x === 'string' ? x : null;
      const num = x => typeof x === 'number' ? x : null;
      const isObj = x => x !== null && typeof x === 'object' && !Array.isArray(x);
      const out = {};
      for (const [name, file] of Object.entries(input.files)) {
        const text = fs.readFileSync(file, 'utf8');
        const doc = JSON.parse(text);
        const tags = {};
        for (const [t, v] of Object.entries(isObj(doc['dist-tags']) ? doc['dist-tags'] : {})) {
          if (typeof v === 'string') tags[t] = v;
        }
        const time = isObj(doc.time) ? doc.time : {};
        const views = {
          name: str(doc.name) ?? str(doc._id) ?? '',
          rev: str(doc._rev),
          distTags: tags,
          versions: Object.keys(isObj(doc.versions) ? doc.versions : {}),
          created: str(time.created),
          modified: str(time.modified),
          maintainers: (Array.isArray(doc.maintainers) ? doc.maintainers : [])
            .map(m => typeof m === 'string' ? m : str(m?.name) ?? ''),
          users: Object.entries(isObj(doc.users) ? doc.users : {})
            .filter(([, v]) => v === true).map(([u]) => u),
          perVersion: {},
        };
        for (const [v, m] of Object.entries(isObj(doc.versions) ? doc.versions : {})) {
          if (!isObj(m)) continue;
          const d = isObj(m.dist) ? m.dist : {};
          const { install, preinstall, postinstall } = isObj(m.scripts) ? m.scripts : {};
          views.perVersion[v] = {
            name: str(m.name) ?? '',
            version: str(m.version) ?? '',
            id: str(m._id),
            integrity: str(d.integrity),
            shasum: str(d.shasum),
            tarball: str(d.tarball),
            fileCount: Number.isInteger(d.fileCount) ? d.fileCount : null,
            unpackedSize: Number.isInteger(d.unpackedSize) ? d.unpackedSize : null,
            keyids: Array.isArray(d.signatures) ? d.signatures.map(s => str(s?.keyid) ?? '') : [],
            attestations: isObj(d.attestations) ? str(d.attestations.url) ?? '' : null,
            deprecated: typeof m.deprecated === 'string' && m.deprecated !== '' ? m.deprecated : null,
            hasShrinkwrap: typeof m._hasShrinkwrap === 'boolean' ? m._hasShrinkwrap : null,
            hasInstallScript: !!(m.hasInstallScript || install || preinstall || postinstall),
            npmUser: isObj(m._npmUser) ? str(m._npmUser.name) ?? '' : str(m._npmUser),
            time: str(time[v]),
          };
        }
        out[name] = {
          stringified: JSON.stringify(doc),
          views,
          abbreviated: JSON.stringify(minify(JSON.parse(text))),
        };
      }
      output(out);
      """;

  private static JsonNode oracleResults;

  /** One node run over the whole corpus, shared by the tests of this class. */
  static synchronized JsonNode oracle() {
    if (oracleResults == null) {
      Map<String, String> files = new LinkedHashMap<>();
      for (String p : PACKAGES) {
        files.put(p, RegistryDocuments.full(p).toAbsolutePath().toString());
      }
      oracleResults = NpmOracle.install(MINIFIER).run(NODE_VIEWS, Map.of("files", files));
    }
    return oracleResults;
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void roundTripIsJsonStringifyOfTheSameBytes() {
    List<String> mismatches = new ArrayList<>();
    for (String p : PACKAGES) {
      String want = oracle().get(p).get("stringified").textValue();
      String got =
          new String(
              Packument.parse(read(RegistryDocuments.full(p))).toBytes(), StandardCharsets.UTF_8);
      if (!want.equals(got)) {
        mismatches.add(p + ": " + firstDifference(want, got));
      }
    }
    assertEquals(List.of(), mismatches);
  }

  @Test
  void typedAccessorsAgreeWithNode() {
    List<String> mismatches = new ArrayList<>();
    int cases = 0;
    for (String p : PACKAGES) {
      JsonNode want = oracle().get(p).get("views");
      Packument doc = Packument.parse(read(RegistryDocuments.full(p)));
      ObjectNode top = Json.object();
      top.put("name", doc.name());
      top.put("rev", doc.rev().orElse(null));
      top.set("distTags", doc.distTags().toJson());
      top.set("versions", strings(doc.versions()));
      top.put("created", doc.time().created().orElse(null));
      top.put("modified", doc.time().modified().orElse(null));
      top.set("maintainers", strings(doc.maintainers().stream().map(Person::name).toList()));
      top.set("users", strings(doc.users()));
      for (String field : List.of("name", "rev", "distTags", "versions", "created", "modified")) {
        cases++;
        compare(p + " " + field, want.get(field), top.get(field), mismatches);
      }
      compare(p + " maintainers", want.get("maintainers"), top.get("maintainers"), mismatches);
      compare(p + " users", want.get("users"), top.get("users"), mismatches);
      assertEquals(want.get("perVersion").size(), doc.versionManifests().size(), p);
      for (Map.Entry<String, VersionManifest> e : doc.versionManifests().entrySet()) {
        cases++;
        compare(
            p + "@" + e.getKey(),
            want.get("perVersion").get(e.getKey()),
            versionView(doc, e.getKey(), e.getValue()),
            mismatches);
      }
    }
    assertEquals(List.of(), mismatches.stream().limit(10).toList());
    assertTrue(cases > 5000, "corpus too small: " + cases);
    System.out.println("accessor cases compared with node: " + cases);
  }

  @Test
  void abbreviatedIsWhatNpmsMinifierBuilds() {
    List<String> mismatches = new ArrayList<>();
    for (String p : PACKAGES) {
      String want = oracle().get(p).get("abbreviated").textValue();
      AbbreviatedPackument abbreviated =
          Packument.parse(read(RegistryDocuments.full(p))).abbreviate();
      String got = new String(abbreviated.toBytes(), StandardCharsets.UTF_8);
      if (!want.equals(got)) {
        mismatches.add(p + ": " + firstDifference(want, got));
      }
      assertEquals(abbreviated, AbbreviatedPackument.parse(abbreviated.toBytes()), p);
    }
    assertEquals(List.of(), mismatches);
  }

  private static ObjectNode versionView(Packument doc, String key, VersionManifest m) {
    ObjectNode o = Json.object();
    o.put("name", m.name());
    o.put("version", m.version());
    o.put("id", m.id().orElse(null));
    Dist d = m.dist().orElse(Dist.from(Json.object()));
    o.put("integrity", d.integrity().orElse(null));
    o.put("shasum", d.shasum().orElse(null));
    o.put("tarball", d.tarball().orElse(null));
    if (d.fileCount().isPresent()) {
      o.put("fileCount", d.fileCount().getAsLong());
    } else {
      o.putNull("fileCount");
    }
    if (d.unpackedSize().isPresent()) {
      o.put("unpackedSize", d.unpackedSize().getAsLong());
    } else {
      o.putNull("unpackedSize");
    }
    o.set("keyids", strings(d.signatures().stream().map(Dist.Signature::keyid).toList()));
    o.put("attestations", d.attestations().map(Dist.Attestations::url).orElse(null));
    o.put("deprecated", m.deprecated().orElse(null));
    if (m.hasShrinkwrap().isPresent()) {
      o.put("hasShrinkwrap", m.hasShrinkwrap().get());
    } else {
      o.putNull("hasShrinkwrap");
    }
    o.put("hasInstallScript", m.hasInstallScript());
    o.put("npmUser", m.npmUser().map(Person::name).orElse(null));
    o.put("time", doc.time().of(key).orElse(null));
    return o;
  }

  static ArrayNode strings(List<String> values) {
    ArrayNode a = Json.object().arrayNode();
    values.forEach(a::add);
    return a;
  }

  private static void compare(String what, JsonNode want, JsonNode got, List<String> mismatches) {
    String w = want == null ? "<missing>" : Json.stringify(want);
    String g = got == null ? "<missing>" : Json.stringify(got);
    if (!w.equals(g)) {
      mismatches.add(what + "\n want " + w + "\n got  " + g);
    }
  }

  static String firstDifference(String want, String got) {
    int i = 0;
    int n = Math.min(want.length(), got.length());
    while (i < n && want.charAt(i) == got.charAt(i)) {
      i++;
    }
    int from = Math.max(0, i - 80);
    return "lengths "
        + want.length()
        + "/"
        + got.length()
        + ", first difference at "
        + i
        + "\n want …"
        + want.substring(from, Math.min(want.length(), i + 80))
        + "\n got  …"
        + got.substring(from, Math.min(got.length(), i + 80));
  }
}
