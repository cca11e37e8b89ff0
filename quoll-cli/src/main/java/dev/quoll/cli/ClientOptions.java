package dev.quoll.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The npm config flags every client command accepts (a picocli mixin). Each given flag becomes a
 * command-line config value (npm's {@code cli} layer, above the environment and the npmrc files).
 */
public final class ClientOptions {
  @Option(names = "--registry", paramLabel = "<url>", description = "The registry URL.")
  String registry;

  @Option(names = "--cache", paramLabel = "<dir>", description = "The cache folder (~/.npm).")
  Path cache;

  @Option(names = "--prefix", paramLabel = "<dir>", description = "The project folder.")
  Path prefix;

  @Option(names = "--prefer-offline", description = "Use cached metadata without revalidating.")
  boolean preferOffline;

  @Option(names = "--prefer-online", description = "Revalidate all cached metadata.")
  boolean preferOnline;

  @Option(names = "--offline", description = "Use only the cache; never the network.")
  boolean offline;

  @Option(
      names = "--before",
      paramLabel = "<date>",
      description = "Only versions published before this date.")
  String before;

  @Option(names = "--userconfig", paramLabel = "<file>", description = "The user npmrc.")
  Path userconfig;

  @Option(
      names = "--loglevel",
      paramLabel = "<level>",
      description = "silent, error, warn, notice (default), http, info, verbose, silly.")
  String loglevel;

  @Option(names = "--no-audit", description = "Accepted for npm compatibility (no audit runs).")
  boolean noAudit;

  @Option(names = "--no-fund", description = "Accepted for npm compatibility.")
  boolean noFund;

  @Option(
      names = {"--no-update-notifier", "--no-progress"},
      description = "No progress spinner (--no-update-notifier: accepted for npm compatibility).")
  boolean quiet;

  /**
   * The flags as npm config keys and values.
   *
   * @param extra more flags of the command (e.g. {@code legacy-peer-deps})
   * @return key to value
   */
  Map<String, String> flags(Map<String, String> extra) {
    Map<String, String> f = new LinkedHashMap<>();
    if (registry != null) {
      f.put("registry", registry.endsWith("/") ? registry : registry + "/");
    }
    if (cache != null) {
      f.put("cache", cache.toAbsolutePath().toString());
    }
    if (prefix != null) {
      f.put("prefix", prefix.toAbsolutePath().toString());
    }
    if (userconfig != null) {
      f.put("userconfig", userconfig.toAbsolutePath().toString());
    }
    put(f, "prefer-offline", preferOffline);
    put(f, "prefer-online", preferOnline);
    put(f, "offline", offline);
    if (before != null) {
      f.put("before", before);
    }
    if (loglevel != null) {
      f.put("loglevel", loglevel);
    }
    f.putAll(extra);
    return f;
  }

  private static void put(Map<String, String> f, String key, boolean on) {
    if (on) {
      f.put(key, "true");
    }
  }

  /** Splits repeated and comma-separated {@code --omit} values. */
  static List<String> split(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      for (String p : v.split(",")) {
        if (!p.isBlank()) {
          out.add(p.strip());
        }
      }
    }
    return out;
  }
}
