package dev.quoll.core.manifest;

import java.util.List;

/**
 * The normalisation steps of @npmcli/package-json 7 ({@code lib/normalize.js}), named as npm names
 * them ({@link #npmName()}), and the step sets npm runs.
 *
 * <p>Steps run in npm's fixed order whatever the order of the list: first the steps that look at
 * the package folder (gypfile, serverjs, authors, readme, mans, binDir/bin, gitHead, fillTypes,
 * binRefs), then the content steps (name, version, _attributes, _id, bundled dependencies,
 * optionalDedupe, scripts, funding, repository, dependencies, normalizeData).
 */
public enum NormalizeStep {
  /** Sets {@code _id} to {@code name@version} when both are set. */
  ID("_id"),
  /** Removes every field whose name starts with {@code _}. */
  ATTRIBUTES("_attributes"),
  /** Renames {@code bundledDependencies} to {@code bundleDependencies}. */
  BUNDLED_DEPENDENCIES("bundledDependencies"),
  /** Expands {@code bundleDependencies: true/false/object} to an array. */
  BUNDLE_DEPENDENCIES("bundleDependencies"),
  /** With {@link #BUNDLE_DEPENDENCIES}: {@code false} removes the field instead of {@code []}. */
  BUNDLE_DEPENDENCIES_DELETE_FALSE("bundleDependenciesDeleteFalse"),
  /** Removes optional dependencies from {@code dependencies}. */
  OPTIONAL_DEDUPE("optionalDedupe"),
  /** Removes non-string scripts. */
  SCRIPTS("scripts"),
  /** Turns a string {@code funding} into {@code {url}}. */
  FUNDING("funding"),
  /** Normalises {@code bin} (string/array to object, safe paths). */
  BIN("bin"),
  /** Expands {@code directories.bin} from the folder, else normalises {@code bin}. */
  BIN_DIR("binDir"),
  /** Adds {@code scripts.install: node-gyp rebuild} when a {@code *.gyp} file exists. */
  GYPFILE("gypfile"),
  /** Adds {@code scripts.start: node server.js} when {@code server.js} exists. */
  SERVERJS("serverjs"),
  /** Removes non-string scripts and strips {@code node_modules/.bin/} prefixes. */
  SCRIPTPATH("scriptpath"),
  /** Fills {@code contributors} from an {@code AUTHORS} file. */
  AUTHORS("authors"),
  /** Fills {@code readme}/{@code readmeFilename} from the README file. */
  README("readme"),
  /** Expands {@code directories.man} and normalises {@code man}. */
  MANS("mans"),
  /** Fills {@code gitHead} from the enclosing git repository. */
  GIT_HEAD("gitHead"),
  /** Fills {@code types} when a {@code .d.ts} beside {@code main} exists. */
  FILL_TYPES("fillTypes"),
  /** normalize-package-data: people, repository, bugs, homepage, version, dependencies, .... */
  NORMALIZE_DATA("normalizeData"),
  /** Normalises {@code bin} and warns about bins whose file is missing. */
  BIN_REFS("binRefs"),
  /** Checks and trims {@code name}; warns about names of node built-ins. */
  FIX_NAME("fixName"),
  /** Checks and trims {@code name}. */
  FIX_NAME_FIELD("fixNameField"),
  /** Checks and cleans {@code version}. */
  FIX_VERSION_FIELD("fixVersionField"),
  /** Normalises {@code repository}. */
  FIX_REPOSITORY_FIELD("fixRepositoryField"),
  /** Normalises the dependency fields. */
  FIX_DEPENDENCIES("fixDependencies"),
  /** Listed by {@code npm pkg fix}; no step of npm 11 acts on it. */
  DEV_DEPENDENCIES("devDependencies");

  /** {@code PackageJson.normalizeSteps}: what npm uses when it reads an installed package. */
  public static final List<NormalizeStep> NORMALIZE =
      List.of(
          ID,
          ATTRIBUTES,
          BUNDLED_DEPENDENCIES,
          BUNDLE_DEPENDENCIES,
          OPTIONAL_DEDUPE,
          SCRIPTS,
          FUNDING,
          BIN,
          BIN_DIR);

  /** {@code PackageJson.prepareSteps}: what {@code npm pack} and {@code npm publish} use. */
  public static final List<NormalizeStep> PREPARE =
      List.of(
          ID,
          ATTRIBUTES,
          BUNDLED_DEPENDENCIES,
          BUNDLE_DEPENDENCIES,
          BUNDLE_DEPENDENCIES_DELETE_FALSE,
          GYPFILE,
          SERVERJS,
          SCRIPTPATH,
          AUTHORS,
          README,
          MANS,
          BIN_DIR,
          GIT_HEAD,
          FILL_TYPES,
          NORMALIZE_DATA,
          BIN_REFS);

  /** {@code PackageJson.fixSteps}: what {@code npm pkg fix} uses. */
  public static final List<NormalizeStep> FIX =
      List.of(
          BIN_REFS,
          BUNDLE_DEPENDENCIES,
          FIX_NAME,
          FIX_VERSION_FIELD,
          FIX_REPOSITORY_FIELD,
          FIX_DEPENDENCIES,
          DEV_DEPENDENCIES,
          SCRIPTPATH);

  private final String npmName;

  NormalizeStep(String npmName) {
    this.npmName = npmName;
  }

  /** The step's name in @npmcli/package-json, e.g. {@code "_attributes"}. */
  public String npmName() {
    return npmName;
  }
}
