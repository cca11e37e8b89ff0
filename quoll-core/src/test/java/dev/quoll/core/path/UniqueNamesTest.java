package dev.quoll.core.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link UniqueNames}: 32 lowercase hex digits, no repeats. */
class UniqueNamesTest {
  @Test
  void namesAre32HexDigitsAndDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      String name = UniqueNames.next();
      assertTrue(name.matches("[0-9a-f]{32}"), name);
      seen.add(name);
    }
    assertEquals(100_000, seen.size());
  }
}
