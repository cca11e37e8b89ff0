package dev.quoll.client.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.ClientException;
import dev.quoll.core.json.Json;
import dev.quoll.core.spec.GitSpec;
import dev.quoll.core.tarball.Pack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A git dependency at one commit, cloned and packed as pacote 21's {@code GitFetcher} does: the
 * repository is cloned into a temporary folder, the commit checked out, and the folder (or the
 * {@code #path:} subfolder) packed with npm's file rules ({@link Pack}: npm-packlist, node-tar's
 * format). The manifest is the checked-out package.json.
 *
 * <p>Preparation: pacote installs a git dependency's dependencies (including dev) and runs its
 * {@code prepare} script before packing when it has any of the scripts {@code build}, {@code
 * preinstall}, {@code install}, {@code postinstall}, {@code prepack}, {@code prepare} or {@code
 * workspaces}. Quoll does not: packing such a repository with scripts enabled fails with {@code
 * EGITPREPARE} naming the scripts (with {@code --ignore-scripts}, npm also packs it unprepared).
 */
final class GitPacker {
  private static final List<String> PREPARE_SCRIPTS =
      List.of("build", "preinstall", "install", "postinstall", "prepack", "prepare");

  /**
   * A packed commit.
   *
   * @param manifest the package.json at that commit
   * @param tgz the packed tarball
   */
  record Packed(ObjectNode manifest, byte[] tgz) {}

  private GitPacker() {}

  /**
   * The package.json of a spec at a resolved commit (no packing).
   *
   * @throws ClientException {@code EGIT} for git failures, {@code ENOENT} without package.json
   */
  static ObjectNode manifest(GitSpec spec, GitRepo.Resolution r) {
    try (TempFolder tmp = TempFolder.create("quoll-git")) {
      Path dir = tmp.path().resolve("repo");
      GitRepo.checkout(r.cloneUrl(), r.sha(), dir);
      return readPackage(packageDir(spec, dir), r);
    }
  }

  /**
   * Clones, checks out and packs a spec at a resolved commit.
   *
   * @param ignoreScripts whether scripts are off (then no preparation is needed)
   * @throws ClientException {@code EGIT}, {@code ENOENT}, {@code EGITPREPARE} as described above
   */
  static Packed pack(GitSpec spec, GitRepo.Resolution r, boolean ignoreScripts) {
    try (TempFolder tmp = TempFolder.create("quoll-git")) {
      Path dir = tmp.path().resolve("repo");
      GitRepo.checkout(r.cloneUrl(), r.sha(), dir);
      Path pkgDir = packageDir(spec, dir);
      ObjectNode manifest = readPackage(pkgDir, r);
      if (!ignoreScripts) {
        List<String> needs = preparation(manifest);
        if (!needs.isEmpty()) {
          throw new ClientException(
              "EGITPREPARE",
              r.resolved()
                  + " must be prepared before it can be installed (it has "
                  + String.join(", ", needs)
                  + "), which needs its devDependencies installed; Quoll does not prepare git"
                  + " dependencies. Install with --ignore-scripts to use it unprepared.");
        }
      }
      return new Packed(manifest, Pack.pack(pkgDir).bytes());
    }
  }

  /** What in a manifest makes pacote prepare a git dependency. */
  static List<String> preparation(JsonNode manifest) {
    JsonNode scripts = manifest.path("scripts");
    List<String> out =
        new java.util.ArrayList<>(
            PREPARE_SCRIPTS.stream()
                .filter(s -> scripts.path(s).isTextual() && !scripts.path(s).asText().isEmpty())
                .map(s -> "a " + s + " script")
                .toList());
    if (manifest.has("workspaces")) {
      out.add("workspaces");
    }
    return out;
  }

  private static Path packageDir(GitSpec spec, Path clone) {
    String sub = spec.gitSubdir().orElse("");
    while (sub.startsWith("/")) {
      sub = sub.substring(1);
    }
    Path dir = sub.isEmpty() ? clone : clone.resolve(sub).normalize();
    if (!dir.startsWith(clone)) {
      throw new ClientException("EGIT", "path " + sub + " is outside the repository");
    }
    return dir;
  }

  private static ObjectNode readPackage(Path dir, GitRepo.Resolution r) {
    Path pj = dir.resolve("package.json");
    try {
      return Json.parseObject(Files.readString(pj));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ClientException("ENOENT", r.resolved() + " has no package.json");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
