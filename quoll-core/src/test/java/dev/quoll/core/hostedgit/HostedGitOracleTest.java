package dev.quoll.core.hostedgit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.core.json.Json;
import dev.quoll.testkit.NpmOracle;
import dev.quoll.testkit.OraclePackages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Differential test of {@link HostedGit#fromUrl} and every rendering ({@code https}, {@code
 * toString}, {@code docs}, {@code bugs}, {@code shortcut}, {@code sshurl}) against hosted-git-info
 * 9.0.3 (the version npm 11 bundles), on repository URLs as package.json files write them and on
 * fixed-seed generated token soup, in one node run.
 */
public class HostedGitOracleTest {
  private static final NpmOracle ORACLE =
      NpmOracle.install(OraclePackages.HOSTED_GIT_INFO, OraclePackages.SEMVER);

  /** Repository URLs in the forms package.json files use (shared with the URL oracle test). */
  public static List<String> gitUrls() {
    Set<String> out = new LinkedHashSet<>();
    List<String> prefixes =
        List.of(
            "",
            "git+https://",
            "https://",
            "http://",
            "git://",
            "ssh://",
            "git+ssh://",
            "git+http://",
            "git@",
            "ssh://git@",
            "git+ssh://git@",
            "https://user:pw@",
            "git+https://tok@",
            "https://:pw@");
    List<String> hosts =
        List.of(
            "github.com",
            "www.github.com",
            "GitHub.com",
            "gitlab.com",
            "bitbucket.org",
            "gist.github.com",
            "git.sr.ht",
            "example.com",
            "github.com:22");
    List<String> paths =
        List.of(
            "u/r",
            "u/r.git",
            "g/s/p",
            "u",
            "u/r/tree/main",
            "u/r/tree",
            "a%20b/r",
            "u/r%zz",
            "u/r/issues",
            "u/r/get/x",
            "u/r/-/x",
            "11081aaa281",
            "u/11081aaa281/raw",
            "");
    List<String> hashes = List.of("", "#", "#v1.0.0", "#semver:^1.2", "#a%2Fb", "#%E0%A4%A");
    Random random = new Random(7);
    for (String p : prefixes) {
      for (String h : hosts) {
        for (String path : paths) {
          String sep = p.equals("git@") ? ":" : "/";
          out.add(p + h + sep + path + hashes.get(random.nextInt(hashes.size())));
        }
      }
    }
    for (String shortcut : List.of("github:", "gitlab:", "bitbucket:", "gist:", "sourcehut:", "")) {
      for (String path : paths) {
        for (String hash : hashes) {
          out.add(shortcut + path + hash);
        }
      }
    }
    out.addAll(
        List.of(
            "npm/cli",
            "npm/cli#v1",
            "@scope/x",
            "./foo",
            "/abs/x",
            "foo:bar@baz",
            "^1.0.0",
            ">= 1.0.0 < 2",
            "latest",
            "1.x",
            "file:../x",
            "npm:foo@1",
            "user/repo/",
            "u /r",
            "u/r#a b",
            "github:u/r@x",
            "git@github.com:u/r.git#semver:^1.0.0",
            "git+ssh://git@github.com:u/r.git",
            "https://github.com/u/r/tarball/master",
            "gitlab:g/p.git#c",
            "https://gitlab.com/g/s/p/archive.tar.gz",
            "x",
            "u\\r/x",
            "git://github.com/isaacs/inherits",
            "https://www.gitlab.com/a/b",
            "http:github.com/u/r",
            "https://github.com/u/r?x=1#h",
            "bitbucket:u/r",
            "https://gist.github.com/u/abc123",
            "git@gist.github.com:abc123.git",
            "ssh://git@git.sr.ht/~u/r",
            "sourcehut:~u/r"));
    return new ArrayList<>(out);
  }

  @Test
  void hostedGitInfoMatches() {
    List<String> urls = new ArrayList<>(gitUrls());
    List<String> tokens =
        List.of(
            "git",
            "+",
            "https",
            "ssh",
            "github",
            "gitlab",
            "bitbucket",
            "gist",
            ":",
            "//",
            "/",
            "@",
            "#",
            "github.com",
            "gitlab.com",
            "www.",
            "u",
            "r",
            ".git",
            "%2F",
            "%",
            " ",
            "~",
            "tree",
            "-",
            "x:y",
            "a@b",
            "\\",
            "?",
            "1.0.0",
            "^",
            "semver:");
    Random random = new Random(9);
    for (int i = 0; i < 4000; i++) {
      StringBuilder b = new StringBuilder();
      for (int k = random.nextInt(9); k >= 0; k--) {
        b.append(tokens.get(random.nextInt(tokens.size())));
      }
      urls.add(b.toString());
    }
    JsonNode expected =
        ORACLE.run(
            """
            const hgi = require('hosted-git-info');
            output(input.map(u => {
              const h = hgi.fromUrl(u);
              if (!h) return null;
              return { type: h.type, user: h.user, auth: h.auth, project: h.project,
                committish: h.committish ?? null, default: h.getDefaultRepresentation(),
                https: h.https(), string: h.toString(), docs: h.docs(), bugs: h.bugs(),
                shortcut: h.shortcut(), sshurl: h.sshurl() };
            }));
            """,
            urls);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < urls.size(); i++) {
      Optional<HostedGit> got = HostedGit.fromUrl(urls.get(i));
      String gotText = got.map(HostedGitOracleTest::describe).orElse("null");
      String wantText = Json.stringify(expected.get(i));
      if (!wantText.equals(gotText)) {
        mismatches.add(urls.get(i) + "\n  want " + wantText + "\n  got  " + gotText);
      }
    }
    report(mismatches, urls.size());
  }

  private static String describe(HostedGit h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", h.host().shortcut());
    m.put("user", h.user().orElse(null));
    m.put("auth", h.auth().orElse(null));
    m.put("project", h.project());
    m.put("committish", h.committish().orElse(null));
    m.put("default", h.defaultRepresentation());
    m.put("https", h.https(false, false));
    m.put("string", h.render(false, false).orElse(null));
    m.put("docs", h.docs());
    m.put("bugs", h.bugs().orElse(null));
    m.put("shortcut", h.shortcut(false));
    m.put("sshurl", h.sshUrl(false, false));
    return Json.stringify(Json.toTree(m));
  }

  private static void report(List<String> mismatches, int cases) {
    assertTrue(
        mismatches.isEmpty(),
        mismatches.size()
            + " of "
            + cases
            + " differ:\n"
            + String.join("\n", mismatches.subList(0, Math.min(12, mismatches.size()))));
  }
}
