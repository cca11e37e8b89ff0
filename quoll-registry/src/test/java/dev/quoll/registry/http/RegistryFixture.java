package dev.quoll.registry.http;

import dev.quoll.registry.Registry;
import dev.quoll.registry.accounts.PasswordHasher;
import dev.quoll.registry.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A registry on a free port with a temporary data directory, capturing its request log. */
final class RegistryFixture implements AutoCloseable {
  final Path data;
  final Registry registry;
  final TestClient client;
  final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();

  RegistryFixture(Map<String, String> extra) throws Exception {
    data = Files.createTempDirectory("quoll-registry-test");
    var flags = new java.util.LinkedHashMap<String, String>();
    flags.put("port", "0");
    flags.put("data", data.toString());
    flags.put("uplink", "none");
    // tests log in many times a minute from one address; tests of the limits set their own
    flags.put("login-rate-limit", "100000");
    flags.put("token-rate-limit", "100000");
    flags.put("otp-rate-limit", "100000");
    flags.putAll(extra);
    registry =
        Registry.start(
            Settings.resolve(flags, Map.of()), log::add, PasswordHasher.Argon2Params.TEST);
    client = new TestClient(registry.baseUrl());
  }

  List<String> logLines() {
    return List.copyOf(log);
  }

  @Override
  public void close() throws Exception {
    registry.close();
  }
}
