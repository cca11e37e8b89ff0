package dev.quoll.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.client.config.ConfigSource;
import dev.quoll.client.config.NpmConfig;
import dev.quoll.client.registry.FetchOptions;
import dev.quoll.client.registry.RegistryClient;
import dev.quoll.testkit.NpmOracle;
import dev.quoll.testkit.OraclePackages;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Redaction#log} against npm 11.19.1's own {@code @npmcli/redact} ({@code redactLog}) on
 * generated messages, and the registry client's errors and retry lines redacted like npm's.
 */
class RedactionOracleTest {
  private static final String REDACT =
      "require(require('path').join(process.env.NODE_PATH, 'npm/node_modules/@npmcli/redact'))";

  @Test
  void redactsLikeNpm() {
    List<String> cases = cases();
    JsonNode npm =
        NpmOracle.install(OraclePackages.NPM)
            .run("const r = " + REDACT + "; output(input.map(s => r.redactLog(s)));", cases);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      String mine = Redaction.log(cases.get(i));
      if (!mine.equals(npm.get(i).asText())) {
        mismatches.add(cases.get(i) + "\n  npm:   " + npm.get(i).asText() + "\n  quoll: " + mine);
      }
    }
    if (!mismatches.isEmpty()) {
      fail(
          mismatches.size()
              + " of "
              + cases.size()
              + " differ:\n"
              + String.join("\n", mismatches.subList(0, Math.min(8, mismatches.size()))));
    }
  }

  @Test
  void registryErrorsAndRetryLinesHideThePassword() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: connections are refused
    }
    String registry = "http://alice:s3cret-pw@127.0.0.1:" + port + "/";
    NpmConfig config = new NpmConfig(Map.of(ConfigSource.USER, Map.of("registry", registry)));
    FetchOptions o = FetchOptions.of(config);
    List<String> log = new ArrayList<>();
    try (RegistryClient client =
        new RegistryClient(
            config,
            new FetchOptions(
                o.mode(),
                java.nio.file.Files.createTempDirectory("redaction"),
                1,
                2,
                Duration.ofMillis(1),
                Duration.ofMillis(2),
                Duration.ofSeconds(5),
                8,
                o.userAgent(),
                Instant.MAX),
            log::add)) {
      ClientException e = assertThrows(ClientException.class, () -> client.packument("left-pad"));
      assertEquals("ECONNREFUSED", e.code());
      assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
      assertTrue(e.getMessage().contains("http://alice:***@127.0.0.1:" + port + "/left-pad"));
      assertFalse(log.isEmpty(), "no retry line");
      for (String line : log) {
        assertFalse(line.contains("s3cret"), line);
      }
    }
  }

  private static List<String> cases() {
    List<String> cases =
        new ArrayList<>(
            List.of(
                "",
                "request to https://user:pass@registry.example/x failed",
                "GET https://user:pass@registry.example/x 404",
                "registry=https://u:p@r.example/ and more",
                "https://:onlypass@h/",
                "https://onlyuser@h/",
                "https://u:p%20q@h/x",
                "https://u:p%zz@h/x",
                "https://u%41:p%41@h/",
                "https://u:p^w@h/",
                "https://u:%E2%82%AC@h/",
                "https://u:%C0%80@h/",
                "https://u:p@h/ https://v:q@i/",
                "HTTPS://u:p@h/",
                "git+https://u:tok@github.com/o/r.git#main",
                "git+ssh://git:secret@github.com/o/r.git",
                "x=https://u:p@h/=y",
                "(https://u:p@h/)",
                "token npm_abcdefghijklmnopqrstuvwxyz0123456789 used",
                "NPMS_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcd",
                "npm_short",
                "npm_" + "a".repeat(50),
                "id 123e4567-e89b-12d3-a456-426614174000 x",
                "123E4567-E89B-12D3-A456-426614174000",
                "tab\tsep\u00a0nbsp\u2003em\u3000ideo https://a:b@c/",
                "file:///u:p@x",
                "https://u:p@/",
                "mailto:u:p@h"));
    Random r = new Random(7);
    String[] schemes = {"http", "https", "git+https", "ftp", "ws", "foo", "HTTP"};
    String[] users = {"", "u", "user.name", "a%20b", "a b", "x%", "é", "a:b"};
    String[] passwords = {
      "p", "p%41", "%zz", "pä", "p@q", "s3cret!", "%E2%82%AC", "a%2Fb", "~*'()"
    };
    String[] hosts = {"h", "registry.npmjs.org", "127.0.0.1:8080", "[::1]", "h:99999", ""};
    String[] around = {"", "request to ", "x=", "(", "GET ", "\n"};
    String[] after = {"", "/", "/x?y=1#z", " failed", "=1", ")", "/a b"};
    for (int i = 0; i < 1500; i++) {
      String url =
          schemes[r.nextInt(schemes.length)]
              + "://"
              + users[r.nextInt(users.length)]
              + (r.nextInt(5) == 0 ? "" : ":" + passwords[r.nextInt(passwords.length)])
              + "@"
              + hosts[r.nextInt(hosts.length)]
              + after[r.nextInt(after.length)];
      cases.add(around[r.nextInt(around.length)] + url + after[r.nextInt(after.length)]);
    }
    return cases;
  }
}
