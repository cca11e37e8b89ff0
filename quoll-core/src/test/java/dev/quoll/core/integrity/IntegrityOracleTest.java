package dev.quoll.core.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import dev.quoll.testkit.NpmOracle;
import dev.quoll.testkit.OraclePackages;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential test against ssri 13.0.1 (bundled by npm 11) under node: parse (lenient, strict,
 * single), toString (default, strict, custom separators), pickAlgorithm, hexDigest, match, fromHex,
 * fromData and checkData, on hand-written and fixed-seed generated inputs, all in one node run.
 */
class IntegrityOracleTest {
  private static final String SSRI = OraclePackages.SSRI;
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String SCRIPT =
      """
      const ssri = require('ssri');
      const show = (i) => i ? {
        s: i.toString(), strict: i.toString({strict: true}), sep: i.toString({sep: ', '}),
        sepStrict: i.toString({sep: 'x y', strict: true}), sepEmpty: i.toString({sep: ''}),
        pick: i.pickAlgorithm(), hex: i.hexDigest(),
      } : null;
      const single = (h) => h && h.algorithm && h.digest ? {
        algorithm: h.algorithm, digest: h.digest, options: h.options,
        s: h.toString(), strict: h.toString({strict: true}), hex: h.hexDigest(),
      } : null;
      const strings = input.strings.map(s => ({
        lenient: show(ssri.parse(s)),
        strict: show(ssri.parse(s, {strict: true})),
        single: single(ssri.parse(s, {single: true})),
        singleStrict: single(ssri.parse(s, {single: true, strict: true})),
      }));
      const matches = input.pairs.map(([a, b]) => {
        const pa = ssri.parse(a);
        if (!pa) return null;
        const m = pa.match(b);
        return m ? m.toString() : false;
      });
      const hexes = input.hexes.map(([hex, algo]) => {
        const i = ssri.fromHex(hex, algo);
        return i ? i.toString() : null;
      });
      const data = input.data.map(d => {
        const buf = Buffer.from(d.bytes, 'base64');
        const from = ssri.fromData(buf, {algorithms: d.algorithms}).toString();
        const checks = d.check.map(sri => {
          const m = ssri.checkData(buf, sri);
          return m ? m.toString() : false;
        });
        return {from, checks};
      });
      output({strings, matches, hexes, data});
      """;

  @Test
  void agreesWithSsri() {
    Random random = new Random(20261121L);
    List<String> strings = new ArrayList<>(handWritten());
    for (int i = 0; i < 3000; i++) {
      strings.add(generate(random));
    }
    List<List<String>> pairs = new ArrayList<>();
    for (int i = 0; i + 1 < strings.size(); i++) {
      pairs.add(List.of(strings.get(i), strings.get(i + 1)));
      pairs.add(List.of(strings.get(i), mutate(strings.get(i), random)));
    }
    List<List<String>> hexes = hexCases(random);
    List<Map<String, Object>> data = new ArrayList<>();
    List<byte[]> dataBytes = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      byte[] bytes = new byte[i < 20 ? i : random.nextInt(3000)];
      random.nextBytes(bytes);
      dataBytes.add(bytes);
      List<String> algorithms = pickSome(random, List.of("sha512", "sha384", "sha256", "sha1"));
      if (random.nextInt(5) == 0) {
        algorithms.add("md5");
      }
      Map<String, Object> d = new HashMap<>();
      d.put("bytes", Base64.getEncoder().encodeToString(bytes));
      d.put("algorithms", algorithms);
      d.put("check", checkStrings(bytes, random));
      data.add(d);
    }

