package dev.quoll.registry.config;

/**
 * A configuration value that cannot be used: a bad flag, environment variable or config-file entry.
 * The message names the key and where the value came from.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message one line naming the key, the source and what is wrong
   */
  public ConfigException(String message) {
    super(message);
  }
}
