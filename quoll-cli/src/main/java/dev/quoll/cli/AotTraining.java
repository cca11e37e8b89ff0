package dev.quoll.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run of the JDK's AOT cache (JEP 483/515, {@code -XX:AOTCacheOutput}) for the client
 * commands, used by {@code tools/train-aot} and {@code bench/client/run}: the JDK records the
 * classes and method profiles of one JVM run, so this one run goes through each install path the
 * benchmark scenarios take, in the working directory (a project with a package.json):
 *
 * <ol>
 *   <li>a cold install: an empty cache, no lockfile, no node_modules (scenario A: registry client,
 *       TLS, the tree builder, downloads, unpacking, lockfile writing);
 *   <li>the same install again (C: the no-op fast path);
 *   <li>node_modules removed, then install (B: the lockfile read, linking from the warm cache);
 *   <li>node_modules and the cache removed, then install (D: the lockfile, downloads);
 *   <li>{@code ci} (the lockfile check and emptying node_modules).
 * </ol>
 *
 * <p>Usage: {@code java -XX:AOTCacheOutput=<file> ... dev.quoll.cli.AotTraining <install flags>},
 * where the flags (as for {@code quoll install}) must include {@code --cache <dir>}: a throw-away
 * cache, deleted before the cold steps. Each step runs as {@link Quoll#run} runs a command line,
 * with its output; the exit code is 1 when any step failed (the cache is still written).
 */
final class AotTraining {
  private AotTraining() {}

  /**
   * @param args the install flags, with {@code --cache <dir>}
   */
  public static void main(String[] args) {
    Path cache = cacheOf(args);
    Path nodeModules = Path.of("node_modules").toAbsolutePath();
    delete(cache);
    delete(nodeModules);
    delete(Path.of("package-lock.json"));
    int failed = 0;
    failed += step("install", args);
    failed += step("install", args);
    delete(nodeModules);
    failed += step("install", args);
    delete(nodeModules);
    delete(cache);
    failed += step("install", args);
    failed += step("ci", args);
    System.exit(failed == 0 ? 0 : 1);
  }

  private static int step(String command, String[] flags) {
    List<String> line = new ArrayList<>(List.of(command));
    line.addAll(List.of(flags));
    return Quoll.run(line.toArray(String[]::new)) == 0 ? 0 : 1;
  }

  private static Path cacheOf(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--cache") && i + 1 < args.length) {
        return Path.of(args[i + 1]).toAbsolutePath();
      }
      if (args[i].startsWith("--cache=")) {
        return Path.of(args[i].substring("--cache=".length())).toAbsolutePath();
      }
    }
    throw new IllegalArgumentException("AotTraining needs --cache <dir> (a throw-away cache)");
  }

  private static void delete(Path p) {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> all = Files.walk(p)) {
      for (Path f : all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
