package dev.quoll.core.packument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.Json;
import dev.quoll.testkit.NpmOracle;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The edit methods: exact effects, immutability of the original, and the tombstone form. */
class PackumentEditsTest {
  /** Unscoped and scoped npmjs tarball layouts, one big document. */
  private static final List<String> REBASED =
      List.of("react", "lodash", "@sindresorhus/is", "esbuild", "sharp", "request");

  private static Packument lodash() {
    return Packument.parse(PackumentOracleTest.read(RegistryDocuments.full("lodash")));
  }

  @Test
  void withTarballBaseRewritesEveryTarballAndNothingElse() {
    String base = "http://localhost:4873/npm/";
    Map<String, String> files = new LinkedHashMap<>();
    for (String p : REBASED) {
      files.put(p, RegistryDocuments.full(p).toAbsolutePath().toString());
    }
    // Independent statement of the proxy rule for npmjs-layout URLs: keep what follows the first
    // "/-/" and put it under <base>/<name>/-/.
    JsonNode want =
        NpmOracle.install(PackumentOracleTest.MINIFIER)
            .run(
                """
                const fs = require('fs');
                const base = input.base.replace(/\\/$/, '');
                const out = {};
                for (const [name, file] of Object.entries(input.files)) {
                  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
                  for (const v of Object.values(doc.versions)) {
                    if (v && v.dist && typeof v.dist.tarball === 'string') {
                      const rest = v.dist.tarball.split('/-/').slice(1).join('/-/');
                      v.dist.tarball = base + '/' + doc.name + '/-/' + rest;
                    }
                  }
                  out[name] = JSON.stringify(doc);
                }
                output(out);
                """,
                Map.of("base", base, "files", files));
    List<String> mismatches = new ArrayList<>();
    for (String p : REBASED) {
      Packument original = Packument.parse(PackumentOracleTest.read(RegistryDocuments.full(p)));
      byte[] before = original.toBytes();
      String got = new String(original.withTarballBase(base).toBytes(), StandardCharsets.UTF_8);
      if (!want.get(p).textValue().equals(got)) {
        mismatches.add(
            p + ": " + PackumentOracleTest.firstDifference(want.get(p).textValue(), got));
      }
      assertArrayEquals(before, original.toBytes(), "original changed: " + p);
    }
    assertEquals(List.of(), mismatches);
  }

  @Test
  void tarballRebaseHandlesScopesEscapesAndOtherLayouts() {
    String base = "https://quoll.example/r";
    assertEquals(
        base + "/@types/node/-/node-1.0.0.tgz",
        TarballUrls.rebase(
            "https://registry.npmjs.org/@types/node/-/node-1.0.0.tgz", base, "@types/node"));
    assertEquals(
        base + "/@types/node/-/node-1.0.0.tgz",
        TarballUrls.rebase("http://h:8080/x/@types%2Fnode/-/node-1.0.0.tgz", base, "@types/node"));
    assertEquals(
        base + "/a/-/a-1.0.0.tgz", TarballUrls.rebase("http://h/files/a-1.0.0.tgz", base, "a"));
    assertEquals(
        base + "/JSONStream/-/JSONStream-1.3.5.tgz",
        TarballUrls.rebase(
            "https://registry.npmjs.org/JSONStream/-/JSONStream-1.3.5.tgz", base, "JSONStream"));
  }

  @Test
  void distTagEditsTouchOnlyTheTags() {
    Packument p = lodash();
    byte[] before = p.toBytes();
    Packument tagged = p.withDistTag("beta", "4.17.20");
    assertEquals(Optional.of("4.17.20"), tagged.distTags().get("beta"));
    assertEquals(p.distTags().with("beta", "4.17.20"), tagged.distTags());
    assertEquals(p.versions(), tagged.versions());
    Packument untagged = tagged.withoutDistTag("beta");
    assertEquals(p, untagged);
    assertArrayEquals(before, untagged.toBytes());
    assertEquals(p, p.withoutDistTag("no-such-tag"));
    assertArrayEquals(before, p.toBytes());
  }

  @Test
  void withoutVersionDropsTheVersionAndItsTagsButKeepsItsTime() {
    Packument p = lodash().withDistTag("old", "4.17.20");
    Packument q = p.withoutVersion("4.17.20");
    assertFalse(q.versions().contains("4.17.20"));
    assertEquals(p.versions().size() - 1, q.versions().size());
    assertEquals(Optional.empty(), q.distTags().get("old"));
    assertEquals(p.time().of("4.17.20"), q.time().of("4.17.20"));
    assertTrue(p.version("4.17.20").isPresent());
    assertEquals(q, q.withoutVersion("4.17.20"));
  }

