package dev.quoll.client.fetch;

import dev.quoll.client.ClientException;
import dev.quoll.core.hostedgit.HostedGit;
import dev.quoll.core.spec.GitSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code git} command line as pacote 21's {@code GitFetcher} drives it through @npmcli/git 7:
 * {@code git ls-remote} to resolve a committish to a commit, {@code git clone} ({@link GitClones}:
 * once per repository and process) and {@code git checkout} of that commit.
 *
 * <p>Contract: hosted repositories (github, gitlab, bitbucket, gist, sourcehut) are reached by
 * their https URL first and their ssh URL when that fails, as pacote does; other URLs as written
 * (without {@code git+}; pacote hands git the {@code git+https} form). The {@code resolved}
 * recorded is pacote's ({@code addGitSha} then {@code repoUrl}): {@code
 * git+ssh://git@<host>/<user>/ <project>.git#<sha>} for a hosted repository ({@code
 * git+https://<auth>@...} when the URL has credentials), else the spec without its fragment plus
 * {@code #<sha>}. A committish that is no ref (a short commit) is looked up in a bare clone. git
 * never prompts ({@code GIT_TERMINAL_PROMPT=0}, ssh in batch mode); each command may take at most 5
 * minutes. Failures are {@link ClientException} {@code EGIT} with git's output.
 */
final class GitRepo {
  private static final long TIMEOUT_MINUTES = 5;

  /**
   * A spec resolved to one commit.
   *
   * @param cloneUrl the URL that answered {@code ls-remote}
   * @param sha the 40-hex commit
   * @param resolved the lockfile's {@code resolved}
   */
  record Resolution(String cloneUrl, String sha, String resolved) {}

  private GitRepo() {}

  /**
   * Resolves a git spec to a commit with {@code git ls-remote}.
   *
   * @throws ClientException {@code EGIT} when no URL of the repository answers
   * @throws dev.quoll.client.tree.ResolveException {@code ETARGET} when the committish matches
   *     nothing
   */
  static Resolution resolve(GitSpec spec) {
    List<String> urls = cloneUrls(spec);
    ClientException last = null;
    for (String url : urls) {
      GitRefs refs;
      try {
        refs = GitRefs.parse(run(null, "ls-remote", url));
      } catch (ClientException e) {
        last = e;
        continue;
      }
      String sha =
          refs.pick(spec.gitCommittish(), spec.gitRange(), url)
              .orElseGet(() -> revParse(url, spec.gitCommittish().orElse("HEAD")));
      return new Resolution(url, sha, resolved(spec, sha));
    }
    throw last;
  }

  /** The commit a committish that is no ref names (e.g. a short commit), found in a clone. */
  private static String revParse(String url, String committish) {
    Path dir = GitClones.bare(url);
    try {
      return run(dir, "rev-parse", "--verify", "--quiet", committish + "^{commit}").strip();
    } catch (ClientException e) {
      String msg = "No matching version found for " + committish + " in " + url + ".";
      throw new dev.quoll.client.tree.ResolveException("ETARGET", msg, msg);
    }
  }

  /** The URLs to try, in order. */
  static List<String> cloneUrls(GitSpec spec) {
    Optional<HostedGit> hosted = spec.hosted();
    if (hosted.isPresent()) {
      List<String> out = new ArrayList<>();
      out.add(hosted.get().https(true, true));
      if (hosted.get().auth().filter(a -> !a.isEmpty()).isEmpty()) {
        out.add(hosted.get().sshUrl(true, true));
      }
      return out;
    }
    return List.of(spec.fetchSpec().orElseThrow());
  }

  /** pacote's {@code resolved} for a spec at a commit. */
  static String resolved(GitSpec spec, String sha) {
    if (spec.hosted().isPresent()) {
      HostedGit h = spec.hosted().get();
      boolean auth = h.auth().filter(a -> !a.isEmpty()).isPresent();
      return (auth ? h.https(false, true) : h.sshUrl(false, true)) + "#" + sha;
    }
    String raw = spec.rawSpec();
    int hash = raw.indexOf('#');
    return (hash >= 0 ? raw.substring(0, hash) : raw) + "#" + sha;
  }

  /**
   * Runs git in {@code dir} (null: the current folder) and returns its output.
   *
   * @throws ClientException {@code EGIT} when git fails, {@code ENOGIT} without git
   */
  static String run(Path dir, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.add("-c");
    cmd.add("core.longpaths=true");
    cmd.add("-c");
    cmd.add("advice.detachedHead=false");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    pb.environment().put("GIT_TERMINAL_PROMPT", "0");
    pb.environment().putIfAbsent("GIT_SSH_COMMAND", "ssh -oBatchMode=yes");
    pb.environment().put("GIT_ASKPASS", "echo");
    try {
      Path out = Files.createTempFile("quoll-git", ".out");
      try {
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          throw new ClientException("EGIT", "git " + String.join(" ", args) + " timed out");
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
          throw new ClientException(
              "EGIT",
              "An unknown git error occurred: `git "
                  + String.join(" ", args)
                  + "` exited with code "
                  + p.exitValue()
                  + "\n"
                  + text.strip());
        }
        return text;
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().contains("Cannot run program")) {
        throw new ClientException("ENOGIT", "No git binary found in $PATH", e);
      }
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException("EINTR", "interrupted");
    }
  }
}
