package dev.quoll.core.url;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.core.hostedgit.HostedGitOracleTest;
import dev.quoll.core.json.Json;
import dev.quoll.testkit.NpmOracle;
import dev.quoll.testkit.OraclePackages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential test of {@link WhatwgUrl} against node's {@code URL} on the URLs package.json files
 * hold (repository URLs, homepages) and on fixed-seed generated scheme-led token soup: protocol,
 * userinfo, hostname, pathname and hash, in one node run. {@link WhatwgUrlOracleTest} covers
 * relative resolution and the other getters.
 */
class ManifestUrlOracleTest {
  private static final NpmOracle ORACLE =
      NpmOracle.install(OraclePackages.HOSTED_GIT_INFO, OraclePackages.SEMVER);

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
    List<String> urls = new ArrayList<>(HostedGitOracleTest.gitUrls());
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
      String gotText =
          WhatwgUrl.parse(urls.get(i)).map(ManifestUrlOracleTest::describe).orElse("null");
      String wantText = Json.stringify(expected.get(i));
      if (!wantText.equals(gotText)) {
        mismatches.add(urls.get(i) + "\n  want " + wantText + "\n  got  " + gotText);
      }
    }
    report(mismatches, urls.size());
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
