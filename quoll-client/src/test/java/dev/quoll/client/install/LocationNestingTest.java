package dev.quoll.client.install;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class LocationNestingTest {
  @Test
  void insideOnlyThroughNodeModulesSegments() {
    Set<String> outer = Set.of("node_modules/a", "packages/w");
    assertTrue(LocationNesting.insideAny("node_modules/a/node_modules/b", outer));
    assertTrue(LocationNesting.insideAny("node_modules/a/node_modules/b/node_modules/c", outer));
    assertTrue(LocationNesting.insideAny("packages/w/node_modules/x", outer));
    assertFalse(LocationNesting.insideAny("node_modules/a", outer), "itself is not inside");
    assertFalse(LocationNesting.insideAny("node_modules/ab/node_modules/b", outer));
    assertFalse(LocationNesting.insideAny("packages/w/lib", outer), "not a node_modules child");
    assertFalse(LocationNesting.insideAny("node_modules/b/node_modules/a", outer));
  }
}
