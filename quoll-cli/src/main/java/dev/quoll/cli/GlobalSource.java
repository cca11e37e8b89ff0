package dev.quoll.cli;

import dev.quoll.client.ClientException;
import dev.quoll.client.fetch.PackageFetcher;
import dev.quoll.client.reify.PackageSource;
import dev.quoll.client.tree.SourceFetcher;
import dev.quoll.core.integrity.Integrity;
import dev.quoll.core.spec.GitSpec;
import dev.quoll.core.spec.PackageSpec;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The package a non-registry {@code install -g} spec names: a tarball file, a tarball URL or a git
 * spec, fetched as pacote 21 fetches them ({@link PackageFetcher}: the tarball read or downloaded
 * and kept in the content cache under its sha512; a git spec resolved to a commit, cloned, prepared
 * when pacote would, packed and kept in the cache the same way) so that {@link GlobalInstall} can
 * unpack it like a registry package. The name is the alias when one is given, else the
 * package.json's {@code name} (npm's {@code #add} looks names up in the manifest).
 */
final class GlobalSource {
  /**
   * The top package of a global install.
   *
   * @param name the folder name under {@code lib/node_modules} (the alias, when given)
   * @param realName the package's own name
   * @param version its version
   * @param source where its files come from
   */
  record Top(String name, String realName, String version, PackageSource source) {}

  private GlobalSource() {}

  /**
   * Fetches a tarball file, tarball URL or git spec.
   *
   * @param session the client session (registry client and cache)
   * @param spec the spec (not a registry spec, not a folder)
   * @param alias the alias name, if the spec was {@code alias@...}
   * @param work the staging folder the package is unpacked in ({@code file:} paths are relative to
   *     it)
   * @param ignoreScripts whether scripts are off: a git package that needs preparing (pacote's
   *     rule, {@link PackageFetcher#gitTarball(String, boolean, Optional)}) is then packed
   *     unprepared, else prepared by the session's installer
   * @return the package
   * @throws ClientException {@code ENOENT}, {@code EGIT}, {@code EGITPREPARE}, {@code EINTEGRITY},
   *     {@code EUNSUPPORTEDPROTOCOL} (a folder or registry spec here), or what the download throws
   */
  static Top fetch(
      ClientSession session,
      PackageSpec spec,
      Optional<String> alias,
      Path work,
      boolean ignoreScripts) {
    SourceFetcher.Fetched f =
        new PackageFetcher(session.client(), session.cache(), work).fetch(spec);
    String realName = f.pkg().path("name").asText("");
    if (realName.isEmpty()) {
      throw new ClientException("EINVALIDPACKAGENAME", "no name in the package.json of " + spec);
    }
    String version = f.pkg().path("version").asText("");
    Integrity integrity;
    if (spec instanceof GitSpec) {
      // packed (and prepared) here, so that reify only unpacks it from the cache
      byte[] tgz =
          PackageFetcher.gitTarball(
              f.resolved(), ignoreScripts, Optional.of(session.installer().gitPreparer()));
      integrity = session.cache().putBytes(spec.toString(), tgz);
    } else {
      integrity =
          f.integrity()
              .flatMap(Integrity::parse)
              .orElseThrow(() -> new ClientException("EINTEGRITY", "no integrity: " + spec));
    }
    PackageSource source = new PackageSource.Tarball(f.resolved(), integrity);
    return new Top(alias.orElse(realName), realName, version, source);
  }
}