  @Test
  void deprecateAndUndeprecateOneVersion() {
    Packument p = lodash();
    Packument d = p.withDeprecated("4.17.20", "use 4.17.21");
    assertEquals(Optional.of("use 4.17.21"), d.version("4.17.20").orElseThrow().deprecated());
    assertEquals(
        "use 4.17.21",
        d.abbreviate().json().get("versions").get("4.17.20").get("deprecated").textValue());
    Packument u = d.withDeprecated("4.17.20", "");
    assertFalse(u.version("4.17.20").orElseThrow().field("deprecated").isPresent());
    assertEquals(p, u);
    CoreException e = assertThrows(CoreException.class, () -> p.withDeprecated("9.9.9", "x"));
    assertEquals("ETARGET", e.code());
  }

  @Test
  void versionEditsAndPublishFields() {
    Packument p = Packument.empty("@s/p");
    VersionManifest m =
        VersionManifest.from(
                Json.parseObject(
                    "{\"name\":\"@s/p\",\"version\":\"1.0.0\",\"scripts\":{\"postinstall\":\"x\"}}"))
            .withDist(Dist.of("http://h/@s/p/-/p-1.0.0.tgz", "ab", "sha512-AA=="))
            .withField("_npmUser", Person.of("alice", "a@x").toJson());
    Instant at = Instant.parse("2026-11-21T01:02:03.456Z");
    Packument q =
        p.withVersion(m)
            .withDistTag("latest", "1.0.0")
            .withTime("created", at)
            .withTime("1.0.0", at)
            .withTime("modified", at)
            .withRev("1-0123456789abcdef0123456789abcdef")
            .withMaintainers(List.of(Person.of("alice", "a@x")))
            .withField("_attachments", Json.object())
            .withoutField("_attachments");
    assertEquals(List.of("1.0.0"), q.versions());
    assertEquals(Optional.of("2026-11-21T01:02:03.456Z"), q.time().modified());
    assertEquals(Optional.of("1-0123456789abcdef0123456789abcdef"), q.rev());
    assertEquals(List.of(Person.of("alice", "a@x")), q.maintainers());
    VersionManifest v = q.version("1.0.0").orElseThrow();
    assertEquals("alice", v.npmUser().orElseThrow().name());
    assertTrue(v.hasInstallScript());
    assertEquals(Optional.of("sha512-AA=="), v.dist().orElseThrow().integrity());
    assertEquals(
        "{\"name\":\"@s/p\",\"dist-tags\":{\"latest\":\"1.0.0\"},\"versions\":{\"1.0.0\":{"
            + "\"name\":\"@s/p\",\"version\":\"1.0.0\",\"dist\":{\"integrity\":\"sha512-AA==\","
            + "\"shasum\":\"ab\",\"tarball\":\"http://h/@s/p/-/p-1.0.0.tgz\"},"
            + "\"hasInstallScript\":true}},\"modified\":\"2026-11-21T01:02:03.456Z\"}",
        new String(q.abbreviate().toBytes(), StandardCharsets.UTF_8));
    assertEquals(List.of(), p.versions());
    CoreException e =
        assertThrows(
            CoreException.class,
            () -> p.withVersion(VersionManifest.from(Json.parseObject("{\"name\":\"x\"}"))));
    assertEquals("EBADVERSION", e.code());
  }

  @Test
  void viewsNeverExposeTheTree() {
    Packument p = lodash();
    byte[] before = p.toBytes();
    p.json().put("name", "changed");
    ((ObjectNode) p.field("dist-tags").orElseThrow()).put("latest", "0.0.0");
    p.version("4.17.21").orElseThrow().json().put("version", "x");
    p.version("4.17.21").orElseThrow().dist().orElseThrow().json().put("tarball", "x");
    p.time().json().put("modified", "x");
    assertArrayEquals(before, p.toBytes());
  }

