package dev.quoll.registry.config;

import java.util.function.Function;

/**
 * One configuration setting of the registry: its name, its default and how its text is read. The
 * same name is the config-file key ({@code base-url}), the command-line flag ({@code --base-url})
 * and, upper-cased with {@code QUOLL_} and underscores, the environment variable ({@code
 * QUOLL_BASE_URL}).
 *
 * @param name kebab-case key, e.g. {@code base-url}
 * @param description one sentence for docs/configuration.md and {@code --help}
 * @param defaultText the default as text, or empty when the default is derived from other keys
 * @param parse reads the text form; throws {@link ConfigException} on bad input
 * @param <T> the value type
 */
public record ConfigKey<T>(
    String name, String description, String defaultText, Function<String, T> parse) {

  /** The environment variable that sets this key, e.g. {@code QUOLL_BASE_URL}. */
  public String environmentVariable() {
    return "QUOLL_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_').replace('.', '_');
  }

  /** The command-line flag that sets this key, e.g. {@code --base-url}. */
  public String flag() {
    return "--" + name;
  }
}
