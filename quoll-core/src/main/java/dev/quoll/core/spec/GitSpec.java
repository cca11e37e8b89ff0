package dev.quoll.core.spec;

import dev.quoll.core.hostedgit.HostedGit;
import dev.quoll.core.name.PackageName;
import java.util.Objects;
import java.util.Optional;

/**
 * A git dependency (npm-package-arg 13 {@code fromHostedGit} and {@code fromURL}): a git URL, an
 * scp-like address, or a host shortcut. The fragment after {@code #} is split on {@code ::} into a
 * committish, a {@code semver:<range>} and a {@code path:<subdir>}.
 *
 * <p>fetchSpec is the URL git clones (without {@code git+} and the fragment); it is absent for host
 * shortcuts, which npm resolves through {@link #hosted()}.
 */
public final class GitSpec extends SpecBase implements PackageSpec {
  private final String gitRange;
  private final String gitCommittish;
  private final String gitSubdir;
  private final HostedGit hosted;

  GitSpec(
      String raw,
      PackageName name,
      String rawSpec,
      String saveSpec,
      String fetchSpec,
      GitAttrs attrs,
      HostedGit hosted) {
    super(SpecType.GIT, raw, name, rawSpec, saveSpec, fetchSpec);
    this.gitRange = attrs.range();
    this.gitCommittish = attrs.committish();
    this.gitSubdir = attrs.subdir();
    this.hosted = hosted;
  }

  /** The semver range from {@code #semver:<range>}, percent-decoded. */
  public Optional<String> gitRange() {
    return Optional.ofNullable(gitRange);
  }

  /** The branch, tag or commit after {@code #}. */
  public Optional<String> gitCommittish() {
    return Optional.ofNullable(gitCommittish);
  }

  /** The subdirectory from {@code #path:<dir>}, with a leading {@code /}. */
  public Optional<String> gitSubdir() {
    return Optional.ofNullable(gitSubdir);
  }

  /** The repository on a known host (github, gitlab, bitbucket, gist, sourcehut). */
  public Optional<HostedGit> hosted() {
    return Optional.ofNullable(hosted);
  }

  @Override
  boolean extraEquals(SpecBase other) {
    GitSpec g = (GitSpec) other;
    return Objects.equals(g.gitRange, gitRange)
        && Objects.equals(g.gitCommittish, gitCommittish)
        && Objects.equals(g.gitSubdir, gitSubdir)
        && Objects.equals(g.hosted, hosted);
  }
}
