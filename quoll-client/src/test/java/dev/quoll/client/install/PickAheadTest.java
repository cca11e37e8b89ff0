package dev.quoll.client.install;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quoll.core.packument.Packument;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PickAheadTest {
  private static Packument doc(String name, String latest, String versionsJson) {
    return Packument.parse(
        "{\"name\":\""
            + name
            + "\",\"dist-tags\":{\"latest\":\""
            + latest
            + "\"},\"versions\":"
            + versionsJson
            + "}");
  }

  @Test
  void followsThePickedVersionsDependenciesOnceEach() {
    List<String> fetched = new CopyOnWriteArrayList<>();
    PickAhead ahead = new PickAhead(fetched::add, 100);
    ahead.want("a", "^1.0.0");
    ahead.want("x", "npm:d@^1");
    ahead.want("g", "github:user/repo");
    ahead.want("f", "file:../f");
    assertEquals(List.of("a", "d"), fetched);
    ahead.arrived(
        doc(
            "a",
            "1.1.0",
            """
            {"1.0.0": {"name": "a", "version": "1.0.0", "dependencies": {"b": "^2"}},
             "1.1.0": {"name": "a", "version": "1.1.0", "dependencies": {"c": "*"},
                       "optionalDependencies": {"o": "1"}, "peerDependencies": {"p": ">=1"}},
             "2.0.0": {"name": "a", "version": "2.0.0", "dependencies": {"z": "1"}}}
            """));
    assertEquals(List.of("a", "d", "c", "o", "p"), fetched);
    ahead.want("a", "1.0.0"); // a second spec of an arrived package is expanded at once
    ahead.want("a", "^1.0.0"); // seen already
    assertEquals(List.of("a", "d", "c", "o", "p", "b"), fetched);
    ahead.arrived(doc("c", "3.0.0", "{\"3.0.0\": {\"name\": \"c\", \"version\": \"3.0.0\"}}"));
    ahead.arrived(doc("d", "1.0.0", "{}")); // no version matches: nothing to expand
    assertEquals(6, fetched.size());
  }

  @Test
  void optionalPeersAreFetchedButNotFollowed() {
    List<String> fetched = new CopyOnWriteArrayList<>();
    PickAhead ahead = new PickAhead(fetched::add, 100);
    ahead.want("loader", "^1");
    ahead.arrived(
        doc(
            "loader",
            "1.0.0",
            """
            {"1.0.0": {"name": "loader", "version": "1.0.0",
                       "peerDependencies": {"webpack": "^5", "node-sass": "^7"},
                       "peerDependenciesMeta": {"node-sass": {"optional": true}}}}
            """));
    assertEquals(List.of("loader", "webpack", "node-sass"), fetched);
    ahead.arrived(
        doc(
            "node-sass",
            "7.0.0",
            """
            {"7.0.0": {"name": "node-sass", "version": "7.0.0", "dependencies": {"gyp": "1"}}}
            """));
    assertEquals(
        List.of("loader", "webpack", "node-sass"), fetched, "an optional peer is not expanded");
    ahead.want("node-sass", "^7"); // needed by a real edge: expanded, not fetched again
    assertEquals(List.of("loader", "webpack", "node-sass", "gyp"), fetched);
  }

  @Test
  void stopsAtTheLimit() {
    List<String> fetched = new CopyOnWriteArrayList<>();
    PickAhead ahead = new PickAhead(fetched::add, 2);
    for (String n : List.of("a", "b", "c", "d", "e")) {
      ahead.want(n, "1");
    }
    assertEquals(List.of("a", "b"), fetched, "names beyond the limit are left to the builder");
  }
}
