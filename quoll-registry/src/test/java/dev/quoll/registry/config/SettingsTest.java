package dev.quoll.registry.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.testkit.NpmOracle;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
  @TempDir Path dir;

  @Test
  void defaultsApplyWhenNothingIsSet() {
    Settings s = Settings.resolve(Map.of(), Map.of());
    assertEquals("127.0.0.1", s.get(ConfigKeys.HOST).orElseThrow());
    assertEquals(4873, s.get(ConfigKeys.PORT).orElseThrow());
    assertEquals(Path.of("./quoll-data"), s.get(ConfigKeys.DATA).orElseThrow());
    assertEquals(
        Optional.of(URI.create("https://registry.npmjs.org/")),
        s.get(ConfigKeys.UPLINK).orElseThrow());
    assertEquals(Optional.empty(), s.get(ConfigKeys.BASE_URL));
    assertEquals("default", s.sourceOf(ConfigKeys.PORT));
  }

  @Test
  void fileThenEnvironmentThenFlagsOverride() throws Exception {
    Path file = dir.resolve("quoll.yaml");
    Files.writeString(
        file, "port: 5000\nhost: 0.0.0.0\nuplink: none\nbase-url: https://npm.example.com\n");
    Settings s =
        Settings.resolve(
            Map.of("port", "7000"), Map.of("QUOLL_CONFIG", file.toString(), "QUOLL_HOST", "::1"));
    assertEquals(7000, s.get(ConfigKeys.PORT).orElseThrow());
    assertEquals("--port", s.sourceOf(ConfigKeys.PORT));
    assertEquals("::1", s.get(ConfigKeys.HOST).orElseThrow());
    assertEquals("QUOLL_HOST", s.sourceOf(ConfigKeys.HOST));
    assertEquals(Optional.empty(), s.get(ConfigKeys.UPLINK).orElseThrow());
    assertEquals(URI.create("https://npm.example.com/"), s.get(ConfigKeys.BASE_URL).orElseThrow());
    assertTrue(s.sourceOf(ConfigKeys.UPLINK).startsWith("config file"));
  }

  @Test
  void badInputIsAClearError() throws Exception {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> Settings.resolve(Map.of("port", "eighty"), Map.of()));
    assertEquals(
        "bad value for port from --port: port must be a number, got 'eighty'", e.getMessage());
    assertThrows(ConfigException.class, () -> Settings.resolve(Map.of("prot", "1"), Map.of()));
    Path file = dir.resolve("typo.yaml");
    Files.writeString(file, "uplnk: none\n");
    e =
        assertThrows(
            ConfigException.class,
            () -> Settings.resolve(Map.of("config", file.toString()), Map.of()));
    assertTrue(e.getMessage().contains("unknown setting 'uplnk'"), e.getMessage());
    assertThrows(
        ConfigException.class,
        () -> Settings.resolve(Map.of(), Map.of("QUOLL_UPLINK", "ftp://example.com")));
    assertThrows(
        ConfigException.class,
        () -> Settings.resolve(Map.of("config", dir.resolve("missing.yaml").toString()), Map.of()));
  }

  @Test
  void docsListEveryKey() throws Exception {
    String doc = Files.readString(NpmOracle.repositoryRoot().resolve("docs/configuration.md"));
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      String row =
          "| `" + key.name() + "` | `" + key.flag() + "` | `" + key.environmentVariable() + "` |";
      assertTrue(doc.contains(row), "docs/configuration.md lacks " + row);
    }
  }
}
