package dev.quoll.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.core.CoreException;
import dev.quoll.testkit.NpmOracle;
import dev.quoll.testkit.OraclePackages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential test of {@link Json} and {@link JsonFormat} against node's JSON.parse /
 * JSON.stringify and json-parse-even-better-errors (the parser behind @npmcli/package-json).
 */
class JsonOracleTest {
  private static final List<String> INDENTS = List.of("", "  ", "\t", "    ", "01234567890123");

  @Test
  void stringifyMatchesJavaScriptOnGeneratedDocuments() {
    List<String> texts = new ArrayList<>(handWritten());
    Random random = new Random(20261121L);
    for (int i = 0; i < 3000; i++) {
      texts.add(new Generator(random).document());
    }
    NpmOracle oracle = NpmOracle.install(OraclePackages.JSON_PARSE_EVEN_BETTER_ERRORS);
    JsonNode expected =
        oracle.run(
"""
            output(input.texts.map(t => {
  try { const v = JSON.parse(t); return input.indents.map(i => JSON.stringify(v, null, i)); }
  catch (e) { return null; }
}));
            """,
            Map.of("texts", texts, "indents", INDENTS));
    List<String> mismatches = new ArrayList<>();
    for (int t = 0; t < texts.size(); t++) {
      if (expected.get(t).isNull()) {
        String text = texts.get(t);
        assertThrows(CoreException.class, () -> Json.parse(text), text);
        continue;
      }
      JsonNode parsed = Json.parse(texts.get(t));
      for (int i = 0; i < INDENTS.size(); i++) {
        String want = expected.get(t).get(i).textValue();
        String got = Json.stringify(parsed, INDENTS.get(i));
        if (!want.equals(got) && mismatches.size() < 10) {
          mismatches.add(
              "input "
                  + texts.get(t)
                  + " indent '"
                  + INDENTS.get(i)
                  + "'\n want "
                  + want
                  + "\n got  "
                  + got);
        }
      }
    }
    assertEquals(List.of(), mismatches);
  }

  @Test
  void rewriteKeepsLayoutAsNpmDoes() {
    List<String> files =
        List.of(
            "{\n  \"name\": \"a\",\n  \"version\": \"1.0.0\"\n}\n",
            "{\n\t\"name\": \"a\"\n}",
            "{\r\n    \"name\": \"a\",\r\n    \"x\": [1, 2]\r\n}\r\n",
            "{\"name\":\"a\",\"version\":\"1.0.0\"}",
            "{}",
            "{}\n",
            "[]\r\n",
            "\uFEFF{\n   \"odd\": true\n}\n",
            "  {\n\n  \"blank\": 1\n}\n",
            "{ \"spaced\": 1 }\n");
    NpmOracle oracle = NpmOracle.install(OraclePackages.JSON_PARSE_EVEN_BETTER_ERRORS);
    JsonNode expected =
        oracle.run(
            """
            const parse = require('json-parse-even-better-errors');
            output(input.map(t => {
              const o = parse(t);
              const indent = o[Symbol.for('indent')], nl = o[Symbol.for('newline')];
              return (JSON.stringify(o, null, indent === undefined ? '  ' : indent) + '\\n')
                .replace(/\\n/g, nl === undefined ? '\\n' : nl);
            }));
            """,
            files);
    for (int i = 0; i < files.size(); i++) {
      String text = files.get(i);
      assertEquals(
          expected.get(i).textValue(),
          JsonFormat.detect(text).write(Json.parse(text)),
          () -> "layout of " + text.replace("\n", "\\n").replace("\r", "\\r"));
    }
  }

