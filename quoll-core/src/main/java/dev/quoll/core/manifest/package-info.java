/**
 * package.json as npm 11 reads, normalises and writes it.
 *
 * <p>{@link dev.quoll.core.manifest.Manifest} keeps a package.json losslessly (unknown fields, key
 * order, indent, newline, original bytes) and offers typed views and npm's edits ({@code update},
 * {@code npm install --save}, {@code npm uninstall}, {@code npm pkg set/delete}). {@link
 * dev.quoll.core.manifest.Normalizer} runs @npmcli/package-json 7's normalisation steps ({@link
 * dev.quoll.core.manifest.NormalizeStep}) in the step sets npm uses: {@code NORMALIZE} when reading
 * installed packages, {@code PREPARE} for {@code npm pack}/{@code npm publish}, {@code FIX} for
 * {@code npm pkg fix}.
 *
 * <p>Shared rules come from their one home: version validity and cleaning from dev.quoll.semver,
 * hosted-git-info from {@link dev.quoll.core.hostedgit.HostedGit}, {@code trim} and {@code
 * encodeURIComponent} from {@link dev.quoll.core.name.EcmaStrings}, URL parsing from {@link
 * dev.quoll.core.url.WhatwgUrl}, node's {@code path.posix} from {@link
 * dev.quoll.core.path.PosixPath}. @npmcli/package-json's own rules stay here: its path rules
 * ({@code ManifestPaths}) and the package-name check inside {@code ContentSteps} (not
 * validate-npm-package-name).
 */
package dev.quoll.core.manifest;
