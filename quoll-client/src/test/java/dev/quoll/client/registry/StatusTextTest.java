package dev.quoll.client.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link StatusText} against node's own {@code http.STATUS_CODES} (one node run, 100-599). */
class StatusTextTest {
  @Test
  void phrasesAreNodesForEveryErrorStatus() throws Exception {
    Process p =
        new ProcessBuilder(
                "node",
                "-e",
                "const c = require('http').STATUS_CODES; const o = {};"
                    + " for (let s = 300; s < 600; s++) if (c[s]) o[s] = c[s];"
                    + " process.stdout.write(JSON.stringify(o));")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(true, p.waitFor(60, TimeUnit.SECONDS));
    JsonNode node = Json.parse(out);
    Map<Integer, String> expected = new TreeMap<>();
    node.properties()
        .forEach(e -> expected.put(Integer.parseInt(e.getKey()), e.getValue().asText()));
    Map<Integer, String> actual = new TreeMap<>();
    for (int s = 300; s < 600; s++) {
      int status = s;
      StatusText.of(s).ifPresent(t -> actual.put(status, t));
    }
    assertEquals(expected, actual);
    assertEquals("404 Not Found", StatusText.statusLine(404));
    assertEquals("599", StatusText.statusLine(599));
  }
}
