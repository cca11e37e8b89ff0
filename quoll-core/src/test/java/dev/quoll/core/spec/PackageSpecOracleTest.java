package dev.quoll.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.hostedgit.HostedGit;
import dev.quoll.testkit.NpmOracle;
import dev.quoll.testkit.OraclePackages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Differential test: {@link PackageSpec#parse} against npm-package-arg 13.0.2 as bundled by npm 11
 * (with the bundled hosted-git-info and validate-npm-package-name) on hand-written and generated
 * specs, with a fixed {@code where} directory, comparing every field and the failures.
 */
class PackageSpecOracleTest {
  static final String[] ORACLE = {
    OraclePackages.NPM_PACKAGE_ARG,
    OraclePackages.HOSTED_GIT_INFO,
    OraclePackages.VALIDATE_NPM_PACKAGE_NAME,
    OraclePackages.SEMVER
  };
  static final String WHERE = "/tmp/quoll-where/a/b";
  static final ObjectMapper JSON = new ObjectMapper();

  static final String SCRIPT =
      """
      process.env.HOME = input.home;
      const npa = require('npm-package-arg');
      const opts = { noGitPlus: false, noCommittish: false };
      const show = (r) => {
        const o = {
          type: r.type, raw: r.raw, name: r.name ?? null, escapedName: r.escapedName ?? null,
          scope: r.scope ?? null, rawSpec: r.rawSpec, saveSpec: r.saveSpec ?? null,
          fetchSpec: r.fetchSpec ?? null, gitRange: r.gitRange ?? null,
          gitCommittish: r.gitCommittish ?? null, gitSubdir: r.gitSubdir ?? null,
          registry: !!r.registry, str: r.toString(),
        };
        if (r.hosted) {
          const h = r.hosted;
          o.hosted = { type: h.type, user: h.user ?? null, auth: h.auth ?? null,
            project: h.project, committish: h.committish ?? null, default: h.default,
            https: h.https(opts), ssh: h.ssh(opts), sshurl: h.sshurl(opts),
            shortcut: h.shortcut(opts) };
        }
        if (r.subSpec) o.subSpec = show(r.subSpec);
        return o;
      };
      const str = (a) => a === null ? null : String.fromCharCode(...a);
      output(input.cases.map(([n, s]) => {
        const name = str(n);
        const spec = str(s);
        try {
          return show(name === null ? npa(spec, input.where) : npa.resolve(name, spec, input.where));
        } catch (e) {
          return { error: e.code ?? 'EINVALIDSPEC',
                   message: e.code === 'ERR_INVALID_URL' ? 'Invalid URL' : e.message };
        }
      }));
      """;

  @Test
  void handWrittenSpecsMatchNpmPackageArg() {
    Set<SpecCases.Case> cases = new LinkedHashSet<>();
    SpecCases.ARGS.forEach(a -> cases.add(SpecCases.Case.arg(a)));
    cases.addAll(SpecCases.RESOLVE);
    JsonNode expected = compare(new ArrayList<>(cases), 0);
    Set<String> seen = new java.util.TreeSet<>();
    expected.forEach(
        e -> seen.add(e.has("error") ? e.get("error").asText() : e.get("type").asText()));
    assertEquals(
        new java.util.TreeSet<>(
            List.of(
                "version",
                "range",
                "tag",
                "alias",
                "file",
                "directory",
                "remote",
                "git",
                "EINVALIDPACKAGENAME",
                "EINVALIDTAGNAME",
                "EUNSUPPORTEDPROTOCOL",
                "ERR_INVALID_URL",
                "EINVALIDSPEC")),
        seen,
        "the hand-written cases cover every type and every failure");
  }

  @Test
  void generatedSpecsMatchNpmPackageArg() {
    compare(
        new ArrayList<>(
            new LinkedHashSet<>(
                SpecCases.generated(
                    Integer.getInteger("gen.count", 4000), Long.getLong("gen.seed", 7L)))),
        1000);
  }

  @Test
  void fuzzedArgumentsMatchNpmPackageArg() {
    compare(
        new ArrayList<>(
            new LinkedHashSet<>(
                SpecCases.fuzz(
                    Integer.getInteger("fuzz.count", 3000), Long.getLong("fuzz.seed", 11L)))),
        1000);
  }

  private JsonNode compare(List<SpecCases.Case> cases, int minimum) {
    assertTrue(cases.size() >= minimum);
    // Strings travel as UTF-16 code-unit arrays so that lone surrogates survive JSON.
    List<List<int[]>> pairs = new ArrayList<>();
    for (SpecCases.Case c : cases) {
      pairs.add(java.util.Arrays.asList(units(c.name()), units(c.spec())));
    }
    JsonNode expected =
        NpmOracle.install(ORACLE)
            .run(
                SCRIPT,
                Map.of("cases", pairs, "where", WHERE, "home", System.getProperty("user.home")));
    assertEquals(cases.size(), expected.size());
    System.out.println("npm-package-arg oracle: " + cases.size() + " cases");
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      SpecCases.Case c = cases.get(i);
      JsonNode actual = actual(c);
      if (!expected.get(i).equals(actual)) {
        mismatches.add(c.describe() + "\n    npm:   " + expected.get(i) + "\n    quoll: " + actual);
      }
    }
    assertTrue(
        mismatches.isEmpty(),
        mismatches.size()
            + " of "
            + cases.size()
            + " specs differ, first ones:\n  "
            + String.join("\n  ", mismatches.subList(0, Math.min(25, mismatches.size()))));
    return expected;
  }

  static int[] units(String s) {
    return s == null ? null : s.chars().toArray();
  }

  static JsonNode actual(SpecCases.Case c) {
    try {
      PackageSpec s =
          c.name() == null
              ? PackageSpec.parse(c.spec(), Path.of(WHERE))
              : PackageSpec.parse(c.name(), c.spec(), Path.of(WHERE));
      return show(s);
    } catch (CoreException e) {
      ObjectNode o = JSON.createObjectNode();
      o.put("error", e.code());
      o.put("message", e.getMessage());
      return o;
    } catch (RuntimeException e) {
      ObjectNode o = JSON.createObjectNode();
      o.put("crash", e.toString());
      return o;
    }
  }

  static ObjectNode show(PackageSpec s) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", s.type().npmName());
    o.put("raw", s.raw());
    put(o, "name", s.name());
    put(o, "escapedName", s.escapedName());
    put(o, "scope", s.scope());
    o.put("rawSpec", s.rawSpec());
    put(o, "saveSpec", s.saveSpec());
    put(o, "fetchSpec", s.fetchSpec());
    GitSpec git = s instanceof GitSpec g ? g : null;
    put(o, "gitRange", git == null ? Optional.empty() : git.gitRange());
    put(o, "gitCommittish", git == null ? Optional.empty() : git.gitCommittish());
    put(o, "gitSubdir", git == null ? Optional.empty() : git.gitSubdir());
    o.put("registry", s.registry());
    o.put("str", s.toString());
    if (git != null && git.hosted().isPresent()) {
      HostedGit h = git.hosted().get();
      ObjectNode hn = o.putObject("hosted");
      hn.put("type", h.host().shortcut());
      put(hn, "user", h.user());
      put(hn, "auth", h.auth());
      hn.put("project", h.project());
      put(hn, "committish", h.committish());
      hn.put("default", h.defaultRepresentation());
      hn.put("https", h.https(false, false));
      hn.put("ssh", h.ssh(false));
      hn.put("sshurl", h.sshUrl(false, false));
      hn.put("shortcut", h.shortcut(false));
    }
    if (s instanceof AliasSpec a) {
      o.set("subSpec", show(a.subSpec()));
    }
    return o;
  }

  static void put(ObjectNode o, String key, Optional<String> value) {
    if (value.isPresent()) {
      o.put(key, value.get());
    } else {
      o.putNull(key);
    }
  }
}
