package dev.quoll.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.cli.QuollCommand;
import dev.quoll.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code npm} and {@code quoll} side by side on twin project folders ({@code <work>/<name>/npm} and
 * {@code <work>/<name>/quoll}) against one registry: each with its own cache under {@code work} and
 * the same user config; the quoll command runs in this JVM (as the launcher would) with its stdout
 * and stderr captured. The assertions compare whole results: lockfile and package.json bytes, and
 * the location-to-version map of node_modules read from disk.
 */
final class TwinInstall {
  private final Path work;
  private final NpmCli npm;
  private final Path userconfig;
  private final String registry;

  /**
   * @param work the folder holding the projects and both caches
   * @param registry the default registry ({@code --registry} of both clients)
   * @param userconfig the user npmrc of both clients
   */
  TwinInstall(Path work, String registry, Path userconfig) {
    this.work = work;
    this.registry = registry;
    this.userconfig = userconfig;
    this.npm = new NpmCli(userconfig, work.resolve("npm-cache"), registry);
  }

  /** What a command exited with and printed (stdout and stderr together). */
  record Run(int exit, String output) {}

  /** The twin folders of one case. */
  record Twins(Path npm, Path quoll) {}

  /**
   * Makes fresh twin folders with the same package.json and (when not empty) project .npmrc.
   *
   * @param name the case name (folder under {@code work})
   * @param packageJson the package.json text
   * @param npmrc the project .npmrc text, or empty for none
   */
  Twins fresh(String name, String packageJson, String npmrc) throws IOException {
    Path npmDir = work.resolve(name).resolve("npm");
    Path quollDir = work.resolve(name).resolve("quoll");
    for (Path d : List.of(npmDir, quollDir)) {
      deleteTree(d);
      Files.createDirectories(d);
      Files.writeString(d.resolve("package.json"), packageJson);
      if (!npmrc.isEmpty()) {
        Files.writeString(d.resolve(".npmrc"), npmrc);
      }
    }
    return new Twins(npmDir, quollDir);
  }

  /** Runs {@code npm <args>} in {@code dir} (the registry, user config and npm's cache set). */
  Run npm(Path dir, String... args) throws IOException, InterruptedException {
    NpmCli.Result r = npm.run(dir, args);
    return new Run(r.exit(), r.output());
  }