    JsonNode expected =
        NpmOracle.install(SSRI)
            .run(SCRIPT, Map.of("strings", strings, "pairs", pairs, "hexes", hexes, "data", data));

    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < strings.size(); i++) {
      String s = strings.get(i);
      ObjectNode actual = F.objectNode();
      actual.set("lenient", show(Integrity.parse(s)));
      actual.set("strict", show(Integrity.parse(s, true)));
      actual.set("single", single(Hash.parse(s, false)));
      actual.set("singleStrict", single(Hash.parse(s, true)));
      compare(mismatches, "string " + JSON.valueToTree(s), expected.get("strings").get(i), actual);
    }
    for (int i = 0; i < pairs.size(); i++) {
      List<String> p = pairs.get(i);
      JsonNode actual =
          Integrity.parse(p.get(0))
              .map(
                  a ->
                      (JsonNode)
                          Integrity.parse(p.get(1))
                              .flatMap(a::match)
                              .map(h -> (JsonNode) F.textNode(h.toString()))
                              .orElse(F.booleanNode(false)))
              .orElse(F.nullNode());
      compare(mismatches, "match " + JSON.valueToTree(p), expected.get("matches").get(i), actual);
    }
    for (int i = 0; i < hexes.size(); i++) {
      List<String> h = hexes.get(i);
      JsonNode actual =
          Integrity.fromHex(h.get(0), h.get(1))
              .map(x -> (JsonNode) F.textNode(x.toString()))
              .orElse(F.nullNode());
      compare(mismatches, "fromHex " + JSON.valueToTree(h), expected.get("hexes").get(i), actual);
    }
    for (int i = 0; i < data.size(); i++) {
      byte[] bytes = dataBytes.get(i);
      @SuppressWarnings("unchecked")
      List<String> algorithms = (List<String>) data.get(i).get("algorithms");
      @SuppressWarnings("unchecked")
      List<String> checks = (List<String>) data.get(i).get("check");
      ObjectNode actual = F.objectNode();
      actual.put("from", Integrity.fromData(bytes, algorithms).toString());
      ArrayNode checkResults = actual.putArray("checks");
      for (String sri : checks) {
        checkResults.add(
            Integrity.parse(sri)
                .flatMap(x -> x.checkData(bytes))
                .map(h -> (JsonNode) F.textNode(h.toString()))
                .orElse(F.booleanNode(false)));
      }
      compare(
          mismatches,
          "data #" + i + " " + algorithms + " " + checks,
          expected.get("data").get(i),
          actual);
    }
    int total = strings.size() + pairs.size() + hexes.size() + data.size();
    if (!mismatches.isEmpty()) {
      fail(
          mismatches.size()
              + " of "
              + total
              + " cases differ from ssri; first ones:\n"
              + String.join("\n", mismatches.subList(0, Math.min(25, mismatches.size()))));
    }
    assertEquals(0, mismatches.size());
  }

  private static void compare(List<String> out, String what, JsonNode expected, JsonNode actual) {
    if (!expected.equals(actual)) {
      out.add(what + "\n    ssri:  " + expected + "\n    quoll: " + actual);
    }
  }

  private static JsonNode show(Optional<Integrity> parsed) {
    if (parsed.isEmpty()) {
      return F.nullNode();
    }
    Integrity i = parsed.get();
    ObjectNode o = F.objectNode();
    o.put("s", i.toString());
    o.put("strict", i.toString(" ", true));
    o.put("sep", i.toString(", ", false));
    o.put("sepStrict", i.toString("x y", true));
    o.put("sepEmpty", i.toString("", false));
    o.put("pick", i.pickAlgorithm());
    o.put("hex", i.hexDigest());
    return o;
  }

  private static JsonNode single(Optional<Hash> parsed) {
    if (parsed.isEmpty()) {
      return F.nullNode();
    }
    Hash h = parsed.get();
    ObjectNode o = F.objectNode();
    o.put("algorithm", h.algorithm());
    o.put("digest", h.digest());
    ArrayNode options = o.putArray("options");
    h.options().forEach(options::add);
    o.put("s", h.toString());
    o.put("strict", h.toString(true));
    o.put("hex", h.hexDigest());
    return o;
  }

  private static final String SHA512 = b64(64, 1);
  private static final String SHA384 = b64(48, 2);
  private static final String SHA256 = b64(32, 3);
  private static final String SHA1 = b64(20, 4);

  private static List<String> handWritten() {
    return List.of(
        "",
        " ",
        "sha512",
        "sha512-",
        "-abc",
        "sha512-" + SHA512,
        "  sha512-" + SHA512 + "  ",
        "sha512-" + SHA512 + " sha1-" + SHA1,
        "sha1-" + SHA1 + " sha512-" + SHA512,
        "sha1-" + SHA1 + "\tsha256-" + SHA256 + "\n sha384-" + SHA384,
        "sha512-" + SHA512 + "?foo",
        "sha512-" + SHA512 + "?foo?bar",
        "sha512-" + SHA512 + "?",
        "sha512-" + SHA512 + "??",
        "sha512-" + SHA512 + "?a??b?",
        "sha512-" + SHA512 + "?\u00e9",
        "sha512-" + SHA512 + "?*",
        "sha512-" + SHA512 + "?a\u0085b",
        "sha512-" + SHA512.substring(0, 43),
        "sha512-" + SHA512 + SHA512 + "AAA",
        "sha512-" + SHA512.replace('A', '-'),
        "sha512-abc=def",
        "sha512-abc==",
        "sha512-abc===",
        "sha512-=abc",
        "sha512-" + SHA256.replace("=", "") + "=",
        "SHA512-" + SHA512,
        "Sha512-" + SHA512,
        "sha3-" + SHA512,
        "sha512-256-" + SHA256,
        "sha3-256-" + SHA256,
        "whirlpool-" + SHA512,
        "md5-" + b64(16, 5),
        "ripemd160-" + SHA1,
        "blake2b512-" + SHA512,
        "sm3-" + SHA256,
        "shake256-" + SHA256,
        "foo-bar",
        "sha1-" + SHA1 + " foo-bar sha1-" + b64(20, 9),
        "sha1-" + SHA1 + " sha1-" + SHA1,
        "sha1-a sha1-b sha1-c?x",
        "sha512-" + SHA512 + "\u00a0sha1-" + SHA1,
        "sha512-" + SHA512 + "\u3000sha1-" + SHA1,
        "sha512-" + SHA512 + "\u200bsha1-" + SHA1,
        "sha512-" + SHA512 + "\ufeffsha1-" + SHA1,
        "sha512-" + SHA512 + "\u2028sha256-" + SHA256,
        "\ufeffsha512-" + SHA512,
        "sha512-" + SHA512 + "?opt sha512-" + b64(64, 7) + " sha256-" + SHA256 + "?x",
        "sha256-" + SHA256 + " sha512-bad!chars sha384-" + SHA384,
        "sha384-" + SHA384 + " sha512-" + SHA512 + "?? sha512-" + b64(64, 8),
        "sha512-\u00e9\u00e9\u00e9",
        "sha512-QUJD\u0141\u0141\u0141\u0141",
        "sha512-QU\u013dJD",
        "sha512-QU=JD",
        "sha512-a?b?c d",
        "md5-" + b64(16, 1) + " sha224-" + b64(28, 2),
        "ripemd160-" + SHA1 + " md5-" + b64(16, 3),
        "blake2b512-" + SHA512 + " sm3-" + SHA256,
        "sha512-" + SHA512 + " " + "sha512-" + SHA512 + "?x");
  }

  private static final List<String> ALGOS =
      List.of(
          "sha512",
          "sha512",
          "sha512",
          "sha384",
          "sha256",
          "sha1",
          "sha1",
          "md5",
          "sha224",
          "ripemd160",
          "blake2b512",
          "sm3",
          "shake128",
          "foo",
          "SHA512",
          "sha3",
          "whirlpool",
          "sha512-256",
          "",
          "1");
  private static final List<String> SEPS =
      List.of(" ", " ", " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "\u2028", "\u200b", "");
  private static final List<String> OPTIONS =
      List.of("", "", "", "", "?", "?foo", "?a?b", "??", "?x\u00e9", "?*", "?a=b", "?~!");

  private static String generate(Random r) {
    StringBuilder sb = new StringBuilder();
    if (r.nextInt(6) == 0) {
      sb.append(SEPS.get(r.nextInt(SEPS.size())));
    }
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(SEPS.get(r.nextInt(SEPS.size())));
      }
      sb.append(token(r));
    }
    if (r.nextInt(6) == 0) {
      sb.append(SEPS.get(r.nextInt(SEPS.size())));
    }
    return sb.toString();
  }

  private static String token(Random r) {
    String algo = ALGOS.get(r.nextInt(ALGOS.size()));
    String digest =
        switch (r.nextInt(10)) {
          case 0, 1, 2, 3 -> b64(List.of(16, 20, 28, 32, 48, 64).get(r.nextInt(6)), r.nextInt());
          case 4 -> b64(32 + r.nextInt(40), r.nextInt()).replace("=", "");
          case 5 -> {
            String d = b64(64, r.nextInt());
            int k = r.nextInt(d.length());
            yield d.substring(0, k) + "!-_.=\u00e9".charAt(r.nextInt(6)) + d.substring(k);
          }
          case 6 -> b64(r.nextInt(80), r.nextInt());
          case 7 -> "";
          case 8 -> b64(64, r.nextInt()).replace('+', '-').replace('/', '_');
          default -> b64(33 + r.nextInt(2), r.nextInt()) + "=";
        };
    String dash = r.nextInt(25) == 0 ? "" : "-";
    return algo + dash + digest + OPTIONS.get(r.nextInt(OPTIONS.size()));
  }

  private static String mutate(String s, Random r) {
    if (s.isEmpty() || r.nextInt(3) == 0) {
      return s;
    }
    int k = r.nextInt(s.length());
    return s.substring(0, k) + (char) ('A' + r.nextInt(26)) + s.substring(k + 1);
  }

  private static List<List<String>> hexCases(Random r) {
    List<List<String>> out = new ArrayList<>();
    List<String> fixed =
        List.of(
            "",
            "0",
            "00",
            "abc",
            "ABCDEF",
            "0g12",
            "12g4",
            "1234567",
            "zz",
            "12 34",
            "\u0661\u0662",
            "\u0161\u0130",
            "\u00e1b");
    for (String hex : fixed) {
      out.add(List.of(hex, "sha1"));
    }
    String digits = "0123456789abcdefABCDEF";
    for (int i = 0; i < 300; i++) {
      StringBuilder sb = new StringBuilder();
      int len = i % 3 == 0 ? 40 : r.nextInt(130);
      for (int k = 0; k < len; k++) {
        sb.append(r.nextInt(60) == 0 ? "xg- ".charAt(r.nextInt(4)) : digits.charAt(r.nextInt(22)));
      }
      out.add(List.of(sb.toString(), ALGOS.get(r.nextInt(ALGOS.size()))));
    }
    return out;
  }

  private static List<String> checkStrings(byte[] bytes, Random r) {
    Map<String, String> good = new HashMap<>();
    for (String a : List.of("sha512", "sha384", "sha256", "sha1", "md5")) {
      good.put(a, a + "-" + Base64.getEncoder().encodeToString(digest(a, bytes)));
    }
    String bad512 = "sha512-" + b64(64, r.nextInt());
    String bad1 = "sha1-" + b64(20, r.nextInt());
    return List.of(
        good.get("sha512"),
        good.get("sha1"),
        good.get("sha1") + " " + good.get("sha512"),
        bad1 + " " + good.get("sha512"),
        good.get("sha1") + " " + bad512,
        bad512 + " " + good.get("sha512") + "?opt",
        good.get("sha256") + " " + good.get("sha384"),
        good.get("md5") + " ripemd160-" + b64(20, 1),
        bad512);
  }

  private static byte[] digest(String algo, byte[] bytes) {
    return HashAlgorithms.newDigest(algo).digest(bytes);
  }

  private static List<String> pickSome(Random r, List<String> from) {
    List<String> out = new ArrayList<>();
    for (String s : from) {
      if (r.nextBoolean()) {
        out.add(s);
      }
    }
    if (out.isEmpty()) {
      out.add(from.get(r.nextInt(from.size())));
    }
    return out;
  }

  private static String b64(int length, int seed) {
    byte[] b = new byte[length];
    new Random(seed).nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  @Test
  void unsupportedAlgorithmsNeverVerify() {
    Integrity onlyRipemd = Integrity.parse("ripemd160-" + SHA1).orElseThrow();
    try {
      onlyRipemd.checkData(new byte[] {1, 2, 3});
      fail("expected EINTEGRITY");
    } catch (CoreException e) {
      assertEquals("EINTEGRITY", e.code());
    }
    try {
      IntegrityChecker.of(onlyRipemd);
      fail("expected EINTEGRITY");
    } catch (CoreException e) {
      assertEquals("EINTEGRITY", e.code());
    }
  }
}
