package dev.quoll.core.manifest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.Json;
import dev.quoll.testkit.NpmOracle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the package.json edits ({@link Manifest#update}, {@link
 * Manifest#withDependency}, {@link Manifest#withoutDependencies}) against what npm writes: @npmcli/
 * package-json 7.0.5's {@code update()} + {@code save()}, and for dependency saves arborist 9.9.1's
 * {@code add-rm-pkg-deps} on the {@code PackageJson.normalize}d manifest followed by reify's save,
 * on the real package.json files of {@link RealPackages} (and CRLF/tab variants).
 */
class ManifestEditOracleTest {
  private static final List<String> NAMES =
      List.of("aaa-new-dep", "Zed", "a_b", "a-b", "a.b", "@scope/pkg", "a1", "zz-top");

  @Test
  void editsWriteWhatNpmWrites() throws IOException {
    Path temp = Files.createTempDirectory("quoll-manifest-edit-");
    try {
      List<String> texts = new ArrayList<>();
      for (String text : RealPackages.packageJsons()) {
        texts.add(text);
        if (texts.size() % 5 == 0) {
          texts.add(text.replace("\r\n", "\n").replace("\n", "\r\n"));
          texts.add(Json.stringify(Json.parse(text), "\t") + "\n");
        }
      }
      for (EdgeManifests.Case c : EdgeManifests.all()) {
        texts.add(c.packageJson());
      }
      List<Map<String, Object>> cases = new ArrayList<>();
      List<String> caseTexts = new ArrayList<>();
      int n = 0;
      for (int t = 0; t < texts.size(); t++) {
        String text = texts.get(t);
        for (Map<String, Object> edit : edits(Manifest.parse(text), t)) {
          Path dir = temp.resolve("edit").resolve(Integer.toString(n++));
          Files.createDirectories(dir);
          Files.writeString(dir.resolve("package.json"), text);
          Map<String, Object> c = new LinkedHashMap<>(edit);
          c.put("dir", dir.toString());
          cases.add(c);
          caseTexts.add(text);
        }
      }
      JsonNode expected =
          NpmOracle.install(ManifestOracleTest.ORACLE).run(SCRIPT, Map.of("cases", cases));
      List<String> mismatches = new ArrayList<>();
      for (int i = 0; i < cases.size(); i++) {
        Map<String, Object> c = cases.get(i);
        JsonNode want = expected.get(i);
        String label = "case " + i + " " + Json.stringify(Json.toTree(withoutDir(c)));
        try {
          String got = apply(Manifest.parse(caseTexts.get(i)), c).text();
          if (want.has("error")) {
            mismatches.add(label + ": npm failed with " + want.get("error"));
          } else if (!want.get("text").textValue().equals(got)) {
            mismatches.add(
                label
                    + " on\n"
                    + caseTexts.get(i)
                    + "\n  want "
                    + want.get("text").textValue()
                    + "\n  got  "
                    + got);
          }
        } catch (CoreException e) {
          if (!want.has("error")) {
            mismatches.add(label + ": Quoll failed with " + e.getMessage());
          }
        }
      }
      assertTrue(
          mismatches.isEmpty(),
          mismatches.size()
              + " of "
              + cases.size()
              + " differ:\n"
              + String.join("\n", mismatches.subList(0, Math.min(5, mismatches.size()))));
      assertTrue(cases.size() >= 800, "cases: " + cases.size());
    } finally {
      try (Stream<Path> s = Files.walk(temp)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void pkgSetAndDeleteWriteWhatTheNpmCliWrites() throws IOException {
    Path temp = Files.createTempDirectory("quoll-manifest-pkg-");
    try {
      List<String> texts = RealPackages.packageJsons();
      List<Map<String, Object>> cases = new ArrayList<>();
      List<String> caseTexts = new ArrayList<>();
      List<List<Object>> edits =
          List.of(
              List.of("set", "scripts.test", "node test.js"),
              List.of("set", "publishConfig.access", "public"),
              List.of("set", "dependencies.aaa", "^1.0.0"),
              List.of("set", "x.y.z", Map.of("n", 1)),
              List.of("delete", "dependencies.debug"),
              List.of("delete", "scripts"),
              List.of("set", "description", "new"),
              List.of("delete", "nope.nested"));
      int n = 0;
      // express (even edits: dependency sorting) and optimist (odd edits: a non-canonical file)
      for (String spec : List.of("express@4.18.2", "optimist@0.6.1")) {
        int t = RealPackages.PACKAGES.indexOf(spec);
        for (int e = spec.startsWith("express") ? 0 : 1; e < edits.size(); e += 2) {
          Path dir = temp.resolve(Integer.toString(n++));
          Files.createDirectories(dir);
          Files.writeString(dir.resolve("package.json"), texts.get(t));
          List<Object> edit = edits.get(e);
          Map<String, Object> c = new LinkedHashMap<>();
          c.put("dir", dir.toString());
          c.put("op", edit.get(0));
          c.put("key", edit.get(1));
          if (edit.size() > 2) {
            c.put("value", edit.get(2));
          }
          cases.add(c);
          caseTexts.add(texts.get(t));
        }
      }
      JsonNode expected =
          NpmOracle.install(ManifestOracleTest.ORACLE)
              .run(
                  """
                  const { execFileSync } = require('child_process');
                  const fs = require('fs');
                  output(input.map(c => {
                    const args = c.op === 'set'
                      ? ['pkg', 'set', c.key + '=' + JSON.stringify(c.value), '--json']
                      : ['pkg', 'delete', c.key];
                    try {
                      execFileSync('npm', args, { cwd: c.dir, stdio: 'pipe' });
                      return { text: fs.readFileSync(c.dir + '/package.json', 'utf8') };
                    } catch (e) { return { error: String(e.stderr) }; }
                  }));
                  """,
                  cases);
      List<String> mismatches = new ArrayList<>();
      for (int i = 0; i < cases.size(); i++) {
        Map<String, Object> c = cases.get(i);
        Manifest m = Manifest.parse(caseTexts.get(i));
        String key = (String) c.get("key");
        String got =
            c.get("op").equals("set")
                ? m.withField(key, Json.toTree(c.get("value"))).text()
                : m.withoutField(key).text();
        String want = expected.get(i).path("text").asText("npm failed: " + expected.get(i));
        if (!want.equals(got)) {
          mismatches.add(withoutDir(c) + "\n  want " + want + "\n  got  " + got);
        }
      }
      assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
    } finally {
      try (Stream<Path> s = Files.walk(temp)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Map<String, Object> withoutDir(Map<String, Object> c) {
    Map<String, Object> m = new LinkedHashMap<>(c);
    m.remove("dir");
    return m;
  }

  /**
   * The edits tried on one manifest: every other one of the list, alternating between manifests;
   * names vary with {@code seed} to cover sorting.
   */
  private static List<Map<String, Object>> edits(Manifest m, int seed) {
    List<String> deps = new ArrayList<>(m.dependencies(DependencyType.PROD).keySet());
    List<String> dev = new ArrayList<>(m.dependencies(DependencyType.DEV).keySet());
    String some = NAMES.get(seed % NAMES.size());
    String firstDep = deps.isEmpty() ? "ms" : deps.get(0);
    String firstDev = dev.isEmpty() ? "react" : dev.get(0);
    List<Map<String, Object>> out = new ArrayList<>();
    out.add(add("prod", some, "^1.0.0", false));
    out.add(add("dev", firstDep, "~9.9.9", false));
    out.add(add("optional", NAMES.get((seed + 1) % NAMES.size()), "2.x", false));
    out.add(add("peer", firstDev, "*", false));
    out.add(add("peerOptional", "@scope/pkg", ">=1", false));
    out.add(add("prod", NAMES.get((seed + 2) % NAMES.size()), "1.0.0", true));
    out.add(add("optional", firstDep, "^0.1.0", true));
    out.add(Map.of("op", "rm", "names", List.of(firstDep, "nonexistent")));
    out.add(Map.of("op", "rm", "names", List.of(firstDev)));
    out.add(Map.of("op", "update", "fields", Map.of("scripts", Map.of("test", "node t"))));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("description", "new");
    fields.put("x-custom", Map.of("a", 1));
    out.add(Map.of("op", "update", "fields", fields));
    out.add(
        Map.of(
            "op", "update", "fields", Map.of("dependencies", m.dependencies(DependencyType.PROD))));
    out.add(Map.of("op", "update", "fields", Map.of()));
    out.add(Map.of("op", "update", "fields", Map.of("workspaces", List.of("packages/*"))));
    List<Map<String, Object>> half = new ArrayList<>();
    for (int i = 0; i < out.size(); i++) {
      if ((i + seed) % 2 == 0) {
        half.add(out.get(i));
      }
    }
    return half;
  }

  private static Map<String, Object> add(String type, String name, String spec, boolean bundle) {
    return Map.of("op", "add", "type", type, "name", name, "spec", spec, "bundle", bundle);
  }

  private static Manifest apply(Manifest m, Map<String, Object> c) {
    return switch ((String) c.get("op")) {
      case "update" -> m.update((ObjectNode) Json.toTree(c.get("fields")));
      case "rm" -> {
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) c.get("names");
        yield m.withoutDependencies(names);
      }
      default -> {
        DependencyType type =
            switch ((String) c.get("type")) {
              case "prod" -> DependencyType.PROD;
              case "dev" -> DependencyType.DEV;
              case "optional" -> DependencyType.OPTIONAL;
              case "peer" -> DependencyType.PEER;
              default -> DependencyType.PEER_OPTIONAL;
            };
        String name = (String) c.get("name");
        String spec = (String) c.get("spec");
        yield (Boolean) c.get("bundle")
            ? m.withBundledDependency(type, name, spec)
            : m.withDependency(type, name, spec);
      }
    };
  }

  private static final String SCRIPT =
      """
      const PackageJson = require('@npmcli/package-json');
      const path = require('path');
      const fs = require('fs');
      const addRm = require(path.join(path.dirname(require.resolve('@npmcli/arborist')), 'add-rm-pkg-deps.js'));
      (async () => {
        const out = [];
        for (const c of input.cases) {
          try {
            if (c.op === 'update') {
              const p = await PackageJson.load(c.dir);
              p.update(c.fields);
              await p.save();
            } else {
              const { content: pkg } = await PackageJson.normalize(c.dir);
              if (c.op === 'add') {
                addRm.add({ pkg, add: [{ name: c.name, rawSpec: c.spec }], saveBundle: c.bundle, saveType: c.type });
                const depType = addRm.saveTypeMap.get(c.type);
                pkg[depType][c.name] = c.spec;
                if (c.type === 'prod' && pkg.optionalDependencies) {
                  delete pkg.optionalDependencies[c.name];
                }
              } else {
                addRm.rm(pkg, c.names);
              }
              const p = await PackageJson.load(c.dir, { create: true });
              const { dependencies = {}, devDependencies = {}, optionalDependencies = {},
                peerDependencies = {}, bundleDependencies } = pkg;
              p.update({ dependencies, devDependencies, optionalDependencies, peerDependencies,
                bundleDependencies });
              await p.save();
            }
            out.push({ text: fs.readFileSync(path.join(c.dir, 'package.json'), 'utf8') });
          } catch (e) { out.push({ error: e.message }); }
        }
        output(out);
      })();
      """;
}
