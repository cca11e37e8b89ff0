package dev.quoll.core.tarball;

import java.util.Set;

/**
 * How {@link Extraction} writes a package, following pacote 21's {@code _tarxOptions}.
 *
 * @param umask the bits removed from file and directory modes; npm's default is the process umask,
 *     here {@code 0o022}
 * @param binPaths package-relative paths of the manifest's {@code bin} targets, compared exactly
 *     with the archive path minus its first segment (pacote's {@code isPackageBin}); those files
 *     get {@code 0o111} added
 * @param allowGitIgnore keep {@code .gitignore} files as they are instead of pacote's rename to
 *     {@code .npmignore}
 * @param strict fail with {@code EBADTAR} on the first refused entry ({@code TAR_ENTRY_ERROR})
 *     instead of skipping it with a warning as npm does
 * @param limits size caps
 */
public record ExtractOptions(
    int umask, Set<String> binPaths, boolean allowGitIgnore, boolean strict, TarballLimits limits) {
  /** npm's defaults: umask {@code 0o022}, no bins, rename {@code .gitignore}, lenient. */
  public static final ExtractOptions DEFAULT =
      new ExtractOptions(0022, Set.of(), false, false, TarballLimits.DEFAULT);

  /** Copies {@code binPaths}. */
  public ExtractOptions {
    binPaths = Set.copyOf(binPaths);
  }

  /** These options with the given bin paths. */
  public ExtractOptions withBinPaths(Set<String> paths) {
    return new ExtractOptions(umask, paths, allowGitIgnore, strict, limits);
  }

  /** These options with strict mode on or off. */
  public ExtractOptions withStrict(boolean on) {
    return new ExtractOptions(umask, binPaths, allowGitIgnore, on, limits);
  }

  /** These options with the given umask. */
  public ExtractOptions withUmask(int mask) {
    return new ExtractOptions(mask, binPaths, allowGitIgnore, strict, limits);
  }

  /** These options with the given limits. */
  public ExtractOptions withLimits(TarballLimits caps) {
    return new ExtractOptions(umask, binPaths, allowGitIgnore, strict, caps);
  }

  /** These options with {@code .gitignore} kept or renamed. */
  public ExtractOptions withAllowGitIgnore(boolean allow) {
    return new ExtractOptions(umask, binPaths, allow, strict, limits);
  }

  /** pacote's file mode: {@code ((mode | 0o666) & ~umask) | bin 0o111 | 0o600}, then 0o777. */
  int fileMode(int entryMode, String archivePath) {
    int exe = binPaths.contains(PackagePaths.binKey(archivePath)) ? 0111 : 0;
    return (((entryMode | 0666) & ~umask) | exe | 0600) & 0777;
  }

  /** node-tar's parent directory mode: {@code 0o777 & ~umask}. */
  int directoryMode() {
    return 0777 & ~umask;
  }
}
