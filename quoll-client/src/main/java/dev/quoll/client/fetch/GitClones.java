package dev.quoll.client.fetch;

import dev.quoll.client.ClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * One network clone per repository URL for the life of the process: a bare clone in a private
 * temporary folder (deleted when the JVM exits), from which manifests are read ({@code git show})
 * and working folders checked out by fast local clones. The tree builder's manifest read, a short
 * commit's lookup and reify's packing of the same repository thus reach the network once.
 *
 * <p>Thread-safe: concurrent callers for one URL wait for the same clone; a failed clone is not
 * remembered (the next caller tries again).
 */
final class GitClones {
  private static final Map<String, FutureTask<Path>> BARE = new ConcurrentHashMap<>();
  private static Path root;

  private GitClones() {}

  /**
   * The bare clone of {@code url}, cloned on first use.
   *
   * @throws ClientException {@code EGIT} when git fails
   */
  static Path bare(String url) {
    FutureTask<Path> task = new FutureTask<>(() -> cloneBare(url));
    FutureTask<Path> prior = BARE.putIfAbsent(url, task);
    FutureTask<Path> used = prior != null ? prior : task;
    if (prior == null) {
      task.run();
    }
    try {
      return used.get();
    } catch (ExecutionException e) {
      BARE.remove(url, used);
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException("EINTR", "interrupted");
    }
  }

  /**
   * Checks a commit of {@code url} out into {@code dir} (which must not exist), from the bare
   * clone.
   *
   * @throws ClientException {@code EGIT} when git fails (e.g. the commit is not in the repository)
   */
  static void checkout(String url, String sha, Path dir) {
    Path bare = bare(url);
    GitRepo.run(null, "clone", "--quiet", "--no-checkout", bare.toString(), dir.toString());
    GitRepo.run(dir, "checkout", "--quiet", sha);
  }

  /**
   * The text of a file at a commit, or null when the commit has no such file.
   *
   * @throws ClientException {@code EGIT} when git fails otherwise
   */
  static String show(String url, String sha, String path) {
    Path bare = bare(url);
    String listed = GitRepo.run(bare, "ls-tree", "--name-only", sha, "--", path);
    if (listed.strip().isEmpty()) {
      return null;
    }
    return GitRepo.run(bare, "show", sha + ":" + path);
  }

  private static Path cloneBare(String url) throws IOException {
    Path dir = Files.createTempDirectory(root(), "clone");
    Files.delete(dir);
    GitRepo.run(null, "clone", "--quiet", "--bare", url, dir.toString());
    return dir;
  }

  private static synchronized Path root() throws IOException {
    if (root == null) {
      Path r = Files.createTempDirectory("quoll-git-clones");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(r)));
      root = r;
    }
    return root;
  }

  private static void delete(Path dir) {
    try (var walk = Files.walk(dir)) {
      List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
      for (Path p : all) {
        p.toFile().setWritable(true);
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      // best effort at exit
    }
  }
}
