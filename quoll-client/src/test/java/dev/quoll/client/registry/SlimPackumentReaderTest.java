package dev.quoll.client.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.Json;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the streaming reader against the tree path it replaces (parse the whole
 * document with {@link Json}, then {@link SlimPackumentReader#slim}): real full packuments fetched
 * from the npm registry at test time, plus hand-written documents with the odd shapes JSON allows.
 */
class SlimPackumentReaderTest {
  /**
   * Real packages chosen for their shapes: deprecated versions (request), install scripts and
   * optional dependencies (esbuild), peer dependencies and metadata (@angular/core), bins and
   * engines (semver), a scoped package with many versions (@types/node).
   */
  private static final List<String> REAL =
      List.of("semver", "request", "esbuild", "@angular/core", "@types/node");

  @Test
  void realPackumentsSlimLikeTheTreePath() throws Exception {
    List<String> mismatches = new ArrayList<>();
    try (HttpClient http = HttpClient.newHttpClient()) {
      for (String name : REAL) {
        HttpRequest req =
            HttpRequest.newBuilder(
                    URI.create("https://registry.npmjs.org/" + name.replace("/", "%2f")))
                .header("accept", "application/json")
                .timeout(Duration.ofSeconds(60))
                .build();
        byte[] body = http.send(req, HttpResponse.BodyHandlers.ofByteArray()).body();
        for (boolean keepTime : new boolean[] {true, false}) {
          String expected = expected(body, keepTime);
          String streamed =
              Json.stringify(
                  SlimPackumentReader.read(new ByteArrayInputStream(body), keepTime), "  ");
          String fromBytes = Json.stringify(SlimPackumentReader.read(body, keepTime), "  ");
          String cachedForm =
              Json.stringify(
                  SlimPackumentReader.read(
                      SlimPackumentReader.toBytes(SlimPackumentReader.read(body, keepTime)),
                      keepTime),
                  "  ");
          if (!expected.equals(cachedForm)) {
            mismatches.add(name + " keepTime=" + keepTime + " after the cache's round trip");
          }
          if (!expected.equals(streamed) || !expected.equals(fromBytes)) {
            mismatches.add(
                name + " keepTime=" + keepTime + ": " + firstDifference(expected, streamed));
          }
          assertTrue(streamed.length() < body.length, name + " is slimmer than the full document");
        }
      }
    }
    assertEquals(List.of(), mismatches);
  }

  @Test
  void oddShapesSlimLikeTheTreePath() {
    List<String> docs =
        List.of(
            "\uFEFF{\"name\":\"a\",\"versions\":{\"1.0.0\":{\"name\":\"a\",\"version\":\"1.0.0\"}}}",
            "{\"versions\":\"nope\",\"name\":\"a\",\"_id\":\"a\",\"readme\":\"x\"}",
            "{\"name\":\"a\"}",
            "{\"versions\":{\"1.0.0\":null,\"2.0.0\":[1,2],\"3.0.0\":{\"scripts\":\"x\"}}}",
            "{\"versions\":{\"1.0.0\":{\"scripts\":{\"test\":\"t\",\"postinstall\":\"p\","
                + "\"install\":\"i\",\"preinstall\":\"q\"},\"dist\":{\"tarball\":\"u\"},"
                + "\"version\":\"1.0.0\",\"readme\":{\"deep\":[{\"x\":1}]}}}}",
            "{\"versions\":{\"1.0.0\":{\"version\":\"1\"},\"1.0.0\":{\"version\":\"2\"},"
                + "\"0.1.0\":{}},\"versions\":{\"9.0.0\":{\"version\":\"9\",\"version\":\"10\"}}}",
            "{\"time\":{\"1.0.0\":\"2020-01-01T00:00:00.000Z\"},\"dist-tags\":{\"latest\":\"1.0.0\"},"
                + "\"name\":\"a\",\"versions\":{\"1.0.0\":{\"engines\":{\"node\":null},"
                + "\"x\":1.50,\"gypfile\":true,\"n\":12345678901234567890123,"
                + "\"cpu\":[\"x64\"],\"deprecated\":\"\\u00e9 \\ud83d\\ude00\"}}}",
            "{\"versions\":{\"1.0.0\":{\"scripts\":{\"install\":\"a\"},\"scripts\":7}}}");
    List<String> mismatches = new ArrayList<>();
    for (String doc : docs) {
      byte[] body = doc.getBytes(StandardCharsets.UTF_8);
      for (boolean keepTime : new boolean[] {true, false}) {
        String expected = expected(body, keepTime);
        String got = Json.stringify(SlimPackumentReader.read(body, keepTime), "  ");
        String again =
            Json.stringify(
                SlimPackumentReader.read(
                    SlimPackumentReader.toBytes(SlimPackumentReader.read(body, keepTime)),
                    keepTime),
                "  ");
        if (!expected.equals(got) || !expected.equals(again)) {
          mismatches.add(doc + " keepTime=" + keepTime + ":\n" + expected + "\n" + got);
        }
      }
    }
    assertEquals(List.of(), mismatches);
  }

  @Test
  void brokenDocumentsAreJsonParseErrors() {
    for (String doc : List.of("[1]", "{\"a\":", "{} {}", "", "\"x\"")) {
      CoreException e =
          assertThrows(
              CoreException.class,
              () -> SlimPackumentReader.read(doc.getBytes(StandardCharsets.UTF_8), false),
              doc);
      assertEquals("EJSONPARSE", e.code(), doc);
    }
  }

  private static String expected(byte[] body, boolean keepTime) {
    return Json.stringify(SlimPackumentReader.slim((ObjectNode) Json.parse(body), keepTime), "  ");
  }

  private static String firstDifference(String a, String b) {
    int i = 0;
    while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    int from = Math.max(0, i - 80);
    return "at "
        + i
        + ": expected …"
        + a.substring(from, Math.min(a.length(), i + 80))
        + "… got …"
        + b.substring(from, Math.min(b.length(), i + 80))
        + "…";
  }
}
