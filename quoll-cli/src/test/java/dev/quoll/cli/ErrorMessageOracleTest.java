package dev.quoll.cli;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.registry.HttpStatusException;
import dev.quoll.core.json.Json;
import dev.quoll.testkit.NpmOracle;
import dev.quoll.testkit.OraclePackages;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpStatusException#of} and {@link ErrorMessage#of} against npm 11.19.1's own code, in one
 * node run: for every combination of a status, the {@code WWW-Authenticate} lines, a body and a
 * pkgid, a minipass-fetch {@code Response} goes through npm-registry-fetch's {@code
 * lib/check-response.js}, and the error it throws through npm's {@code lib/utils/error-message.js};
 * the test compares the code, the message, and the printed lines (each summary and detail item's
 * parts joined with a space, split at newlines, stripped; npm's E404 summary drops the {@code 404 }
 * that Quoll's first line keeps). The first mismatches are reported with their input.
 */
class ErrorMessageOracleTest {
  private static final String SCRIPT =
      """
      const base = require('path').join(process.env.NODE_PATH, 'npm');
      const checkResponse = require(base + '/node_modules/npm-registry-fetch/lib/check-response.js');
      const { Response, Headers } = require(base + '/node_modules/minipass-fetch');
      const { errorMessage } = require(base + '/lib/utils/error-message.js');
      const lines = items => items.flatMap(([prefix, ...parts]) =>
        parts.join(' ').split('\\n').map(l => l.trim()));
      (async () => {
        const out = [];
        for (const c of input) {
          const headers = new Headers();
          for (const v of c.auth) headers.append('www-authenticate', v);
          const res = new Response(Buffer.from(c.body), { status: c.status, url: c.url, headers });
          let er = null;
          try {
            await checkResponse({ method: 'GET', uri: c.url, res, startTime: Date.now(),
              opts: { spec: c.spec } });
          } catch (e) { er = e; }
          if (!er) { out.push(null); continue; }
          const code = er.code, message = er.message;
          const { summary, detail } = errorMessage(er, {});
          out.push({ code, message, lines: [...lines(summary), ...lines(detail)] });
        }
        output(out);
      })();
      """;

  private static final List<Integer> STATUSES = List.of(400, 401, 403, 404, 405, 418, 429, 500);
  private static final List<List<String>> AUTH =
      List.of(
          List.of(),
          List.of(""),
          List.of("Basic"),
          List.of("basic realm=\"r\""),
          List.of("Bearer realm=\"r\", error=\"invalid_token\""),
          List.of("Basic, Bearer"),
          List.of("Negotiate"),
          List.of("Negotiate", "Basic"),
          List.of("OTP"),
          List.of("otp"),
          List.of("OTP realm=x"),
          List.of("Basic, OTP"),
          List.of("ipaddress"),
          List.of("IPAddress, Basic"));
  private static final List<String> BODIES =
      List.of(
          "{\"error\":\"Not found\"}",
          "{\"message\":\"only a message\"}",
          "{\"error\":\"You must provide a one-time pass. Upgrade your client.\"}",
          "{\"error\":\"x\",\"authUrl\":\"https://r.example/a\",\"doneUrl\":\"https://r.example/d\"}",
          "{\"authUrl\":\"https://r.example/a\"}",
          "{\"error\":5}",
          "{\"error\":0}",
          "{\"error\":false}",
          "{\"error\":[\"a\",\"b\"]}",
          "{\"error\":{}}",
          "{\"error\":\"\"}",
          "null",
          "\"a string\"",
          "not json, but a one-time pass",
          "<html>nope</html>",
          "");
  private static final List<String> SPECS =
      List.of(
          "left-pad@*",
          "@scope/name@^1.0.0",
          "UpperCase@1.0.0",
          "http@*",
          "excited!@latest",
          "node_modules@*",
          "a".repeat(215) + "@*",
          "alias@https://r.example/real/-/real-1.0.0.tgz",
          "-");

  @Test
  void registryErrorsReadAndPrintLikeNpm() {
    ArrayNode cases = Json.object().arrayNode();
    for (int status : STATUSES) {
      for (List<String> auth : AUTH) {
        for (String body : BODIES) {
          for (String spec : SPECS) {
            ObjectNode c = cases.addObject();
            c.put("status", status);
            c.put("url", "https://r.example/path/x");
            auth.forEach(c.putArray("auth")::add);
            c.put("body", body);
            c.put("spec", spec);
          }
        }
      }
    }
    JsonNode npm = NpmOracle.install(OraclePackages.NPM).run(SCRIPT, cases);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      JsonNode c = cases.get(i);
      List<String> auth = new ArrayList<>();
      c.get("auth").forEach(a -> auth.add(a.asText()));
      HttpStatusException e =
          HttpStatusException.of(
              c.get("status").asInt(),
              "GET",
              c.get("url").asText(),
              auth,
              c.get("body").asText().getBytes(StandardCharsets.UTF_8),
              Optional.of(c.get("spec").asText()));
      ErrorMessage.Report r = ErrorMessage.of(e);
      ObjectNode mine = Json.object();
      mine.put("code", e.code());
      mine.put("message", e.getMessage());
      ArrayNode lines = mine.putArray("lines");
      String summary =
          r.code().equals("E404") ? r.summary().replaceFirst("^404\\s+", "") : r.summary();
      lines.add(summary.strip());
      for (String d : r.detail()) {
        for (String l : d.split("\n", -1)) {
          lines.add(l.strip());
        }
      }
      if (!mine.equals(npm.get(i))) {
        mismatches.add(
            Json.stringify(c)
                + "\n  npm:   "
                + Json.stringify(npm.get(i))
                + "\n  quoll: "
                + Json.stringify(mine));
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
}
