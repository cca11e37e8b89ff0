package dev.quoll.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.testkit.NpmOracle;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quoll serve} as a process from the built distribution: it prints its URL (the real port
 * when asked for port 0) and the npm command, serves, logs requests, and stops on SIGTERM.
 */
class ServeCommandTest {
  @TempDir Path tmp;

  @Test
  void servesOnAFreePortAndStopsGracefullyOnSigterm() throws Exception {
    Path lib = NpmOracle.repositoryRoot().resolve("quoll-cli/target/quoll/lib");
    assertTrue(Files.isDirectory(lib), "build quoll-cli first (package phase)");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(
                List.of(
                    java,
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    lib + "/*",
                    "dev.quoll.cli.Quoll",
                    "serve",
                    "--port",
                    "0",
                    "--data",
                    tmp.resolve("data").toString(),
                    "--uplink",
                    "none"))
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String url = null;
      String npmLine = null;
      for (String line; npmLine == null && (line = out.readLine()) != null; ) {
        Matcher m = Pattern.compile("listening on (http://127\\.0\\.0\\.1:(\\d+)/)").matcher(line);
        if (m.find()) {
          url = m.group(1);
          assertTrue(Integer.parseInt(m.group(2)) > 0);
        }
        if (line.startsWith("point npm at it with: ")) {
          npmLine = line;
        }
      }
      assertEquals("point npm at it with: npm config set registry " + url, npmLine);
      var ping =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url + "-/ping")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, ping.statusCode());
      String logLine = out.readLine();
      assertTrue(logLine.contains(" GET /-/ping 200 2B "), logLine);
      assertTrue(Files.exists(tmp.resolve("data/quoll.db")));
      assertTrue(Files.isDirectory(tmp.resolve("data/blobs")));
      p.destroy(); // SIGTERM
      assertTrue(p.waitFor(20, TimeUnit.SECONDS), "stopped after SIGTERM");
      assertEquals(143, p.exitValue());
    } finally {
      p.destroyForcibly();
    }
  }
}
