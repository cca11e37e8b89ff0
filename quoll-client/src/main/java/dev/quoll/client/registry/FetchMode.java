package dev.quoll.client.registry;

import dev.quoll.client.config.NpmConfig;

/**
 * How cached packuments are used (npm 11's {@code prefer-offline}, {@code prefer-online} and {@code
 * offline}, which pacote turns into make-fetch-happen cache modes).
 */
public enum FetchMode {
  /** Cache mode {@code default}: a fresh cached document is used, a stale one is revalidated. */
  DEFAULT,
  /** {@code --prefer-offline} ({@code force-cache}): any cached document is used as it is. */
  PREFER_OFFLINE,
  /** {@code --prefer-online} ({@code no-cache}): every cached document is revalidated. */
  PREFER_ONLINE,
  /** {@code --offline} ({@code only-if-cached}): only the cache; a miss is {@code ENOTCACHED}. */
  OFFLINE;

  /**
   * The mode npm derives from config: {@code offline} wins, then {@code prefer-online}, then {@code
   * prefer-offline}.
   *
   * @param config the configuration
   * @return the mode
   */
  public static FetchMode of(NpmConfig config) {
    if (config.bool("offline")) {
      return OFFLINE;
    }
    if (config.bool("prefer-online")) {
      return PREFER_ONLINE;
    }
    if (config.bool("prefer-offline")) {
      return PREFER_OFFLINE;
    }
    return DEFAULT;
  }
}
