package dev.quoll.client.fetch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.tree.ResolveException;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.Json;
import dev.quoll.core.spec.GitSpec;
import dev.quoll.core.spec.PackageSpec;
import dev.quoll.testkit.NpmOracle;
import dev.quoll.testkit.OraclePackages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential tests of git resolution against npm 11.19.1's own libraries, each in one node run:
 * the lockfile {@code resolved} of a git spec at a commit (pacote 21's {@code addGitSha} and {@code
 * GitFetcher.repoUrl}, over host shortcuts {@code github:}, {@code gitlab:}, {@code bitbucket:},
 * {@code gist:}, {@code u/r} and git URLs as npm-package-arg and hosted-git-info normalise them),
 * and the commit a fragment picks from {@code git ls-remote} output (@npmcli/git's {@code
 * lines-to-revs} with npm-pick-manifest, as pacote's {@code #resolvedFromRepo} uses them) over
 * generated listings.
 */
class GitResolutionOracleTest {
  private static final NpmOracle ORACLE =
      NpmOracle.install(
          OraclePackages.PACOTE,
          OraclePackages.NPM_PACKAGE_ARG,
          OraclePackages.NPMCLI_GIT,
          OraclePackages.NPM_PICK_MANIFEST);
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

  static List<String> gitSpecs() {
    List<String> out = new ArrayList<>();
    List<String> bases =
        List.of(
            "github:u/r",
            "u/r",
            "u/r.js",
            "gitlab:u/r",
            "gitlab:g/s/p",
            "bitbucket:u/r",
            "gist:11081aaa281",
            "gist:u/11081aaa281",
            "sourcehut:~u/r",
            "git+ssh://git@github.com/u/r.git",
            "git+ssh://git@github.com:u/r.git",
            "git+https://github.com/u/r.git",
            "git+https://tok@github.com/u/r.git",
            "git+https://user:pw@github.com/u/r.git",
            "https://github.com/u/r.git",
            "git://github.com/u/r.git",
            "git@github.com:u/r.git",
            "git+ssh://git@gitlab.com/u/r.git",
            "git+https://bitbucket.org/u/r.git",
            "git+file:///srv/repos/r.git",
            "git+ssh://git@example.com/u/r.git",
            "git+https://example.com/u/r.git",
            "git://example.com/r",
            "git+ssh://example.com:2222/r.git",
            "git@example.com:u/r.git");
    List<String> fragments =
        List.of("", "#main", "#v1.0.0", "#semver:^1.2", "#" + SHA, "#feature/x", "#main::path:/p");
    for (String b : bases) {
      for (String f : fragments) {
        out.add(b + f);
        out.add("x@" + b + f);
      }
    }
    return out;
  }

