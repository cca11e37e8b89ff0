package dev.quoll.core.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.testkit.NpmOracle;
import dev.quoll.testkit.OraclePackages;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Differential test of {@link WhatwgUrl} against node's own {@code URL} (WHATWG), with and without
 * a {@code file:} base, on hand-written and fixed-seed generated inputs.
 */
class WhatwgUrlOracleTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String BASE = "file:///tmp/quoll-where/a/b/";

  static final List<String> HAND_WRITTEN =
      List.of(
          "http://example.com",
          "HTTP://EXAMPLE.com:80/a/../b?q#f",
          "https://h:443/",
          "https://h:0443/",
          "https://h:65536/",
          "https://h:1x/",
          "http://user:pa:ss@h/",
          "http://@h/",
          "http://a@b@c/",
          "http://[::1]:8080/",
          "http://[1:2:3:4:5:6:7:8]/",
          "http://[::ffff:1.2.3.4]/",
          "http://[1::]/",
          "http://[::]/",
          "http://[1:0:0:2::3]/",
          "http://[:1]/",
          "http://[1]/",
          "http://0x7f.1/",
          "http://127.1/",
          "http://1.2.3.4.5/",
          "http://256.0.0.1/",
          "http://4294967295/",
          "http://4294967296/",
          "http://09/",
          "http://0x/",
          "http://1.2.3.09/",
          "http://a%41b/",
          "http://a%zzb/",
          "http://a b/",
          "http://a^b/",
          "http://a|b/",
          "http://%2e/",
          "http://./",
          "http://../",
          "http:/\\h/p",
          "http:h/p",
          "http:",
          "http://",
          "http:///h",
          "git://h/p",
          "git://h:99/p",
          "git://h:99999/p",
          "git://a b/p",
          "git://a^b/",
          "git://[::1]/x",
          "git://[x]/x",
          "git:h/p",
          "git:/h/p",
          "git:",
          "git://",
          "git:///x",
          "git+ssh://git@github.com:u/r.git",
          "git+ssh://git@github.com/u/r.git#semver:^1",
          "git+file://c:/x",
          "git+file://c:\\x",
          "foo:bar",
          "foo:bar baz?q #f g",
          "foo://h/./a/%2e/b/%2E%2E/c",
          "foo:/./a",
          "foo:/.//a",
          "github:user/repo#v1",
          "file:",
          "file:.",
          "file:foo",
          "file:/foo",
          "file://foo",
          "file://localhost/x",
          "file://LOCALHOST/x",
          "file:///C:/x",
          "file:C:/x",
          "file:c|/x/../..",
          "file:///c:/../x",
          "file://h/c:/x",
          "file:%7E/x",
          "file:/%7E/x",
          "file:..",
          "file:../..",
          "file:/..",
          "file:.%2e/x",
          "file:a#b?c",
          "file:a?b#c",
          "\t http://h/\n a \r",
          "http://h/a\u00e9b?\u00e9#\u00e9",
          "http://h/`{}^|\"<>'",
          "foo://h/`{}^|\"<>'",
          "http://h?'",
          "foo://h?'",
          "https://\u00e9xample.com/",
          "https://xn--xample-9ua.com/",
          "http://EXAMPLE.COM./",
          "http://a..b/",
          "HtTpS://x/");

  @Test
  void agreesWithNodeUrl() {
    Set<String> inputs = new LinkedHashSet<>(HAND_WRITTEN);
    String[] pieces = {
      "http", "https", "git", "git+ssh", "file", "foo", ":", ":", "//", "/", "/", "\\", "@", "#",
      "?", ".", "..", "%2e", "%", "%41", "[", "]", "::1", "h", "H.com", "0x7f", "1.2", ":80",
      ":1234", "c:", "C|", "~", " ", "\t", "x", "user:pw@", "a^b", "{", "'", "\u00e9"
    };
    Random random = new Random(5L);
    while (inputs.size() < 3000) {
      StringBuilder sb = new StringBuilder();
      int n = 1 + random.nextInt(9);
      for (int k = 0; k < n; k++) {
        sb.append(pieces[random.nextInt(pieces.length)]);
      }
      inputs.add(sb.toString());
    }
    List<String> list = new ArrayList<>(inputs);
    JsonNode expected =
        NpmOracle.install(OraclePackages.SEMVER)
            .run(
                """
                const show = (u) => ({ href: u.href, protocol: u.protocol, username: u.username,
                  password: u.password, hostname: u.hostname, host: u.host,
                  pathname: u.pathname, hash: u.hash });
                const one = (s, base) => {
                  try { return show(base ? new URL(s, base) : new URL(s)); }
                  catch (e) { return { error: e.code }; }
                };
                output(input.inputs.map(s => [one(s), one(s, input.base)]));
                """,
                java.util.Map.of("inputs", list, "base", BASE));
    assertEquals(list.size(), expected.size());
    System.out.println("node URL oracle: " + list.size() + " inputs, each with and without base");
    WhatwgUrl base = WhatwgUrl.parse(BASE).orElseThrow();
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String s = list.get(i);
      for (int withBase = 0; withBase < 2; withBase++) {
        JsonNode want = expected.get(i).get(withBase);
        JsonNode got = show(withBase == 0 ? WhatwgUrl.parse(s) : WhatwgUrl.parse(s, base));
        if (!want.equals(got)) {
          mismatches.add(
              (withBase == 0 ? "new URL(" : "new URL(base, ")
                  + JSON.valueToTree(s).toString()
                  + ")\n    node:  "
                  + want
                  + "\n    quoll: "
                  + got);
        }
      }
    }
    assertTrue(
        mismatches.isEmpty(),
        mismatches.size()
            + " of "
            + 2 * list.size()
            + " differ, first ones:\n  "
            + String.join("\n  ", mismatches.subList(0, Math.min(25, mismatches.size()))));
  }

  static JsonNode show(Optional<WhatwgUrl> parsed) {
    ObjectNode o = JSON.createObjectNode();
    if (parsed.isEmpty()) {
      o.put("error", "ERR_INVALID_URL");
      return o;
    }
    WhatwgUrl u = parsed.get();
    o.put("href", u.href());
    o.put("protocol", u.protocol());
    o.put("username", u.username());
    o.put("password", u.password());
    o.put("hostname", u.hostname());
    o.put("host", u.host());
    o.put("pathname", u.pathname());
    o.put("hash", u.hash());
    return o;
  }
}
