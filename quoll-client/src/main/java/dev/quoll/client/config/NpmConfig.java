package dev.quoll.client.config;

import dev.quoll.client.ClientException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective npm configuration: one map of string values per {@link ConfigSource}, read with
 * npm's precedence (a later source wins: default, builtin, global, user, project, env, cli), as
 *
 * @npmcli/config 10 does.
 *     <p>Values are kept as strings after {@code ${VAR}} expansion ({@code true}/{@code false} for
 *     booleans; arrays as their items joined by {@code "\n"}). Credentials are only ever returned
 *     bound to a URL ({@link #credentialsFor}), following npm-registry-fetch 19's {@code getAuth}:
 *     they are never sent to a host they are not configured for. Immutable.
 */
public final class NpmConfig {
  private final Map<ConfigSource, Map<String, String>> layers;
  private final Map<String, String> flat;

  /**
   * @param layers the values of each source; missing sources are empty
   */
  public NpmConfig(Map<ConfigSource, Map<String, String>> layers) {
    EnumMap<ConfigSource, Map<String, String>> copy = new EnumMap<>(ConfigSource.class);
    Map<String, String> merged = new LinkedHashMap<>();
    for (ConfigSource s : ConfigSource.values()) {
      Map<String, String> layer = Map.copyOf(layers.getOrDefault(s, Map.of()));
      copy.put(s, layer);
      merged.putAll(layer);
    }
    this.layers = copy;
    this.flat = Map.copyOf(merged);
  }

  /** The effective value of {@code key}, if set by any source. */
  public Optional<String> get(String key) {
    return Optional.ofNullable(flat.get(key));
  }

  /** The source that set the effective value of {@code key}. */
  public Optional<ConfigSource> sourceOf(String key) {
    ConfigSource found = null;
    for (ConfigSource s : ConfigSource.values()) {
      if (layers.get(s).containsKey(key)) {
        found = s;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The values one source set (empty when that source was absent). */
  public Map<String, String> layer(ConfigSource source) {
    return layers.get(source);
  }

  /** Every effective key and value. */
  public Map<String, String> all() {
    return flat;
  }

  /**
   * A boolean key as npm's nopt reads it: only {@code "true"} (a bare flag in an npmrc) is true.
   *
   * @param key the key, e.g. {@code prefer-offline}
   * @return the value, false when unset
   */
  public boolean bool(String key) {
    String v = flat.get(key);
    return v != null && v.equals("true");
  }

  /**
   * A numeric key.
   *
   * @param key the key, e.g. {@code fetch-retries}
   * @param fallback the value when unset
   * @return the value
   * @throws ClientException {@code ECONFIG} when the value is not a number
   */
  public long number(String key, long fallback) {
    String v = flat.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new ClientException("ECONFIG", "Invalid number for " + key + ": " + v);
    }
  }

  /**
   * {@code before}: a date (ISO 8601) limiting which versions may be picked.
   *
   * @return the instant, when set
   * @throws ClientException {@code ECONFIG} when it is not a date
   */
  public Optional<Instant> before() {
    String v = flat.get("before");
    if (v == null || v.isEmpty() || v.equals("null")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(v.length() == 10 ? v + "T00:00:00Z" : v));
    } catch (DateTimeParseException e) {
      throw new ClientException("ECONFIG", "Invalid date for before: " + v);
    }
  }

  /**
   * The registry for a package (pacote 21: {@code @scope:registry} for a scoped name, else {@code
   * registry}), with exactly one trailing slash.
   *
   * @param packageName a package name such as {@code @babel/core} or {@code lodash}
   * @return the registry base URL ending with {@code /}
   */
  public String registryFor(String packageName) {
    String reg = null;
    if (packageName.startsWith("@") && packageName.indexOf('/') > 0) {
      reg = flat.get(packageName.substring(0, packageName.indexOf('/')) + ":registry");
    }
    if (reg == null) {
      reg = flat.getOrDefault("registry", ConfigDefaults.REGISTRY);
    }
    return reg.replaceAll("/+$", "") + "/";
  }

  /** The default registry ({@code registry}) with one trailing slash. */
  public String registry() {
    return flat.getOrDefault("registry", ConfigDefaults.REGISTRY).replaceAll("/+$", "") + "/";
  }

  /**
   * The credentials to send with a request, as npm-registry-fetch 19's {@code getAuth}: the longest
   * nerf-dart key above {@code url} that has {@code _authToken}, {@code _auth}, or {@code username}
   * and {@code _password}; failing that, the credentials of {@code registry} when {@code url} is on
   * the same host (a tarball beside its registry); otherwise none. Credentials are thus never sent
   * to another host.
   *
   * @param url the absolute URL being requested
   * @param registry the registry the request belongs to (e.g. {@link #registryFor})
   * @return the credentials, or {@link Credentials.None}
   * @throws ClientException {@code EINVALIDURL} when a URL is not absolute
   */
  public Credentials credentialsFor(String url, String registry) {
    Optional<String> key = NerfDart.findKey(url, this::hasAuth);
    if (key.isEmpty()) {
      if (!url.equals(registry) && NerfDart.sameHost(url, registry)) {
        return credentialsFor(registry, registry);
      }
      return new Credentials.None();
    }
    String k = key.get();
    String token = nonEmpty(k + ":_authToken");
    if (token != null) {
      return new Credentials.Token(k, token);
    }
    String auth = nonEmpty(k + ":_auth");
    if (auth != null) {
      return new Credentials.Basic(k, auth);
    }
    String user = nonEmpty(k + ":username");
    String pass = nonEmpty(k + ":_password");
    if (user != null && pass != null) {
      return Credentials.Basic.of(k, user, pass);
    }
    return new Credentials.None();
  }

  private boolean hasAuth(String key) {
    return nonEmpty(key + ":_authToken") != null
        || nonEmpty(key + ":_auth") != null
        || nonEmpty(key + ":username") != null && nonEmpty(key + ":_password") != null
        || nonEmpty(key + ":certfile") != null && nonEmpty(key + ":keyfile") != null;
  }

  private String nonEmpty(String key) {
    String v = flat.get(key);
    return v == null || v.isEmpty() ? null : v;
  }

  /**
   * The {@code npm_config_*} variables npm exports to lifecycle scripts (@npmcli/config 10 {@code
   * setEnvs}): every key set by a source other than the defaults whose value differs from the
   * default, named {@code npm_config_} plus the key with {@code -} turned into {@code _} ({@code
   * false} exported as the empty string); keys starting with {@code /}, {@code @} or {@code _}
   * (credentials, scoped registries) are never exported.
   *
   * @return variable name to value
   */
  public Map<String, String> scriptEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    Map<String, String> defaults = layers.get(ConfigSource.DEFAULT);
    for (ConfigSource s : List.of(ConfigSource.values())) {
      if (s == ConfigSource.DEFAULT) {
        continue;
      }
      for (Map.Entry<String, String> e : layers.get(s).entrySet()) {
        String k = e.getKey();
        if (k.startsWith("/")
            || k.startsWith("@")
            || k.startsWith("_")
            || e.getValue().equals(defaults.get(k))) {
          continue;
        }
        String v = flat.get(k);
        env.put(
            "npm_config_" + k.replace('-', '_').toLowerCase(java.util.Locale.ROOT),
            v.equals("false") ? "" : v);
      }
    }
    for (String k : List.of("cache", "globalconfig", "userconfig", "prefix", "user-agent")) {
      if (flat.containsKey(k)) {
        env.put("npm_config_" + k.replace('-', '_'), flat.get(k));
      }
    }
    return env;
  }
}
