package dev.quoll.core.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.JsValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Manifest normalisation as @npmcli/package-json 7 does it ({@code PackageJson.normalize}, {@code
 * prepare} and {@code fix}): a chosen set of {@link NormalizeStep}s run in npm's fixed order over a
 * copy of the manifest, optionally looking at the package folder.
 *
 * <p>Contract: the resulting document equals the {@code content} npm's code leaves for the same
 * package.json and folder, with two documented exceptions: where npm takes names from a directory
 * listing in the file system's order ({@code directories.bin}, {@code directories.man}, several
 * README candidates), Quoll sorts the names; without a folder, the folder steps see an empty folder
 * (npm would look at the process's working directory) and {@code binDir} falls back to {@code bin}
 * as npm does for a manifest without a path.
 *
 * <p>Immutable; the {@code with...} methods return new normalizers.
 */
public final class Normalizer {
  /**
   * What a run leaves.
   *
   * @param manifest the normalised manifest (same layout and original text as the input)
   * @param changes npm's {@code changes} messages, in order (what {@code npm pkg fix} reports)
   * @param warnings what npm logs with {@code log.warn} (built-in module names, missing bin files)
   */
  public record Result(Manifest manifest, List<String> changes, List<String> warnings) {
    /** Copies the lists. */
    public Result {
      changes = List.copyOf(changes);
      warnings = List.copyOf(warnings);
    }
  }

  private final Set<NormalizeStep> steps;
  private final Path folder;
  private final Path gitRoot;
  private final boolean strict;
  private final boolean allowLegacyCase;

  private Normalizer(
      Set<NormalizeStep> steps, Path folder, Path gitRoot, boolean strict, boolean legacy) {
    this.steps = steps;
    this.folder = folder;
    this.gitRoot = gitRoot;
    this.strict = strict;
    this.allowLegacyCase = legacy;
  }

  /**
   * A normaliser for a step set, e.g. {@link NormalizeStep#PREPARE}; no folder, not strict.
   *
   * @param steps the steps (order does not matter)
   * @return the normaliser
   */
  public static Normalizer of(Collection<NormalizeStep> steps) {
    Set<NormalizeStep> set = EnumSet.noneOf(NormalizeStep.class);
    set.addAll(steps);
    return new Normalizer(set, null, null, false, false);
  }

  /**
   * The package folder the folder steps look at (README, binding.gyp, bin and man dirs, ...).
   *
   * @param dir the folder holding package.json
   * @return a new normaliser
   */
  public Normalizer inFolder(Path dir) {
    return new Normalizer(steps, dir.toAbsolutePath(), gitRoot, strict, allowLegacyCase);
  }

  /**
   * Where the {@code gitHead} step stops looking upwards for a {@code .git} ({@code opts.root}).
   *
   * @param root the highest folder to look in
   * @return a new normaliser
   */
  public Normalizer withGitRoot(Path root) {
    return new Normalizer(steps, folder, root.toAbsolutePath(), strict, allowLegacyCase);
  }

  /**
   * Strict mode ({@code opts.strict}): a missing name is an error, versions must be strict semver
   * 2, names must be lower case unless {@code allowLegacyCase}.
   *
   * @param strictMode {@code opts.strict}
   * @param legacyCase {@code opts.allowLegacyCase}: allow upper case names in strict mode
   * @return a new normaliser
   */
  public Normalizer strict(boolean strictMode, boolean legacyCase) {
    return new Normalizer(steps, folder, gitRoot, strictMode, legacyCase);
  }

  /** The package folder, when one was given. */
  public Optional<Path> folder() {
    return Optional.ofNullable(folder);
  }

  /**
   * Runs the steps on a copy of the manifest.
   *
   * @param manifest the manifest as read
   * @return the normalised manifest and npm's messages
   * @throws CoreException {@code EINVALIDPACKAGENAME} for an invalid name, {@code EINVALIDVERSION}
   *     for a version that is not (loose) semver, {@code EBADMAIN} when {@code main} is not a
   *     string (fillTypes) — the errors npm throws in those steps
   */
  public Result run(Manifest manifest) {
    Draft draft = new Draft(manifest.json(), steps, folder, gitRoot, strict, allowLegacyCase);
    FolderSteps.run(draft);
    ContentSteps.run(draft);
    return new Result(manifest.withContent(draft.data), draft.changes, draft.warnings);
  }

  /** The mutable state of one run. */
  static final class Draft {
    final ObjectNode data;
    final Set<NormalizeStep> steps;
    final Path folder;
    final Path gitRoot;
    final boolean strict;
    final boolean allowLegacyCase;
    final List<String> changes = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    Draft(
        ObjectNode data,
        Set<NormalizeStep> steps,
        Path folder,
        Path gitRoot,
        boolean strict,
        boolean allowLegacyCase) {
      this.data = data;
      this.steps = steps;
      this.folder = folder;
      this.gitRoot = gitRoot;
      this.strict = strict;
      this.allowLegacyCase = allowLegacyCase;
    }

    boolean has(NormalizeStep step) {
      return steps.contains(step);
    }

    /** {@code `${data.name ?? ''}@${data.version ?? ''}`}. */
    String pkgId() {
      return idPart("name") + "@" + idPart("version");
    }

    private String idPart(String field) {
      var v = data.get(field);
      return v == null || v.isNull() ? "" : JsValues.toJsString(v);
    }
  }
}