  @Test
  void distReadsSignaturesAndAttestations() {
    Dist d =
        Dist.from(
            Json.parseObject(
                """
                {"integrity":"sha512-x","shasum":"ab","tarball":"https://r/p/-/p-1.0.0.tgz",
                 "fileCount":3,"unpackedSize":1024,
                 "signatures":[{"keyid":"SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA","sig":"MEU"}],
                 "attestations":{"url":"https://registry.npmjs.org/-/npm/v1/attestations/p@1.0.0",
                   "provenance":{"predicateType":"https://slsa.dev/provenance/v1"}},
                 "npm-signature":"-----BEGIN PGP SIGNATURE-----","x-unknown":[1]}
                """));
    assertEquals(3, d.fileCount().getAsLong());
    assertEquals(1024, d.unpackedSize().getAsLong());
    assertEquals(
        List.of(new Dist.Signature("SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA", "MEU")),
        d.signatures());
    assertEquals(
        new Dist.Attestations(
            "https://registry.npmjs.org/-/npm/v1/attestations/p@1.0.0",
            "https://slsa.dev/provenance/v1"),
        d.attestations().orElseThrow());
    assertTrue(d.npmSignature().isPresent());
    Dist moved = d.withTarball("http://q/p/-/p-1.0.0.tgz");
    assertEquals(Optional.of("http://q/p/-/p-1.0.0.tgz"), moved.tarball());
    assertEquals(d.field("x-unknown"), moved.field("x-unknown"));
    assertNotEquals(d, moved);
    assertEquals(List.of("integrity", "shasum", "tarball"), fieldNames(Dist.of("t", "s", "i")));
  }