  /** The streaming tree reader recurses; jackson-core's nesting limit stops it before the stack. */
  @Test
  void deepNestingIsAnErrorNotAStackOverflow() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    CoreException e = assertThrows(CoreException.class, () -> Json.parse(deep));
    assertEquals("EJSONPARSE", e.code());
    String fine = "{\"a\":".repeat(500) + "1" + "}".repeat(500);
    assertEquals(fine, Json.stringify(Json.parse(fine)));
  }

  /** Numbers stay exact in the tree, as databind's readTree with exact big decimals kept them. */
  @Test
  void numbersKeepTheirKinds() {
    JsonNode n = Json.parse("[1, 3000000000, 123456789012345678901234567890, 1.50, 1e400]");
    assertEquals(true, n.get(0).isInt());
    assertEquals(true, n.get(1).isLong());
    assertEquals(true, n.get(2).isBigInteger());
    assertEquals("1.50", n.get(3).decimalValue().toPlainString());
    assertEquals(true, n.get(4).isBigDecimal());
  }

  @Test
  void invalidJsonIsACoreExceptionWithNpmsCode() {
    for (String bad : List.of("", "{", "{\"a\":1,}", "[1] [2]", "{'a':1}", "nul", "\"\u0001\"")) {
      CoreException e = assertThrows(CoreException.class, () -> Json.parse(bad), bad);
      assertEquals("EJSONPARSE", e.code());
    }
  }

  private static List<String> handWritten() {
    return List.of(
        "{\"b\":1,\"a\":2,\"10\":3,\"2\":4,\"01\":5,\"-1\":6,\"4294967294\":7,\"4294967295\":8}",
        "{\"a\":1,\"b\":2,\"a\":3}",
        "[1e21,1e20,123456789012345678901234,0.000001,0.0000001,1.5e-7,-0,-0.0,5e-324,1.7976931348623157e308,1e400]",
        "[9007199254740993,-9007199254740993,12345678901234567890,0.1,0.30000000000000004,100,1E2,1.0,2.50]",
        "[\"\\ud800\",\"\\udc00x\",\"\\ud83d\\ude00\",\"\\u2028\\u2029\",\"\\u0000\\u001f\\u007f\",\"\\/\"]",
        "{\"\":{\"\":[]},\"e\":{},\"f\":[[],[{}]]}",
        "  true  ",
        "null",
        "\"just a string\"",
        "-12.5e-3");
  }

  /** Random JSON texts over the cases that differ between naive writers and JavaScript. */
  private record Generator(Random r) {
    String document() {
      StringBuilder sb = new StringBuilder();
      value(sb, 0);
      return sb.toString();
    }

    private void value(StringBuilder sb, int depth) {
      int kind = r.nextInt(depth > 3 ? 4 : 7);
      switch (kind) {
        case 0 -> number(sb);
        case 1 -> string(sb);
        case 2 -> sb.append(List.of("true", "false", "null").get(r.nextInt(3)));
        case 3 -> number(sb);
        case 4, 5 -> {
          sb.append('{');
          int n = r.nextInt(6);
          for (int i = 0; i < n; i++) {
            if (i > 0) {
              sb.append(',');
            }
            whitespace(sb);
            key(sb);
            sb.append(':');
            whitespace(sb);
            value(sb, depth + 1);
          }
          sb.append('}');
        }
        default -> {
          sb.append('[');
          int n = r.nextInt(5);
          for (int i = 0; i < n; i++) {
            if (i > 0) {
              sb.append(',');
            }
            value(sb, depth + 1);
            whitespace(sb);
          }
          sb.append(']');
        }
      }
    }

    private void whitespace(StringBuilder sb) {
      String[] ws = {"", "", " ", "\n", "\t", "\r\n  "};
      sb.append(ws[r.nextInt(ws.length)]);
    }

    private void key(StringBuilder sb) {
      switch (r.nextInt(5)) {
        case 0 -> sb.append('"').append(r.nextInt(20)).append('"');
        case 1 ->
            sb.append('"')
                .append(
                    List.of("0", "00", "01", "-0", "1.5", "4294967295", "99999999999")
                        .get(r.nextInt(7)))
                .append('"');
        default -> string(sb);
      }
    }

    private void number(StringBuilder sb) {
      switch (r.nextInt(6)) {
        case 0 -> sb.append(r.nextInt(2000) - 1000);
        case 1 -> sb.append(r.nextLong());
        case 2 -> sb.append(r.nextDouble() * Math.pow(10, r.nextInt(60) - 30));
        case 3 ->
            sb.append(r.nextInt(10))
                .append('.')
                .append(r.nextInt(100000))
                .append('e')
                .append(r.nextInt(50) - 25);
        case 4 -> sb.append("-0.").append("0".repeat(r.nextInt(9))).append(1 + r.nextInt(999));
        case 5 -> sb.append(1 + r.nextInt(9)).append("0".repeat(r.nextInt(25)));
        default -> sb.append("0").append(r.nextInt(3));
      }
    }

    private void string(StringBuilder sb) {
      sb.append('"');
      int n = r.nextInt(8);
      for (int i = 0; i < n; i++) {
        switch (r.nextInt(8)) {
          case 0 -> sb.append(String.format("\\u%04x", r.nextInt(0x10000)));
          case 1 ->
              sb.append(
                  List.of("\\n", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\r", "\\t")
                      .get(r.nextInt(8)));
          case 2 -> sb.append(String.format("\\u%04x", 0xd800 + r.nextInt(0x800)));
          default -> sb.append((char) ('a' + r.nextInt(26)));
        }
      }
      sb.append('"');
    }
  }
}