  @Test
  void resolvedOfGitSpecsMatchesPacote() {
    List<String> specs = gitSpecs();
    JsonNode expected =
        ORACLE.run(
            """
            const npa = require('npm-package-arg')
            const addGitSha = require('pacote/lib/util/add-git-sha.js')
            const GitFetcher = require('pacote/lib/git.js')
            output(input.specs.map(s => {
              try {
                const spec = npa(s)
                if (spec.type !== 'git') return 'type ' + spec.type
                const withSha = addGitSha(spec, input.sha)
                return spec.hosted
                  ? GitFetcher.repoUrl(npa(withSha).hosted, { noCommittish: false })
                  : withSha
              } catch (e) { return 'error ' + (e.code || 'none') }
            }))
            """,
            Json.object().put("sha", SHA).set("specs", Json.toTree(specs)));
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      String actual;
      try {
        PackageSpec p = PackageSpec.parse(specs.get(i));
        actual = p instanceof GitSpec g ? GitRepo.resolved(g, SHA) : "type " + p.type().npmName();
      } catch (CoreException e) {
        actual = "error " + e.code();
      }
      String want = expected.get(i).asText();
      if (!want.equals(actual)) {
        mismatches.add(specs.get(i) + ": pacote " + want + ", quoll " + actual);
      }
    }
    assertTrue(
        mismatches.isEmpty(),
        mismatches.size()
            + " of "
            + specs.size()
            + " differ:\n"
            + String.join("\n", mismatches.subList(0, Math.min(15, mismatches.size()))));
  }

  @Test
  void committishPicksMatchNpmcliGitAndPickManifest() {
    Random random = new Random(11);
    ArrayNode cases = (ArrayNode) Json.toTree(List.of());
    List<GitRefs> parsed = new ArrayList<>();
    List<String[]> asked = new ArrayList<>();
    List<String> tagNames =
        List.of(
            "v1.0.0",
            "v1.2.0",
            "1.2.5",
            "v1.3.0-beta.1",
            "release-v2.0.0",
            "v2.1.0",
            "v3.0.0",
            "latest",
            "main",
            "next",
            "v4",
            "foo");
    List<String> fragments =
        List.of(
            "",
            "main",
            "latest",
            "next",
            "v1.2.0",
            "refs/heads/main",
            "HEAD",
            "nope",
            "semver:^1",
            "semver:^1.2.1",
            "semver:*",
            "semver:>=2",
            "semver:^9",
            "semver:1.2.5",
            "semver:^1.3.0-beta.0",
            "pull/7");
    for (int n = 0; n < 150; n++) {
      List<String> shas = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        shas.add(String.format("%040x", random.nextLong() & Long.MAX_VALUE));
      }
      StringBuilder text = new StringBuilder();
      text.append(pick(shas, random)).append("\tHEAD\n");
      for (String b : List.of("main", "next", "latest")) {
        if (random.nextInt(3) > 0) {
          text.append(pick(shas, random)).append("\trefs/heads/").append(b).append('\n');
        }
      }
      if (random.nextBoolean()) {
        text.append(pick(shas, random)).append("\trefs/pull/7/head\n");
      }
      for (String t : tagNames) {
        if (random.nextInt(2) == 0) {
          continue;
        }
        String sha = pick(shas, random);
        text.append(sha).append("\trefs/tags/").append(t).append('\n');
        if (random.nextInt(3) == 0) {
          text.append(pick(shas, random)).append("\trefs/tags/").append(t).append("^{}\n");
        }
      }
      String frag = fragments.get(random.nextInt(fragments.size()));
      if (random.nextInt(8) == 0) {
        frag = pick(shas, random);
      }
      ObjectNode c = cases.addObject();
      c.put("text", text.toString());
      c.put("frag", frag);
      parsed.add(GitRefs.parse(text.toString()));
      asked.add(new String[] {frag, text.toString()});
    }
    JsonNode expected =
        ORACLE.run(
            """
            const linesToRevs = require('@npmcli/git/lib/lines-to-revs.js')
            const pickManifest = require('npm-pick-manifest')
            output(input.map(c => {
              const revs = linesToRevs(c.text.trim().split('\\n'))
              try {
                let doc
                if (c.frag.startsWith('semver:')) {
                  doc = pickManifest({ versions: revs.versions, 'dist-tags': revs['dist-tags'],
                    name: 'x' }, c.frag.slice(7))
                } else if (c.frag) {
                  doc = revs.refs[c.frag] || revs.refs[revs.shas[c.frag]]
                } else {
                  doc = revs.refs.HEAD
                }
                return doc && doc.sha ? doc.sha : 'clone'
              } catch (e) { return 'error ' + e.code }
            }))
            """,
            cases);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < parsed.size(); i++) {
      String frag = asked.get(i)[0];
      String actual;
      try {
        Optional<String> sha =
            frag.startsWith("semver:")
                ? parsed.get(i).pick(Optional.empty(), Optional.of(frag.substring(7)), "x")
                : parsed.get(i).pick(Optional.of(frag), Optional.empty(), "x");
        actual = sha.orElse("clone");
      } catch (ResolveException e) {
        actual = "error " + e.code();
      }
      String want = afterClone(expected.get(i).asText(), frag);
      actual = afterClone(actual, frag);
      if (!want.equals(actual)) {
        mismatches.add(
            "#" + frag + " in\n" + asked.get(i)[1] + "npm " + want + ", quoll " + actual);
      }
    }
    assertTrue(
        mismatches.isEmpty(),
        mismatches.size()
            + " of "
            + parsed.size()
            + " differ:\n"
            + String.join("\n", mismatches.subList(0, Math.min(5, mismatches.size()))));
  }

  /**
   * pacote clones when the refs do not tell (for a full commit, unless only {@code HEAD} points at
   * it); a clone of a full commit checks out that commit, so both answers name it.
   */
  private static String afterClone(String answer, String frag) {
    return answer.equals("clone") && frag.matches("[0-9a-f]{40}") ? frag : answer;
  }

  private static String pick(List<String> shas, Random random) {
    return shas.get(random.nextInt(shas.size()));
  }
}
