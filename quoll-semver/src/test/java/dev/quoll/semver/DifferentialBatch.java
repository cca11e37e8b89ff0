package dev.quoll.semver;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.testkit.NpmOracle;
import dev.quoll.testkit.OraclePackages;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A batch of calls evaluated once by the oracle (node-semver under node, in one process) and once
 * by Quoll, compared result by result; failures list the first mismatches with their inputs.
 */
final class DifferentialBatch {
  /** The pinned oracle: node-semver as bundled by npm 11. */
  static final String SEMVER = OraclePackages.SEMVER;

  private static final int SHOWN = 25;

  private final ArrayNode calls = JavaCalls.JSON.createArrayNode();
  private final List<String> ranges = new ArrayList<>();
  private final List<String> versions = new ArrayList<>();
  private final List<int[]> pairs = new ArrayList<>();

  /** Adds one call: a function name of {@code oracle.js} and its arguments. */
  void call(Object... nameAndArgs) {
    calls.add(JavaCalls.JSON.valueToTree(nameAndArgs));
  }

  /** Adds a range for {@link #pair}; returns its index. */
  int range(String range) {
    ranges.add(range);
    return ranges.size() - 1;
  }

  /** Adds a version for {@link #pair}; returns its index. */
  int version(String version) {
    versions.add(version);
    return versions.size() - 1;
  }

  /** Checks {@code satisfies(version, range)} under all four option combinations. */
  void pair(int range, int version) {
    pairs.add(new int[] {range, version});
  }

  int size() {
    return calls.size() + pairs.size();
  }

  /** Runs both sides and fails with the first mismatches, if any. */
  void verify() {
    ObjectNode input = JavaCalls.JSON.createObjectNode();
    input.set("calls", calls);
    ObjectNode sat = input.putObject("satisfies");
    sat.set("ranges", JavaCalls.JSON.valueToTree(ranges));
    sat.set("versions", JavaCalls.JSON.valueToTree(versions));
    sat.set("pairs", JavaCalls.JSON.valueToTree(pairs));
    NpmOracle oracle = NpmOracle.install(SEMVER);
    long t0 = System.nanoTime();
    JsonNode expected = oracle.run(script(), input);
    long t1 = System.nanoTime();

    List<String> mismatches = new ArrayList<>();
    int count = 0;
    for (int i = 0; i < calls.size(); i++) {
      JsonNode want = expected.get("calls").get(i);
      JsonNode got = JavaCalls.call(calls.get(i));
      if (!want.toString().equals(got.toString())) {
        count++;
        if (mismatches.size() < SHOWN) {
          mismatches.add(calls.get(i) + "\n    node:  " + want + "\n    quoll: " + got);
        }
      }
    }
    List<List<Optional<Range>>> parsed = new ArrayList<>();
    for (String r : ranges) {
      List<Optional<Range>> perOption = new ArrayList<>();
      for (int o = 0; o < 4; o++) {
        perOption.add(Range.tryParse(r, JavaCalls.options(o)));
      }
      parsed.add(perOption);
    }
    for (int i = 0; i < pairs.size(); i++) {
      int[] p = pairs.get(i);
      int bits = 0;
      for (int o = 0; o < 4; o++) {
        Optional<Range> r = parsed.get(p[0]).get(o);
        if (r.isPresent() && r.get().test(versions.get(p[1]))) {
          bits |= 1 << o;
        }
      }
      int want = expected.get("satisfies").get(i).asInt();
      if (bits != want) {
        count++;
        if (mismatches.size() < SHOWN) {
          mismatches.add(
              "satisfies("
                  + JavaCalls.JSON.valueToTree(versions.get(p[1]))
                  + ", "
                  + JavaCalls.JSON.valueToTree(ranges.get(p[0]))
                  + ") by options 0..3\n    node:  "
                  + Integer.toBinaryString(want)
                  + "\n    quoll: "
                  + Integer.toBinaryString(bits));
        }
      }
    }
    System.out.printf(
        "%d cases: oracle %d ms, quoll %d ms%n",
        size(), (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
    if (count > 0) {
      fail(
          count
              + " of "
              + size()
              + " cases differ from "
              + SEMVER
              + "; first ones:\n  "
              + String.join("\n  ", mismatches));
    }
  }

  private static String script() {
    try (InputStream in = DifferentialBatch.class.getResourceAsStream("oracle.js")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
