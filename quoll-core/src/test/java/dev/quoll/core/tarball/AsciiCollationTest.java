package dev.quoll.core.tarball;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.ibm.icu.text.Collator;
import com.ibm.icu.util.ULocale;
import dev.quoll.testkit.NpmOracle;
import dev.quoll.testkit.OraclePackages;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link AsciiCollation}: whenever it answers, the answer is ICU's (a collator built as {@link
 * NpmCollation}'s) and node 20's {@code Intl.Collator('en')}.
 */
class AsciiCollationTest {
  private static final String KEY_CHARS = AsciiCollation.ORDER + "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  /** Lockfile-like keys: package locations, names with scopes, camelCase field names, versions. */
  private static List<String> words(int count, long seed) {
    Random random = new Random(seed);
    List<String> parts =
        List.of("node_modules/", "@", "/", "-", ".", "_", "a", "b", "B", "dev", "Dep", "1", "0");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder b = new StringBuilder();
      int n = random.nextInt(7);
      for (int k = 0; k < n; k++) {
        if (random.nextInt(3) == 0) {
          b.append(KEY_CHARS.charAt(random.nextInt(KEY_CHARS.length())));
        } else {
          b.append(parts.get(random.nextInt(parts.size())));
        }
      }
      if (random.nextInt(20) == 0) {
        b.insert(random.nextInt(b.length() + 1), random.nextBoolean() ? " " : "\u00e9");
      }
      out.add(b.toString());
    }
    return out;
  }

  @Test
  void agreesWithIcuWheneverItAnswers() {
    Collator icu = Collator.getInstance(ULocale.ENGLISH);
    icu.setStrength(Collator.TERTIARY);
    icu.setDecomposition(Collator.CANONICAL_DECOMPOSITION);
    List<String> words = words(3000, 7);
    List<String> mismatches = new ArrayList<>();
    int answered = 0;
    for (int i = 0; i < words.size(); i++) {
      for (int j = 0; j < words.size(); j += 13) {
        String a = words.get(i);
        String b = words.get((i + j) % words.size());
        int fast = AsciiCollation.compare(a, b);
        if (fast == AsciiCollation.UNKNOWN) {
          continue;
        }
        answered++;
        int want = Integer.signum(icu.compare(a, b));
        if (fast != want && mismatches.size() < 12) {
          mismatches.add("'" + a + "' vs '" + b + "': icu " + want + ", fast " + fast);
        }
      }
    }
    assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
    assertTrue(answered > 500_000, "answered " + answered);
    for (int i = 1; i < AsciiCollation.ORDER.length(); i++) {
      String a = AsciiCollation.ORDER.substring(i - 1, i);
      String b = AsciiCollation.ORDER.substring(i, i + 1);
      assertEquals(-1, Integer.signum(icu.compare(a, b)), a + " < " + b);
    }
  }

  @Test
  void agreesWithNode() {
    NpmOracle oracle = NpmOracle.install(OraclePackages.SEMVER);
    List<String> words = words(800, 11);
    JsonNode expected =
        oracle.run(
            """
            const c = new Intl.Collator('en');
            const out = [];
            for (let i = 0; i < input.length; i++) {
              for (let j = 0; j < input.length; j += 9) out.push(Math.sign(c.compare(input[i], input[(i + j) % input.length])));
            }
            output(out);
            """,
            words);
    List<String> mismatches = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < words.size(); i++) {
      for (int j = 0; j < words.size(); j += 9) {
        String a = words.get(i);
        String b = words.get((i + j) % words.size());
        int want = expected.get(k++).intValue();
        int got = NpmCollation.localeCompare(a, b);
        if (got != want && mismatches.size() < 12) {
          mismatches.add("'" + a + "' vs '" + b + "': node " + want + ", quoll " + got);
        }
      }
    }
    assertTrue(
        mismatches.isEmpty(),
        mismatches.size() + " of " + k + ":\n" + String.join("\n", mismatches));
  }
}
