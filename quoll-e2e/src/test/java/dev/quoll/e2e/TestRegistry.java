package dev.quoll.e2e;

import dev.quoll.registry.Registry;
import dev.quoll.registry.accounts.PasswordHasher;
import dev.quoll.registry.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * An in-process registry for an e2e test: a free port, data under {@code <tmp>/data}, no uplink,
 * the fast test password hashing; and the removal of the test's temp folder afterwards.
 */
final class TestRegistry {
  private TestRegistry() {}

  /**
   * Starts a registry.
   *
   * @param extra further settings (config keys as in docs/configuration.md), e.g. {@code admins}
   * @param log receives the registry's log lines
   */
  static Registry start(Path tmp, Map<String, String> extra, Consumer<String> log)
      throws Exception {
    Map<String, String> settings = new HashMap<>(extra);
    settings.putAll(Map.of("port", "0", "data", tmp.resolve("data").toString(), "uplink", "none"));
    return Registry.start(
        Settings.resolve(settings, Map.of()), log, PasswordHasher.Argon2Params.TEST);
  }

  /** Deletes {@code dir} and everything under it (best effort, files then folders). */
  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
