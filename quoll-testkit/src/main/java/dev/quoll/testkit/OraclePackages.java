package dev.quoll.testkit;

/**
 * The pinned npm specs (for {@link NpmOracle#install}) of every oracle library that is shared
 * between tests or that npm itself bundles.
 *
 * <p>The rule: Quoll must behave as npm 11 does, so every library that npm bundles is pinned to the
 * exact version that npm 11.19.1 ships in {@code $(npm root -g)/npm/node_modules/<pkg>}, not to the
 * newest version on the registry. When the supported npm moves, all of these move together and the
 * differential tests show what changed. Libraries that npm depends on indirectly (semver inside
 * npm-package-arg, hosted-git-info inside @npmcli/package-json) are listed next to the library that
 * needs them in the {@code install} call, so npm's installer dedupes onto the pinned copy instead
 * of the newest one its range allows. Packages that are only test data (a package that a test
 * downloads to extract or normalise) are not oracles and stay in their tests.
 */
public final class OraclePackages {
  private OraclePackages() {}

  /** The npm release whose bundled libraries every constant here names. */
  public static final String NPM = "npm@11.19.1";

  /**
   * node-semver as bundled by npm 11.19.1: the oracle of quoll-semver and of semver.valid/clean.
   */
  public static final String SEMVER = "semver@7.8.5";

  /** npm-package-arg as bundled by npm 11.19.1: the oracle of {@code dev.quoll.core.spec}. */
  public static final String NPM_PACKAGE_ARG = "npm-package-arg@13.0.2";

  /** hosted-git-info as bundled by npm 11.19.1 (used by npm-package-arg and package-json). */
  public static final String HOSTED_GIT_INFO = "hosted-git-info@9.0.3";

  /** validate-npm-package-name as bundled by npm 11.19.1: the package name rules. */
  public static final String VALIDATE_NPM_PACKAGE_NAME = "validate-npm-package-name@7.0.2";

  /** npm-user-validate as bundled by npm 11.19.1: user name and e-mail rules of adduser. */
  public static final String NPM_USER_VALIDATE = "npm-user-validate@4.0.0";

  /** ssri as bundled by npm 11.19.1: the Subresource Integrity rules. */
  public static final String SSRI = "ssri@13.0.1";

  /** pacote as bundled by npm 11.19.1: tarball extraction. */
  public static final String PACOTE = "pacote@21.5.1";

  /** node-tar as bundled by npm 11.19.1: what pacote extracts with. */
  public static final String TAR = "tar@7.5.22";

  /**
   * @npmcli/package-json as bundled by npm 11.19.1: manifest normalisation and editing.
   */
  public static final String PACKAGE_JSON = "@npmcli/package-json@7.0.5";

  /**
   * @npmcli/arborist as bundled by npm 11.19.1: dependency edits of {@code npm install/rm}.
   */
  public static final String ARBORIST = "@npmcli/arborist@9.9.1";

  /**
   * @npmcli/git as bundled by npm 11.19.1: how pacote reads {@code git ls-remote} output.
   */
  public static final String NPMCLI_GIT = "@npmcli/git@7.0.2";

  /** npm-pick-manifest as bundled by npm 11.19.1: version choice, also among git tags. */
  public static final String NPM_PICK_MANIFEST = "npm-pick-manifest@11.0.3";

  /** json-parse-even-better-errors as bundled by npm 11.19.1: JSON parse errors. */
  public static final String JSON_PARSE_EVEN_BETTER_ERRORS = "json-parse-even-better-errors@5.0.0";

  /**
   * minify-registry-metadata, the registry-side packument abbreviation (not bundled by npm; its
   * newest version), shared by the packument tests.
   */
  public static final String MINIFY_REGISTRY_METADATA = "minify-registry-metadata@6.0.0";

  /**
   * @npmcli/map-workspaces as bundled by npm 11.19.1: which folders package.json's {@code
   *     workspaces} globs name (install with {@link #GLOB}, {@link #MINIMATCH} and {@link
   *     #PACKAGE_JSON}).
   */
  public static final String MAP_WORKSPACES = "@npmcli/map-workspaces@5.0.3";

  /** glob as bundled by npm 11.19.1 (used by map-workspaces). */
  public static final String GLOB = "glob@13.0.6";

  /** minimatch as bundled by npm 11.19.1 (used by map-workspaces and glob). */
  public static final String MINIMATCH = "minimatch@10.2.5";
}
