package dev.quoll.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.client.ClientException;
import dev.quoll.client.reify.ProjectScripts;
import dev.quoll.client.reify.ReifyOptions;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.Json;
import dev.quoll.core.path.FolderTrees;
import dev.quoll.core.spec.FileSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code quoll install -g <folder>}: npm 11 links a folder into the global tree instead of copying
 * it.
 *
 * <p>Contract (npm 11 lib/commands/install.js with arborist 9's global reify, build-ideal-tree.js
 * {@code #add}, rebuild.js for links): the folder is taken at its real path; {@code
 * <prefix>/lib/node_modules/<name>} (the name from the folder's package.json, or the alias) becomes
 * a symbolic link to it, relative to the link's own folder, replacing what was there; the folder's
 * dependencies are not installed. Unless scripts are off, the folder's {@code preinstall} and
 * {@code prepare} scripts run in it, then its bins are linked into {@code <prefix>/bin}, then its
 * {@code install} and {@code postinstall} scripts run (arborist's order for a link).
 */
final class GlobalLink {
  private GlobalLink() {}

  /**
   * Links one folder.
   *
   * @param folder the directory spec (its {@code fetchSpec} is the absolute folder)
   * @param alias the name given in {@code alias@file:...}, if any
   * @param lib {@code <prefix>/lib/node_modules}
   * @param bin {@code <prefix>/bin}
   * @param scripts the script options ({@code ignoreScripts} turns the scripts off)
   * @param dryRun print {@code add <name> <version>} and change nothing
   * @return the packages added: 1
   * @throws ClientException {@code ENOENT} when the folder has no package.json, {@code ELIFECYCLE}
   *     when a script fails
   * @throws CoreException {@code EJSONPARSE} for a broken package.json
   */
  static int install(
      FileSpec folder,
      Optional<String> alias,
      Path lib,
      Path bin,
      ReifyOptions scripts,
      boolean dryRun) {
    try {
      Path real = Path.of(folder.fetchSpec().orElseThrow()).toRealPath();
      JsonNode pj;
      try {
        pj = Json.parse(Files.readAllBytes(real.resolve("package.json")));
      } catch (NoSuchFileException e) {
        throw new ClientException(
            "ENOENT", "Could not read package.json: no such file " + real.resolve("package.json"));
      }
      String name = alias.orElse(pj.path("name").asText(real.getFileName().toString()));
      if (dryRun) {
        System.out.println("add " + name + " " + pj.path("version").asText());
        return 1;
      }
      Path link = lib.resolve(name);
      FolderTrees.delete(link);
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, link.getParent().relativize(real));
      ProjectScripts run = new ProjectScripts(scripts, Optional.empty());
      run.run(real, List.of("preinstall", "prepare"));
      GlobalInstall.linkBins(link, bin);
      run.run(real, List.of("install", "postinstall"));
      return 1;
    } catch (NoSuchFileException e) {
      throw new ClientException("ENOENT", "no such file or directory: " + e.getFile(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
