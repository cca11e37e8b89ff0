package dev.quoll.client.config;

/**
 * Where a config value came from, lowest precedence first (@npmcli/config 10's {@code confTypes}:
 * default, builtin, global, user, project, env, cli).
 */
public enum ConfigSource {
  /** Quoll's built-in defaults ({@link ConfigDefaults}). */
  DEFAULT,
  /** The npmrc shipped beside the client ({@code <npm>/npmrc}). */
  BUILTIN,
  /** {@code globalconfig}, by default {@code <prefix>/etc/npmrc}. */
  GLOBAL,
  /** {@code userconfig}, by default {@code ~/.npmrc}. */
  USER,
  /** {@code <localPrefix>/.npmrc}. */
  PROJECT,
  /** {@code npm_config_*} environment variables. */
  ENV,
  /** Command-line flags. */
  CLI
}
