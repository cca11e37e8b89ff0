package dev.quoll.core.manifest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.core.hostedgit.HostedGit;
import dev.quoll.core.json.Json;
import dev.quoll.core.url.WhatwgUrl;
import dev.quoll.semver.Options;
import dev.quoll.semver.Semver;
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
 * Differential tests of the shared rules as manifest normalisation uses them — {@link
 * HostedGit#fromUrl} with every rendering (including {@code docs()} and {@code bugs()}), the {@link
 * WhatwgUrl}, quoll-semver's valid/clean — and of the {@code localeCompare('en')} order, against
 * hosted-git-info 9.0.3, node's {@code URL}, semver 7.8.5 and node's {@code Intl.Collator} (the
 * versions npm 11 bundles).
 */
class RulesOracleTest {
  private static final NpmOracle ORACLE =
      NpmOracle.install(OraclePackages.HOSTED_GIT_INFO, OraclePackages.SEMVER);

  static List<String> gitUrls() {
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
      String gotText = got.map(RulesOracleTest::describe).orElse("null");
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

  private static String describe(WhatwgUrl u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("protocol", u.protocol());
    m.put("username", u.username());
    m.put("password", u.password());
    m.put("hostname", u.hostname());
    m.put("pathname", u.pathname());
    m.put("hash", u.hash());
    return Json.stringify(Json.toTree(m));
  }

  @Test
  void urlParsingMatchesNode() {
    List<String> urls = new ArrayList<>(gitUrls());
    urls.addAll(
        List.of(
            "www.example.com",
            "example.com/x",
            "localhost:3000",
            "http://",
            "https://exa mple.com",
            "https://EXAMPLE.com/A/../b/./c",
            "http://1.2.3.4/x",
            "http://1.2.3.256/",
            "mailto:a@b.c",
            "https://a.b/%zz",
            "https://a.b/ä ö?q#frag ment",
            "HTTPS://X.ORG",
            "https://x.org:99999",
            "https://x.org:08080/",
            "foo://h:p/x",
            "x:",
            "a:b",
            "https:\\\\x.org\\y",
            "//x.org",
            " https://x.org/ ",
            "file:///etc/passwd",
            "file://host/share",
            "git+ssh://[::1]/x",
            "javascript:alert(1)"));
    List<String> tokens =
        List.of(
            "http",
            "https",
            "git+ssh",
            "ftp",
            "file",
            "x",
            ":",
            "//",
            "/",
            "@",
            "user",
            "host.com",
            "%",
            "2e",
            "20",
            "#",
            "?",
            " ",
            "[",
            "]",
            "\\",
            ".",
            "..",
            "a",
            "1",
            "\u00e9",
            "LocalHost",
            ":80",
            "^",
            "|",
            "<",
            "`",
            "{",
            "\t",
            "0x7f",
            "256",
            "~");
    Random random = new Random(3);
    for (int i = 0; i < 3000; i++) {
      StringBuilder b = new StringBuilder(tokens.get(random.nextInt(5)));
      b.append(random.nextBoolean() ? "://" : ":");
      for (int k = random.nextInt(9); k >= 0; k--) {
        b.append(tokens.get(random.nextInt(tokens.size())));
      }
      urls.add(b.toString());
    }
    JsonNode expected =
        ORACLE.run(
            """
            output(input.map(u => {
              try {
                const x = new URL(u);
                return { protocol: x.protocol, username: x.username, password: x.password,
                  hostname: x.hostname, pathname: x.pathname, hash: x.hash };
              } catch { return null; }
            }));
            """,
            urls);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < urls.size(); i++) {
      String gotText = WhatwgUrl.parse(urls.get(i)).map(RulesOracleTest::describe).orElse("null");
      String wantText = Json.stringify(expected.get(i));
      if (!wantText.equals(gotText)) {
        mismatches.add(urls.get(i) + "\n  want " + wantText + "\n  got  " + gotText);
      }
    }
    report(mismatches, urls.size());
  }

  @Test
  void semverCleanMatches() {
    List<String> versions = new ArrayList<>();
    List<String> parts =
        List.of(
            "1",
            "01",
            "0",
            "v",
            "=",
            " ",
            ".",
            "-",
            "+",
            "beta",
            "rc.1",
            "x",
            "2",
            "9007199254740992");
    Random random = new Random(11);
    for (int i = 0; i < 3000; i++) {
      StringBuilder b = new StringBuilder();
      int n = 1 + random.nextInt(8);
      for (int k = 0; k < n; k++) {
        b.append(parts.get(random.nextInt(parts.size())));
      }
      versions.add(b.toString());
    }
    versions.addAll(
        List.of(
            "1.2.3",
            " =v1.2.3 ",
            "v1.2.3-beta.01",
            "1.2.3beta",
            "01.02.03",
            "1.2.3-01+build.5",
            "1.2",
            "1.2.3.4",
            "=1.2.3",
            "v 1.2.3",
            "1.2.3-a.b.c",
            "1.2.3+x",
            "99999999999999999.0.0",
            "1.2.3-9007199254740992"));
    JsonNode expected =
        ORACLE.run(
            """
            const semver = require('semver');
            output(input.map(v => [semver.valid(v, true), semver.clean(v, true),
              semver.valid(v, false), semver.clean(v, false)]));
            """,
            versions);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < versions.size(); i++) {
      String v = versions.get(i);
      List<String> got = new ArrayList<>();
      got.add(Semver.valid(v, Options.LOOSE).orElse(null));
      got.add(Semver.clean(v, Options.LOOSE).orElse(null));
      got.add(Semver.valid(v, Options.STRICT).orElse(null));
      got.add(Semver.clean(v, Options.STRICT).orElse(null));
      String gotText = Json.stringify(Json.toTree(got));
      String wantText = Json.stringify(expected.get(i));
      if (!wantText.equals(gotText)) {
        mismatches.add("'" + v + "'\n  want " + wantText + "\n  got  " + gotText);
      }
    }
    report(mismatches, versions.size());
  }

  @Test
  void localeCompareMatchesIntlCollator() {
    String alphabet = "aAbBzZ09-_.@/~!$*()'\"+ ,;:?[]{}&#%`^<=>|\\\u0001é";
    Random random = new Random(5);
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      StringBuilder b = new StringBuilder();
      int n = random.nextInt(6);
      for (int k = 0; k < n; k++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length() - 1)));
      }
      words.add(b.toString());
    }
    words.addAll(List.of("a", "A", "a-b", "a_b", "a.b", "ab", "@scope/a", "a1", "Zed", "zed"));
    JsonNode expected =
        ORACLE.run(
            """
            const c = new Intl.Collator('en');
            const out = [];
            for (let i = 0; i < input.length; i++) {
              for (let j = 0; j < input.length; j += 7) out.push(Math.sign(c.compare(input[i], input[(i + j) % input.length])));
            }
            output(out);
            """,
            words);
    List<String> mismatches = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < words.size(); i++) {
      for (int j = 0; j < words.size(); j += 7) {
        String a = words.get(i);
        String b = words.get((i + j) % words.size());
        int got = Integer.signum(EnCollation.compare(a, b));
        int want = expected.get(k++).intValue();
        if (got != want) {
          mismatches.add("'" + a + "' vs '" + b + "': want " + want + ", got " + got);
        }
      }
    }
    report(mismatches, k);
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
