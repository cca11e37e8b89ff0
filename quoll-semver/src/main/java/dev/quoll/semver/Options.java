package dev.quoll.semver;

/**
 * The two options node-semver 7 honours: {@code loose} and {@code includePrerelease}.
 *
 * <p>{@code loose} accepts the lenient grammar (leading {@code v}/{@code =}/whitespace runs,
 * leading zeros, a prerelease without its hyphen such as {@code 1.0.0beta}); {@code
 * includePrerelease} lets prerelease versions satisfy ranges whose comparators carry no prerelease
 * on the same {@code major.minor.patch} tuple. Source: node-semver 7 {@code
 * internal/parse-options}.
 *
 * @param loose whether to use node-semver's loose grammar
 * @param includePrerelease whether ranges match prerelease versions of every tuple
 */
public record Options(boolean loose, boolean includePrerelease) {
  /** Strict grammar, prereleases excluded (node-semver's default). */
  public static final Options STRICT = new Options(false, false);

  /** Loose grammar, prereleases excluded (node-semver's {@code {loose: true}} or {@code true}). */
  public static final Options LOOSE = new Options(true, false);

  /** Strict grammar with {@code includePrerelease}. */
  public static final Options INCLUDE_PRERELEASE = new Options(false, true);

  /** Returns these options with {@code loose} set to the given value. */
  public Options withLoose(boolean value) {
    return new Options(value, includePrerelease);
  }

  /** Returns these options with {@code includePrerelease} set to the given value. */
  public Options withIncludePrerelease(boolean value) {
    return new Options(loose, value);
  }
}