  @Test
  void tombstoneOfAWholePackageUnpublish() {
    Packument p = lodash();
    Instant at = Instant.parse("2026-11-21T00:00:00Z");
    Packument t = p.toTombstone("alice", at);
    assertTrue(t.isUnpublished());
    PackumentTime.Unpublished u = t.time().unpublished().orElseThrow();
    assertEquals("2026-11-21T00:00:00.000Z", u.time());
    assertEquals(p.versions(), u.versions());
    assertEquals("alice", u.byUser());
    assertEquals(p.distTags(), u.tags());
    assertEquals(List.of(), t.versions());
    assertEquals(p.time().of("4.17.21"), t.time().of("4.17.21"));
    assertEquals(Optional.of("2026-11-21T00:00:00.000Z"), t.time().modified());
    assertEquals(
        "{\"name\":\"lodash\",\"modified\":\"2026-11-21T00:00:00.000Z\"}",
        new String(t.abbreviate().toBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void tombstoneAsTheRegistryServesIt() {
    // Test data: the tombstone body cnpmcore's tests use for rollup-config-mbp
    // (cnpm/cnpmcore test/core/service/PackageSyncerService/executeTask.test.ts, MIT licence).
    String body =
        "{\"_id\":\"rollup-config-mbp\",\"name\":\"rollup-config-mbp\",\"time\":{\"created\":"
            + "\"2020-09-25T09:18:36.405Z\",\"0.0.1-alpha.1\":\"2020-09-25T09:18:36.552Z\","
            + "\"modified\":\"2022-01-14T12:34:32.620Z\",\"unpublished\":{\"time\":"
            + "\"2022-01-14T12:34:32.620Z\",\"versions\":[\"0.0.1-alpha.1\"]}}}";
    Packument t = Packument.parse(body);
    assertTrue(t.isUnpublished());
    assertEquals(List.of("0.0.1-alpha.1"), t.time().unpublished().orElseThrow().versions());
    assertEquals("2022-01-14T12:34:32.620Z", t.time().unpublished().orElseThrow().time());
    assertEquals(body, new String(t.toBytes(), StandardCharsets.UTF_8));
    // A real one, when the registry reachable from here still serves it (the mirror answers 404
    // with an empty body for unpublished packages).
    RegistryDocuments.fullIfPresent("datagrid-vue")
        .map(f -> Packument.parse(PackumentOracleTest.read(f)))
        .filter(Packument::isUnpublished)
        .ifPresent(
            live -> assertTrue(live.time().unpublished().orElseThrow().versions().size() > 0));
    assertFalse(lodash().isUnpublished());
  }

  @Test
  void isoTimestampsAreJavaScriptToIsoString() {
    Random r = new Random(7);
    List<Long> millis =
        new ArrayList<>(List.of(0L, 1L, 999L, 1_700_000_000_123L, 253_402_300_799_999L));
    for (int i = 0; i < 500; i++) {
      millis.add((long) (r.nextDouble() * 253_402_300_799_999L));
    }
    JsonNode want =
        NpmOracle.install(PackumentOracleTest.MINIFIER)
            .run("output(input.map(ms => new Date(ms).toISOString()));", millis);
    for (int i = 0; i < millis.size(); i++) {
      assertEquals(
          want.get(i).textValue(),
          Trees.iso(Instant.ofEpochMilli(millis.get(i))),
          "" + millis.get(i));
    }
  }

  @Test
  void manifestViews() {
    VersionManifest m =
        VersionManifest.parse(
            """
            {"name":"a","version":"1.0.0","_id":"a@1.0.0","deprecated":"","_hasShrinkwrap":false,
             "scripts":{"install":""},"dependencies":{"b":"^1","c":2},"maintainers":["x <x@y>"],
             "_npmUser":{"name":"u","email":"u@x"},"_nodeVersion":"20.0.0","_npmVersion":"11.0.0"}
            """
                .getBytes(StandardCharsets.UTF_8));
    assertEquals(Optional.empty(), m.deprecated());
    assertEquals(Optional.of(false), m.hasShrinkwrap());
    assertFalse(m.hasInstallScript());
    assertEquals(Map.of("b", "^1"), m.dependencies("dependencies"));
    assertEquals(List.of(new Person("x <x@y>", "", "")), m.maintainers());
    assertEquals(Optional.of("20.0.0"), m.nodeVersion());
    assertEquals(Optional.of("11.0.0"), m.npmVersion());
    assertEquals(Optional.of("a@1.0.0"), m.id());
    assertEquals("a@1.0.0", m.toString());
    VersionManifest d = m.withDeprecated("gone");
    assertEquals(Optional.of("gone"), d.deprecated());
    assertEquals(m.fieldNames(), d.fieldNames());
    assertEquals(m.withoutField("deprecated"), d.withDeprecated(""));
    assertEquals(TextNode.valueOf("gone"), d.field("deprecated").orElseThrow());
  }

  @Test
  void publishBodyAttachmentsAndAccess() {
    // The shape libnpmpublish 11 sends (publish.js), with the provenance bundle as raw JSON text.
    Packument body =
        Packument.parse(
            """
            {"_id":"@s/p","name":"@s/p","description":"d","dist-tags":{"latest":"1.0.0"},
             "versions":{"1.0.0":{"name":"@s/p","version":"1.0.0","_id":"@s/p@1.0.0",
               "dist":{"integrity":"sha512-AA==","shasum":"ab",
                 "tarball":"http://localhost:4873/@s/p/-/@s/p-1.0.0.tgz"}}},
             "access":null,
             "_attachments":{"@s/p-1.0.0.tgz":{"content_type":"application/octet-stream",
                 "data":"H4sIAAAAAAAAA+3OMQ6CQBCF4anqKfYEhNkFIudZdIzGgBr1/i4mFliYWGjx/+m8STPzFnYeW8ksr9L4n5F6rhdyNQaMy2O+dDUUOtpSVWSthtfhEZ17O/r7sxsnqGtdH5FLzIgiw==",
                 "length":52},
               "@s/p-1.0.0.sigstore":{"content_type":"application/vnd.dev.sigstore.bundle.v0.3+json",
                 "data":"{\\"mediaType\\":\\"x\\"}","length":19},
               "odd":"x"}}
            """);
    assertEquals(Optional.empty(), body.access());
    Map<String, Attachment> a = body.attachments();
    assertEquals(List.of("@s/p-1.0.0.tgz", "@s/p-1.0.0.sigstore"), List.copyOf(a.keySet()));
    assertEquals("application/octet-stream", a.get("@s/p-1.0.0.tgz").contentType());
    assertEquals(52, a.get("@s/p-1.0.0.tgz").length());
    assertEquals("{\"mediaType\":\"x\"}", a.get("@s/p-1.0.0.sigstore").data());
    Packument stored =
        body.withoutField("_attachments")
            .withoutField("access")
            .withTarballBase("https://quoll.example/");
    assertEquals(Map.of(), stored.attachments());
    assertEquals(
        Optional.of("https://quoll.example/@s/p/-/p-1.0.0.tgz"),
        stored.version("1.0.0").orElseThrow().dist().orElseThrow().tarball());
    assertEquals(
        Optional.of("public"), body.withField("access", TextNode.valueOf("public")).access());
  }

  private static List<String> fieldNames(Dist d) {
    List<String> out = new ArrayList<>();
    d.json().fieldNames().forEachRemaining(out::add);
    return out;
  }
}
