package dev.quoll.client.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The defaults of the npm config keys the client reads (npm 11's {@code
 * @npmcli/config/lib/definitions}); every default in one place.
 */
public final class ConfigDefaults {
  /** npm's default registry. */
  public static final String REGISTRY = "https://registry.npmjs.org/";

  private ConfigDefaults() {}

  /**
   * The default values.
   *
   * @param home the user's home directory (for {@code cache} and {@code userconfig})
   * @param prefix the global prefix (for {@code globalconfig})
   * @return key to default value, as strings ({@code "true"}/{@code "false"} for booleans)
   */
  public static Map<String, String> of(Path home, Path prefix) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("registry", REGISTRY);
    d.put("cache", home.resolve(".npm").toString());
    d.put("userconfig", home.resolve(".npmrc").toString());
    d.put("prefix", prefix.toString());
    d.put("globalconfig", prefix.resolve("etc").resolve("npmrc").toString());
    d.put("prefer-offline", "false");
    d.put("prefer-online", "false");
    d.put("offline", "false");
    d.put("fetch-retries", "2");
    d.put("fetch-retry-factor", "10");
    d.put("fetch-retry-mintimeout", "10000");
    d.put("fetch-retry-maxtimeout", "60000");
    d.put("fetch-timeout", "300000");
    d.put("maxsockets", "15");
    d.put("ignore-scripts", "false");
    d.put("script-shell", "sh");
    d.put(
        "user-agent",
        "npm/{npm-version} node/{node-version} {platform} {arch} workspaces/{workspaces} {ci}");
    d.put("legacy-peer-deps", "false");
    d.put("force", "false");
    d.put("dry-run", "false");
    d.put("replace-registry-host", "npmjs");
    return Map.copyOf(d);
  }
}
