package dev.quoll.core.manifest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.hostedgit.HostedGitOracleTest;
import dev.quoll.core.json.Json;
import dev.quoll.core.name.EcmaStrings;
import dev.quoll.testkit.NpmOracle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Randomised differential test of the content steps: generated manifests (valid and invalid names,
 * loose versions, people, repositories, bugs, homepages, keywords, files, bins, man pages, scripts,
 * dependency lists in every shape, bundled dependencies, typos) normalised with the {@code
 * normalize}, {@code prepare} and {@code fix} step sets by @npmcli/package-json 7.0.5 ({@code
 * fromContent}, run in an empty working directory, so the folder steps find nothing) and by Quoll's
 * {@link Normalizer} without a folder; whole documents, change lists and errors compared.
 */
class GeneratedManifestOracleTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final List<String> MODES =
      List.of("normalize", "prepare", "fix", "prepare-strict", "fix-strict-legacy");

  @Test
  void generatedManifestsNormaliseAsNpmDoes() throws IOException {
    Random random = new Random(20261121L);
    List<String> gitUrls = HostedGitOracleTest.gitUrls();
    List<ObjectNode> manifests = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      manifests.add(new Generator(random, gitUrls).manifest());
    }
    Path empty = Files.createTempDirectory("quoll-empty-");
    JsonNode expected;
    try {
      expected =
          NpmOracle.install(ManifestOracleTest.ORACLE)
              .run(
                  """
                  process.chdir(input.cwd);
                  const PackageJson = require('@npmcli/package-json');
                  (async () => {
                    const out = [];
                    for (const m of input.manifests) {
                      const r = {};
                      for (const mode of ['normalize', 'prepare', 'fix', 'prepare-strict', 'fix-strict-legacy']) {
                        try {
                          const changes = [];
                          const p = new PackageJson().fromContent(structuredClone(m));
                          const [step, strict, legacy] = mode.split('-');
                          await p[step]({ changes, strict: !!strict, allowLegacyCase: !!legacy });
                          r[mode] = { content: p.content, changes };
                        } catch (e) { r[mode] = { error: e.message }; }
                      }
                      out.push(r);
                    }
                    output(out);
                  })();
                  """,
                  Map.of("cwd", empty.toString(), "manifests", manifests));
    } finally {
      Files.delete(empty);
    }
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < manifests.size(); i++) {
      Manifest manifest = Manifest.of(manifests.get(i));
      for (String mode : MODES) {
        JsonNode want = expected.get(i).get(mode);
        List<NormalizeStep> steps =
            switch (mode.split("-")[0]) {
              case "normalize" -> NormalizeStep.NORMALIZE;
              case "prepare" -> NormalizeStep.PREPARE;
              default -> NormalizeStep.FIX;
            };
        Normalizer normalizer =
            Normalizer.of(steps).strict(mode.contains("strict"), mode.contains("legacy"));
        String label = Json.stringify(manifests.get(i)) + " [" + mode + "]";
        try {
          Normalizer.Result got = normalizer.run(manifest);
          if (want.has("error")) {
            mismatches.add(label + "\n  npm failed: " + want.get("error"));
            continue;
          }
          String wantText = Json.stringify(want.get("content"));
          String gotText = Json.stringify(got.manifest().json());
          List<String> wantChanges = new ArrayList<>();
          want.get("changes").forEach(c -> wantChanges.add(c.textValue()));
          if (manifest.license().map(l -> !EcmaStrings.trim(l).isEmpty()).orElse(false)) {
            wantChanges.remove("license should be a valid SPDX license expression");
          }
          if (!wantText.equals(gotText)) {
            mismatches.add(label + "\n  want " + wantText + "\n  got  " + gotText);
          } else if (!wantChanges.equals(got.changes())) {
            mismatches.add(label + "\n  want " + wantChanges + "\n  got  " + got.changes());
          }
        } catch (CoreException e) {
          if (!want.has("error") || !want.get("error").textValue().equals(e.getMessage())) {
            mismatches.add(label + "\n  Quoll failed: " + e.getMessage() + "\n  npm: " + want);
          }
        }
      }
    }
    assertTrue(
        mismatches.isEmpty(),
        mismatches.size()
            + " of "
            + manifests.size() * MODES.size()
            + " differ:\n"
            + String.join("\n", mismatches.subList(0, Math.min(10, mismatches.size()))));
  }

  /** Random manifests from pools of realistic and broken field values. */
  private record Generator(Random random, List<String> gitUrls) {
    private static final List<String> NAMES =
        List.of("x", "@s/x", " padded ", "UPPER", ".dot", "node_modules", "a b", "@s/", "fs", "");
    private static final List<String> VERSIONS =
        List.of("1.0.0", "v1.2.3", "=1.2.3-01", " 2.0.0 ", "1.2", "01.2.3", "1.2.3beta", "");
    private static final List<String> PEOPLE =
        List.of(
            "Ann",
            "Ann <a@b.org>",
            "Ann (https://a.org)",
            " <a@b.org> (u) ",
            "(u) Ann <e>",
            "Ann <a@b.org> junk (x) more",
            "",
            "<>",
            "Ann (a (b)) <c <d>>");
    private static final List<String> TEXTS =
        List.of("", "x", "https://x.org", "a@b.org", "x.org/path", "localhost:3000", "mailto:a");
    private static final List<String> SPECS =
        List.of("^1.0.0", "*", "latest", "1.x", ">= 1 < 2", "file:../x", "npm:y@1", "");

    ObjectNode manifest() {
      ObjectNode m = F.objectNode();
      if (chance(9)) {
        m.put("name", pick(NAMES));
      }
      if (chance(8)) {
        m.put("version", pick(VERSIONS));
      }
      if (chance(2)) {
        m.set("description", chance(8) ? F.textNode(pick(TEXTS)) : F.numberNode(3));
      }
      if (chance(3)) {
        m.set("author", person());
      }
      if (chance(3)) {
        ArrayNode people = m.putArray(chance(2) ? "contributors" : "maintainers");
        for (int i = random.nextInt(3); i >= 0; i--) {
          people.add(person());
        }
      }
      if (chance(5)) {
        String url = pick(gitUrls);
        if (chance(2)) {
          m.put("repository", url);
        } else if (chance(5)) {
          m.putArray("repositories").addObject().put("type", "git").put("url", url);
        } else {
          m.putObject("repository").put("type", "git").put("url", url).put("directory", "d");
        }
      }
      if (chance(3)) {
        m.set("bugs", chance(2) ? F.textNode(pick(TEXTS)) : bugsObject());
      }
      if (chance(3)) {
        m.set("homepage", chance(8) ? F.textNode(pick(TEXTS)) : F.booleanNode(true));
      }
      if (chance(3)) {
        m.set("keywords", chance(2) ? F.textNode("a, b,c,  d") : strings("a", "", "b"));
      }
      if (chance(4)) {
        m.set("files", chance(6) ? strings("lib", "", "x") : F.textNode("lib"));
      }
      if (chance(3)) {
        m.set("license", chance(5) ? F.textNode(pick(List.of("MIT", "", " "))) : F.numberNode(1));
      }
      if (chance(3)) {
        m.set("bin", bin());
      }
      if (chance(4)) {
        m.set("man", chance(2) ? F.textNode("./man/x.1") : strings("a.1", "../b.2", "/c.3"));
      }
      if (chance(3)) {
        ObjectNode scripts = m.putObject("scripts");
        scripts.put("test", pick(List.of("./node_modules/.bin/tap", "node_modules/.bin/x y", "t")));
        if (chance(3)) {
          scripts.put("bad", 1);
        }
      }
      for (String type :
          List.of("dependencies", "devDependencies", "optionalDependencies", "peerDependencies")) {
        if (chance(3)) {
          m.set(type, dependencies());
        }
      }
      if (chance(4)) {
        String field = chance(2) ? "bundleDependencies" : "bundledDependencies";
        m.set(
            field,
            switch (random.nextInt(4)) {
              case 0 -> F.booleanNode(random.nextBoolean());
              case 1 -> strings("a", "zz", "");
              case 2 -> F.objectNode().put("a", "1");
              default -> F.textNode("a");
            });
      }
      if (chance(6)) {
        m.put("funding", "https://f.org");
      }
      if (chance(6)) {
        m.put("_id", "old@0");
        m.put("_resolved", "r");
      }
      if (chance(8)) {
        m.putObject(pick(List.of("dependancies", "repo", "script", "autohr"))).put("a", 1);
      }
      if (chance(8)) {
        m.put("modules", "x");
      }
      if (chance(5)) {
        m.put("readme", pick(List.of("# T\n\nPara one\ntwo\n\nmore", "", "just text")));
      }
      return m;
    }

    private boolean chance(int inverse) {
      return random.nextInt(inverse) == 0 || inverse == 1;
    }

    private String pick(List<String> pool) {
      return pool.get(random.nextInt(pool.size()));
    }

    private ArrayNode strings(String... values) {
      ArrayNode a = F.arrayNode();
      for (String v : values) {
        if (random.nextInt(3) > 0) {
          a.add(v);
        }
      }
      if (random.nextInt(4) == 0) {
        a.add(7);
      }
      return a;
    }

    private JsonNode person() {
      if (chance(2)) {
        return F.textNode(pick(PEOPLE));
      }
      ObjectNode p = F.objectNode();
      p.put(chance(2) ? "name" : "nom", "Ann");
      if (chance(2)) {
        p.put(chance(2) ? "email" : "mail", "a@b.org");
      }
      if (chance(2)) {
        p.put(chance(2) ? "url" : "web", "https://a.org");
      }
      return p;
    }

    private JsonNode bugsObject() {
      ObjectNode b = F.objectNode();
      b.put(pick(List.of("url", "web", "name", "other")), pick(TEXTS));
      if (chance(2)) {
        b.put("email", pick(TEXTS));
      }
      return b;
    }

    private JsonNode bin() {
      return switch (random.nextInt(4)) {
        case 0 -> F.textNode(pick(List.of("./cli.js", "../x", "/", "a\\b:c")));
        case 1 -> strings("bin/a.js", "./b", "../../c");
        default -> {
          ObjectNode o = F.objectNode();
          o.put(
              pick(List.of("a", "../b", "c/d", "", "x:y")), pick(List.of("a.js", "../z", "/", "")));
          o.put("n", 5);
          o.put("ok", "./ok.js");
          yield o;
        }
      };
    }

    private JsonNode dependencies() {
      switch (random.nextInt(5)) {
        case 0:
          return F.textNode("a@1.0.0 b>=2, c\nd@^3");
        case 1:
          return strings("a@1", "b <3", "@s/c@2");
        case 2:
          return F.numberNode(random.nextInt(2));
        default:
          ObjectNode o = F.objectNode();
          for (int i = random.nextInt(4); i >= 0; i--) {
            String name = pick(List.of("a", "b", "zz", "@s/c", "A"));
            if (chance(6)) {
              o.put(name, 1);
            } else {
              o.put(name, chance(2) ? pick(SPECS) : pick(gitUrls));
            }
          }
          return o;
      }
    }
  }
}