  /**
   * Runs {@code quoll <args> --prefix=<dir> --cache=<work>/quoll-cache --userconfig=...
   * --registry=...} in this JVM.
   */
  Run quoll(Path dir, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--prefix=" + dir,
            "--cache=" + work.resolve("quoll-cache"),
            "--userconfig=" + userconfig,
            "--registry=" + registry));
    return captured(() -> QuollCommand.commandLine().execute(all.toArray(String[]::new)));
  }

  /** Runs {@code args} in both folders: npm in {@code t.npm()}, quoll in {@code t.quoll()}. */
  Run[] both(Twins t, String... args) throws IOException, InterruptedException {
    return new Run[] {npm(t.npm(), args), quoll(t.quoll(), args)};
  }

  /**
   * Asserts that both runs succeeded and left the same package.json, the same lockfile bytes and
   * the same packages in node_modules.
   */
  static void assertSame(String what, Twins t, Run[] runs) throws IOException {
    assertEquals(0, runs[0].exit(), what + ": npm failed\n" + runs[0].output());
    assertEquals(0, runs[1].exit(), what + ": quoll failed\n" + runs[1].output());
    assertEquals(
        Files.readString(t.npm().resolve("package.json")),
        Files.readString(t.quoll().resolve("package.json")),
        what + ": package.json differs");
    assertEquals(
        Files.readString(t.npm().resolve("package-lock.json")),
        Files.readString(t.quoll().resolve("package-lock.json")),
        what + ": package-lock.json differs");
    assertSameVersions(what + " (node_modules)", onDisk(t.npm()), onDisk(t.quoll()));
  }

  /**
   * {@code npm ci} accepts Quoll's lockfile and {@code quoll ci} npm's: each in a fresh copy of the
   * project with an empty node_modules, after which node_modules holds exactly the lockfile's
   * packages.
   */
  void assertCiAcceptsTheOthersLockfile(String name, Twins t) throws Exception {
    String pkg = Files.readString(t.npm().resolve("package.json"));
    Path rc = t.npm().resolve(".npmrc");
    Twins ci = fresh(name + "-ci", pkg, Files.exists(rc) ? Files.readString(rc) : "");
    Files.copy(t.quoll().resolve("package-lock.json"), ci.npm().resolve("package-lock.json"));
    Files.copy(t.npm().resolve("package-lock.json"), ci.quoll().resolve("package-lock.json"));
    Run n = npm(ci.npm(), "ci");
    assertEquals(0, n.exit(), name + ": npm ci refused Quoll's lockfile\n" + n.output());
    Run q = quoll(ci.quoll(), "ci");
    assertEquals(0, q.exit(), name + ": quoll ci refused npm's lockfile\n" + q.output());
    Map<String, String> locked = lockVersions(t.npm());
    assertSameVersions(name + " (npm ci of Quoll's lockfile)", locked, onDisk(ci.npm()));
    assertSameVersions(name + " (quoll ci of npm's lockfile)", locked, onDisk(ci.quoll()));
  }

  /** Location to version of a project's lockfile entries (the root left out). */
  static Map<String, String> lockVersions(Path project) throws IOException {
    return lockVersions(Json.parse(Files.readString(project.resolve("package-lock.json"))));
  }

  /** Location to version of a parsed lockfile's entries (the root left out). */
  static Map<String, String> lockVersions(JsonNode lock) {
    Map<String, String> out = new TreeMap<>();
    lock.path("packages")
        .properties()
        .forEach(
            e -> {
              if (!e.getKey().isEmpty()) {
                out.put(e.getKey(), e.getValue().path("version").asText(""));
              }
            });
    return out;
  }

  /** Location to version of the packages in a project's node_modules, read from disk. */
  static Map<String, String> onDisk(Path project) throws IOException {
    Map<String, String> out = new TreeMap<>();
    Path nm = project.resolve("node_modules");
    if (!Files.isDirectory(nm)) {
      return out;
    }
    try (Stream<Path> walk = Files.walk(nm)) {
      for (Path pj : walk.filter(p -> p.getFileName().toString().equals("package.json")).toList()) {
        String loc = project.relativize(pj.getParent()).toString();
        if (loc.matches(
            "(node_modules/(@[^/]+/)?[^/@.][^/]*)(/node_modules/(@[^/]+/)?[^/.][^/]*)*")) {
          out.put(loc, Json.parse(Files.readString(pj)).path("version").asText(""));
        }
      }
    }
    return out;
  }

  /** Compares location-to-version maps and fails with the first 20 differences. */
  static void assertSameVersions(
      String what, Map<String, String> expected, Map<String, String> actual) {
    List<String> diffs = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    for (String k : keys) {
      if (!Objects.equals(expected.get(k), actual.get(k))) {
        diffs.add(k + ": expected " + expected.get(k) + ", got " + actual.get(k));
      }
    }
    if (!diffs.isEmpty()) {
      fail(
          what
              + ": "
              + diffs.size()
              + " of "
              + expected.size()
              + " locations differ, first:\n"
              + String.join("\n", diffs.subList(0, Math.min(20, diffs.size()))));
    }
  }

  /** The lines of {@code output} that start with {@code prefix}, in order. */
  static List<String> lines(String output, String prefix) {
    return output.lines().filter(l -> l.startsWith(prefix)).toList();
  }

  /** Deletes {@code dir} and everything under it, if it exists. */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Runs an in-process command with System.out and System.err captured into one string. */
  private static synchronized Run captured(java.util.function.IntSupplier command) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream both = new PrintStream(buf, true, StandardCharsets.UTF_8);
    System.setOut(both);
    System.setErr(both);
    int exit;
    try {
      exit = command.getAsInt();
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    oldErr.print(out); // kept in the test's output report
    return new Run(exit, out);
  }
}
