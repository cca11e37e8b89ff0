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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A git dependency at one commit, cloned and packed as pacote 21's {@code GitFetcher} does: the
 * commit is checked out into a temporary folder (from the process's one clone of the repository,
 * {@link GitClones}), prepared when needed, and the folder (or the {@code #path:} subfolder) packed
 * with npm's file rules ({@link Pack}: npm-packlist, node-tar's format). The manifest is the
 * package.json at that commit, read without a checkout.
 *
 * <p>Preparation (pacote's {@code #prepareDir}): when the package.json has any of the scripts
 * {@code build}, {@code preinstall}, {@code install}, {@code postinstall}, {@code prepack}, {@code
 * prepare}, or {@code workspaces}, and scripts are on, the {@link GitPreparer} installs the clone's
 * dependencies (dev ones included) and runs its scripts before packing. As pacote's {@code
 * _PACOTE_NO_PREPARE_}, a commit already being prepared further up the chain (a cycle of git
 * dependencies) is packed unprepared. Without a preparer, such a package fails with {@code
 * EGITPREPARE}; with {@code --ignore-scripts} it is packed unprepared, as npm does.
 *
 * <p>Each (resolved, subfolder, prepared) is packed once per process; concurrent requests wait for
 * the same result.
 */
final class GitPacker {
  private static final List<String> PREPARE_SCRIPTS =
      List.of("build", "preinstall", "install", "postinstall", "prepack", "prepare");
  private static final Map<String, FutureTask<Packed>> PACKED = new ConcurrentHashMap<>();
  private static final Set<String> PREPARING = ConcurrentHashMap.newKeySet();

  /**
   * A packed commit.
   *
   * @param manifest the package.json at that commit
   * @param tgz the packed tarball
   */
  record Packed(ObjectNode manifest, byte[] tgz) {}

  private GitPacker() {}

  /**
   * The package.json of a spec at a resolved commit (no packing, no checkout).
   *
   * @throws ClientException {@code EGIT} for git failures, {@code ENOENT} without package.json
   * @throws dev.quoll.core.CoreException {@code EJSONPARSE} for a broken package.json
   */
  static ObjectNode manifest(GitSpec spec, GitRepo.Resolution r) {
    String sub = subdir(spec);
    String text =
        GitClones.show(
            r.cloneUrl(), r.sha(), sub.isEmpty() ? "package.json" : sub + "/package.json");
    if (text == null) {
      throw new ClientException("ENOENT", r.resolved() + " has no package.json");
    }
    return Json.parseObject(text);
  }

  /**
   * Checks out, prepares (see the class contract) and packs a spec at a resolved commit.
   *
   * @param ignoreScripts whether scripts are off (then no preparation is done)
   * @param preparer prepares the checkout; empty: a package needing preparation is refused
   * @throws ClientException {@code EGIT}, {@code ENOENT}, {@code EGITPREPARE} as described above
   */
  static Packed pack(
      GitSpec spec, GitRepo.Resolution r, boolean ignoreScripts, Optional<GitPreparer> preparer) {
    boolean prepare = !ignoreScripts && !PREPARING.contains(r.resolved());
    String key =
        r.cloneUrl() + "\u0000" + r.resolved() + "\u0000" + subdir(spec) + "\u0000" + prepare;
    FutureTask<Packed> task = new FutureTask<>(() -> packNew(spec, r, prepare, preparer));
    FutureTask<Packed> prior = PACKED.putIfAbsent(key, task);
    FutureTask<Packed> used = prior != null ? prior : task;
    if (prior == null) {
      task.run();
    }
    try {
      return used.get();
    } catch (ExecutionException e) {
      PACKED.remove(key, used);
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException("EINTR", "interrupted");
    }
  }

  private static Packed packNew(
      GitSpec spec, GitRepo.Resolution r, boolean prepare, Optional<GitPreparer> preparer) {
    try (TempFolder tmp = TempFolder.create("quoll-git")) {
      Path dir = tmp.path().resolve("repo");
      GitClones.checkout(r.cloneUrl(), r.sha(), dir);
      Path pkgDir = packageDir(spec, dir);
      ObjectNode manifest = readPackage(pkgDir, r);
      List<String> needs = prepare ? preparation(manifest) : List.of();
      if (!needs.isEmpty()) {
        if (preparer.isEmpty()) {
          throw new ClientException(
              "EGITPREPARE",
              r.resolved()
                  + " must be prepared before it can be installed (it has "
                  + String.join(", ", needs)
                  + "), and no installer is at hand to prepare it. Install with"
                  + " --ignore-scripts to use it unprepared.");
        }
        PREPARING.add(r.resolved());
        try {
          preparer.get().prepare(pkgDir, r.resolved());
        } finally {
          PREPARING.remove(r.resolved());
        }
        manifest = readPackage(pkgDir, r);
      }
      return new Packed(manifest, Pack.pack(pkgDir).bytes());
    }
  }

  /** What in a manifest makes pacote prepare a git dependency. */
  static List<String> preparation(JsonNode manifest) {
    JsonNode scripts = manifest.path("scripts");
    List<String> out =
        new ArrayList<>(
            PREPARE_SCRIPTS.stream()
                .filter(s -> scripts.path(s).isTextual() && !scripts.path(s).asText().isEmpty())
                .map(s -> "a " + s + " script")
                .toList());
    if (manifest.has("workspaces")) {
      out.add("workspaces");
    }
    return out;
  }

  private static String subdir(GitSpec spec) {
    String sub = spec.gitSubdir().orElse("");
    while (sub.startsWith("/")) {
      sub = sub.substring(1);
    }
    while (sub.endsWith("/")) {
      sub = sub.substring(0, sub.length() - 1);
    }
    if (Path.of(sub).normalize().startsWith("..")) {
      throw new ClientException("EGIT", "path " + sub + " is outside the repository");
    }
    return sub;
  }

  private static Path packageDir(GitSpec spec, Path clone) {
    String sub = subdir(spec);
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
