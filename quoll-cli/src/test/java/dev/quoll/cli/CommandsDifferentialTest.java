package dev.quoll.cli;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.testing.FakeRegistry;
import dev.quoll.client.testing.NpmCommand;
import dev.quoll.client.testing.TreeSnapshot;
import dev.quoll.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code uninstall}, {@code update}, {@code ls}, {@code outdated}, {@code dedupe}, {@code prune}
 * and {@code -g} against the real npm 11 CLI on a local fake registry: the same sequence of
 * commands runs with npm and with {@code quoll} (in-process, through {@link Quoll#run}) in twin
 * project folders, and after each step the test compares the exit code, stdout (the project path
 * and timings normalized), and for the commands that change node_modules package.json,
 * package-lock.json and the set of paths under node_modules. Every difference of the whole sequence
 * is reported at the end (with the step that showed it). npm and Quoll each keep one cache for the
 * class.
 */
class CommandsDifferentialTest {
  @TempDir static Path tmp;
  private static FakeRegistry registry;
  private final List<String> diffs = new ArrayList<>();

  /** The result of one command. */
  record Out(int code, String stdout, String stderr) {}

  @BeforeAll
  static void start() {
    registry = new FakeRegistry();
    registry.maxAge(0);
    publish("a", "1.0.0", Json.object());
    publish("a", "1.1.0", Json.object());
    publish("c", "1.0.0", deps("e", "^1.0.0"));
    publish("e", "1.0.0", Json.object());
    publish("dv", "1.0.0", deps("f", "^1.0.0"));
    publish("f", "1.0.0", Json.object());
    publish("m", "1.0.0", Json.object());
    publish("gx", "1.0.0", deps("e", "^1.0.0"));
    for (String w : List.of("wb", "wc", "wd", "wx")) {
      publish(w, "1.0.0", Json.object());
    }
    publish("fa", "1.0.0", Json.object());
    publish("fa", "1.1.0", Json.object());
    publish("fa", "2.0.0", Json.object());
    registry.distTag("fa", "latest", "1.1.0");
    registry.distTag("fa", "next", "2.0.0");
    for (String f : List.of("fb", "fc", "fd", "fe", "ff", "fg", "fo")) {
      publish(f, "1.0.0", Json.object());
    }
    publish("fg", "1.1.0", Json.object()); // published a day after 1.0.0: --before picks 1.0.0
    // wa 1.0.0 needs wx, 1.1.0 does not: update -w drops wx (the actual tree's edge)
    publish("wa", "1.0.0", deps("wx", "^1.0.0"));
    publish("dm", "1.0.0", Json.object());
    publish("dl", "1.0.0", Json.object());
    publish("@s/p", "1.0.0", Json.object());
    ObjectNode gbin = deps("f", "^1.0.0");
    gbin.putObject("bin").put("gbin", "cli.js");
    ObjectNode win = Json.object();
    win.putArray("os").add("win32");
    publish("ow", "1.0.0", win);
    ObjectNode peer = Json.object();
    peer.putObject("peerDependencies").put("f", "^1.0.0");
    peer.putObject("peerDependenciesMeta").putObject("f").put("optional", true);
    publish("pp", "1.0.0", peer);
    registry.publish(
        "gbin", "1.0.0", gbin, Map.of("cli.js", "#!/usr/bin/env node\nconsole.log('g')\n"));
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  private static void publish(String name, String version, ObjectNode manifest) {
    registry.publish(name, version, manifest, Map.of("index.js", "module.exports = 1\n"));
  }

  private static ObjectNode deps(String name, String range) {
    ObjectNode m = Json.object();
    m.putObject("dependencies").put(name, range);
    return m;
  }

  /** The versions published after the first install: newer ones, tags, a deprecated one. */
  private static void publishNewer() {
    publish("a", "1.2.0", Json.object());
    ObjectNode dep = Json.object();
    dep.put("deprecated", "use 1.2.0");
    publish("a", "1.3.0", dep);
    publish("a", "2.0.0", Json.object());
    registry.distTag("a", "latest", "1.2.0");
    registry.distTag("a", "next", "2.0.0");
    publish("e", "1.1.0", Json.object());
    publish("d", "1.0.0", deps("e", "^1.1.0"));
    publish("dv", "1.1.0", deps("f", "^1.0.0"));
    publish("@s/p", "1.1.0", Json.object());
    // a deprecated latest: npm's picker passes over it for wanted and latest alike
    ObjectNode deprecated = Json.object();
    deprecated.put("deprecated", "do not use");
    publish("dl", "1.1.0", deprecated);
  }

  /** A bare git repository with one commit of a package {@code gd@0.5.0}; its git+file URL. */
  private static String gitRepo() throws Exception {
    return gitRepo("gd", Map.of("package.json", "{\"name\":\"gd\",\"version\":\"0.5.0\"}\n"));
  }

  /** A bare git repository {@code <id>.git} with one commit of the files; its git+file URL. */
  private static String gitRepo(String id, Map<String, String> files) throws Exception {
    Path work = Files.createDirectories(tmp.resolve("git-work-" + id));
    for (Map.Entry<String, String> f : files.entrySet()) {
      Files.writeString(work.resolve(f.getKey()), f.getValue());
    }
    git(work, "init", "-q", "-b", "main");
    git(work, "add", "-A");
    git(work, "commit", "-q", "-m", "v0.5.0");
    Path bare = tmp.resolve(id + ".git");
    git(tmp, "clone", "-q", "--bare", work.toString(), bare.toString());
    return "git+file://" + bare;
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@t"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      fail("git " + String.join(" ", args) + ": " + out);
    }
  }

  private static final String PACKAGE_JSON =
      """
      {
        "name": "proj",
        "version": "1.0.0",
        "dependencies": {
          "@s/p": "^1.0.0",
          "a": "^1.0.0",
          "al": "npm:a@~1.0.0",
          "c": "^1.0.0",
          "dl": "^1.0.0",
          "e": "1.0.0",
          "gd": "GIT",
          "lnk": "file:local"
        },
        "devDependencies": {
          "dv": "^1.0.0"
        }
      }
      """;

  private static String gitUrl;

  private static Path project(String side) throws Exception {
    Path root = Files.createDirectories(tmp.resolve(side).resolve("proj"));
    if (gitUrl == null) {
      gitUrl = gitRepo();
    }
    Files.writeString(root.resolve("package.json"), PACKAGE_JSON.replace("GIT", gitUrl));
    Path local = Files.createDirectories(root.resolve("local"));
    Files.writeString(local.resolve("package.json"), "{\"name\":\"lnk\",\"version\":\"0.0.1\"}\n");
    return root;
  }

  @Test
  void projectCommands() throws Exception {
    Path n = project("npm");
    Path q = project("quoll");
    step(n, q, true, "install");
    publishNewer();
    reports(n, q);
    step(n, q, false, "ls", "e");
    // a missing dependency (in package.json, not installed) and an invalid one
    edit(n, q, "\"c\": \"^1.0.0\",", "\"c\": \"^1.0.0\",\n    \"m\": \"^1.0.0\",");
    edit(n, q, "\"e\": \"1.0.0\"", "\"e\": \"^2.0.0\"");
    edit(n, q, "\"dv\": \"^1.0.0\"", "\"dm\": \"^1.0.0\",\n    \"dv\": \"^1.0.0\"");
    reports(n, q);
    for (String[] args :
        List.of(
            new String[] {"ls", "nothere"},
            new String[] {"ls", "a@^1.1.0"},
            new String[] {"ls", "--json", "@s/p"})) {
      step(n, q, false, args);
    }
    edit(n, q, "\"e\": \"^2.0.0\"", "\"e\": \"1.0.0\"");
    step(n, q, true, "update", "a");
    step(n, q, true, "update");
    step(n, q, false, "outdated");
    step(n, q, true, "install", "d");
    step(n, q, false, "ls", "--all");
    step(n, q, true, "uninstall", "e");
    step(n, q, false, "ls", "--all");
    step(n, q, true, "dedupe", "--dry-run");
    step(n, q, true, "dedupe");
    step(n, q, true, "dedupe");
    step(n, q, false, "ls", "--all");
    step(n, q, true, "update", "a@^1.0.0");
    step(n, q, true, "install", "dl@1.1.0");
    step(n, q, false, "outdated", "--json");
    // an extraneous package: c removed from package.json by hand
    edit(n, q, "\"c\": \"^1.0.0\",\n", "");
    step(n, q, false, "ls");
    step(n, q, false, "ls", "--all", "--json");
    step(n, q, true, "prune", "--dry-run");
    step(n, q, true, "prune");
    step(n, q, true, "prune", "--omit=dev");
    step(n, q, true, "uninstall", "-D", "dv");
    step(n, q, true, "uninstall", "a", "d");
    step(n, q, true, "uninstall", "nothere");
    step(n, q, true, "update", "dl");
    step(n, q, true, "uninstall", "--no-save", "m");
    step(n, q, false, "ls");
    step(n, q, false, "ls", "--all");
    report();
  }

  /** An optional dependency of another platform and an optional peer that nothing installs. */
  @Test
  void optionalDependencies() throws Exception {
    String pj =
        """
        {
          "name": "opt",
          "version": "1.0.0",
          "dependencies": {
            "pp": "^1.0.0"
          },
          "optionalDependencies": {
            "ow": "^1.0.0"
          }
        }
        """;
    Path n = Files.createDirectories(tmp.resolve("npm-opt").resolve("opt"));
    Path q = Files.createDirectories(tmp.resolve("quoll-opt").resolve("opt"));
    Files.writeString(n.resolve("package.json"), pj);
    Files.writeString(q.resolve("package.json"), pj);
    step(n, q, true, "install");
    for (String[] args :
        List.of(
            new String[] {"ls", "--all"},
            new String[] {"ls", "--all", "--json"},
            new String[] {"outdated"},
            new String[] {"outdated", "--json"})) {
      step(n, q, false, args);
    }
    step(n, q, true, "uninstall", "ow");
    step(n, q, false, "ls", "--all");
    report();
  }

  /**
   * Package folders changed by hand after an install: npm trusts the hidden lockfile until a folder
   * is newer than it or an entry is missing, then reads the folders ({@code ls}, {@code outdated}).
   */
  @Test
  void handEditedFolders() throws Exception {
    String pj =
        """
        {
          "name": "hand",
          "version": "1.0.0",
          "dependencies": {
            "a": "^1.0.0",
            "c": "^1.0.0"
          }
        }
        """;
    Path n = Files.createDirectories(tmp.resolve("npm-hand").resolve("hand"));
    Path q = Files.createDirectories(tmp.resolve("quoll-hand").resolve("hand"));
    Files.writeString(n.resolve("package.json"), pj);
    Files.writeString(q.resolve("package.json"), pj);
    step(n, q, true, "install");
    List<String[]> reports =
        List.of(
            new String[] {"ls", "--all"},
            new String[] {"ls", "--all", "--json"},
            new String[] {"ls", "--depth=1"},
            new String[] {"outdated", "--json"});
    Thread.sleep(50);
    // a version edited in place: the folder's mtime does not change, the hidden lockfile stays
    handEdit(n, q, "node_modules/a/package.json", "{\"name\":\"a\",\"version\":\"1.0.7\"}\n");
    for (String[] args : reports) {
      step(n, q, false, args);
    }
    // an extraneous folder makes node_modules newer: the folders are read
    handEdit(n, q, "node_modules/zz/package.json", "{\"name\":\"zz\",\"version\":\"3.0.0\"}\n");
    for (String[] args : reports) {
      step(n, q, false, args);
    }
    String shown = step(n, q, false, "ls").stdout();
    if (!shown.contains("a@1.0.7") || !shown.contains("zz@3.0.0 extraneous")) {
      fail("npm did not read the folders, so this test shows nothing:\n" + shown);
    }
    // folders without a package.json (arborist keeps them as nodes with an error): an extraneous
    // one, a scoped one, and a dependency whose package.json is gone or broken
    handEdit(n, q, "node_modules/nopj/index.js", "module.exports = 1\n");
    handEdit(n, q, "node_modules/@z/nopj/index.js", "module.exports = 1\n");
    handEdit(n, q, "node_modules/c/package.json", "{broken");
    for (String[] args : reports) {
      step(n, q, false, args);
    }
    for (Path p : List.of(n, q)) {
      Files.delete(p.resolve("node_modules/c/package.json"));
    }
    step(n, q, false, "ls");
    step(n, q, false, "ls", "--json");
    // a deleted folder: missing from node_modules
    for (Path p : List.of(n, q)) {
      try (var walk = Files.walk(p.resolve("node_modules/e"))) {
        for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(x);
        }
      }
    }
    for (String[] args : reports) {
      step(n, q, false, args);
    }
    report();
  }

  /**
   * {@code install} with each spec kind and flag issue 7 names, then {@code ci}, {@code update},
   * {@code dedupe}, {@code prune} and {@code uninstall} with {@code --json}, in one project.
   */
  @Test
  void installFlagsAndSpecs() throws Exception {
    Path n = Files.createDirectories(tmp.resolve("npm-flags").resolve("flags"));
    Path q = Files.createDirectories(tmp.resolve("quoll-flags").resolve("flags"));
    for (Path p : List.of(n, q)) {
      Files.writeString(p.resolve("package.json"), "{\"name\":\"flags\",\"version\":\"1.0.0\"}\n");
      Path local = Files.createDirectories(p.resolve("vendor/loc"));
      Files.writeString(
          local.resolve("package.json"), "{\"name\":\"loc\",\"version\":\"0.2.0\"}\n");
    }
    step(n, q, true, "install", "fa@1.0.0");
    step(n, q, true, "install", "-D", "fb");
    // npm's lockfile root entry also lists an optional dependency added on the command line under
    // "dependencies" (with the spec as typed after -O, with the saved one when inferred)
    step(n, q, true, "install", "-O", "fo");
    // without a save flag a package keeps the field it is in (arborist's inferSaveType)
    step(n, q, true, "install", "fb@1.0.0");
    step(n, q, true, "install", "fo@1.0.0");
    step(n, q, true, "install", "-E", "fc@^1.0.0");
    step(n, q, true, "install", "fal@npm:fa@^1.0.0");
    step(n, q, true, "install", "fa@next");
    step(n, q, true, "install", "--no-save", "fd");
    step(n, q, true, "install", "--dry-run", "fe");
    step(n, q, true, "install", "--json", "fe");
    step(n, q, true, "install", registry.url() + "/ff/-/ff-1.0.0.tgz");
    step(n, q, true, "install", "file:vendor/loc");
    step(n, q, true, "install", "--before", "2020-01-01T12:00:00.000Z", "fg");
    step(n, q, true, "install", "--prefer-offline");
    step(n, q, true, "install", "--offline");
    step(n, q, true, "install", "--prefer-online");
    step(n, q, true, "ci", "--omit=dev");
    step(n, q, true, "install", "--omit=optional");
    step(n, q, false, "ls", "--json");
    step(n, q, true, "update", "--json");
    step(n, q, true, "dedupe", "--json");
    step(n, q, true, "prune", "--json", "--omit=dev");
    step(n, q, true, "uninstall", "--json", "fb");
    step(n, q, true, "install", "--legacy-peer-deps", "--force");
    report();
  }

  /**
   * {@code update -w}, {@code update --workspaces} and {@code install -w} after a workspace dropped
   * a dependency: npm rebuilds the whole lockfile but reifies only what the named workspaces need
   * (in the ideal tree and in the actual one).
   */
  @Test
  void workspaceCommands() throws Exception {
    Path n = Files.createDirectories(tmp.resolve("npm-ws").resolve("mono"));
    Path q = Files.createDirectories(tmp.resolve("quoll-ws").resolve("mono"));
    for (Path p : List.of(n, q)) {
      Files.writeString(
          p.resolve("package.json"),
          """
          {"name":"mono","version":"1.0.0","workspaces":["packages/*"],
           "dependencies":{"wc":"^1.0.0"}}
          """);
      Files.createDirectories(p.resolve("packages/w"));
      Files.createDirectories(p.resolve("packages/v"));
      Files.writeString(
          p.resolve("packages/w/package.json"),
          "{\"name\":\"w\",\"version\":\"1.0.0\",\"dependencies\":"
              + "{\"wa\":\"^1.0.0\",\"wd\":\"^1.0.0\"}}\n");
      Files.writeString(
          p.resolve("packages/v/package.json"),
          "{\"name\":\"v\",\"version\":\"1.0.0\",\"dependencies\":{\"wb\":\"^1.0.0\"}}\n");
    }
    step(n, q, true, "install");
    for (String w : List.of("wa", "wb", "wc")) {
      publish(w, "1.1.0", Json.object());
    }
    step(n, q, true, "update", "-w", "w");
    step(n, q, false, "ls", "--all");
    step(n, q, true, "update", "--workspaces");
    step(n, q, false, "ls", "--all");
    step(n, q, true, "update", "-w", "v", "--include-workspace-root");
    // w drops wd: install -w w removes it (the hidden lockfile's w still depends on it)
    handEdit(
        n,
        q,
        "packages/w/package.json",
        "{\"name\":\"w\",\"version\":\"1.0.0\",\"dependencies\":{\"wa\":\"^1.0.0\"}}\n");
    step(n, q, true, "install", "-w", "w");
    step(n, q, false, "ls", "--all");
    step(n, q, true, "update", "-w", "nothere");
    report();
  }

  private static void handEdit(Path n, Path q, String file, String text) throws IOException {
    for (Path p : List.of(n, q)) {
      Path f = p.resolve(file);
      Files.createDirectories(f.getParent());
      Files.writeString(f, text);
    }
  }

  @Test
  void globalCommands() throws Exception {
    Path n = Files.createDirectories(tmp.resolve("npm-g"));
    Path q = Files.createDirectories(tmp.resolve("quoll-g"));
    global(n, q, true, "install", "-g", "gbin");
    global(n, q, true, "install", "-g", "@s/p");
    global(n, q, false, "ls", "-g");
    global(n, q, false, "ls", "-g", "--json");
    global(n, q, true, "install", "-g", "gx");
    publish("gx", "1.1.0", Json.object());
    for (String[] args :
        List.of(
            new String[] {"ls", "-g", "--all"},
            new String[] {"ls", "-g", "--depth=1"},
            new String[] {"ls", "-g", "--all", "--json"},
            new String[] {"ls", "-g", "f"},
            new String[] {"outdated", "-g"},
            new String[] {"outdated", "-g", "--json"})) {
      global(n, q, false, args);
    }
    global(n, q, true, "update", "-g", "nothere");
    global(n, q, true, "update", "-g");
    global(n, q, false, "outdated", "-g");
    global(n, q, false, "ls", "-g", "--all");
    global(n, q, true, "uninstall", "-g", "gbin");
    global(n, q, false, "ls", "-g");
    global(n, q, true, "uninstall", "-g", "@s/p", "nothere");
    global(n, q, false, "ls", "-g");
    report();
  }

  /**
   * {@code install -g} of a folder (a link, with its scripts run and no dependencies installed), a
   * tarball file, a tarball URL and a git URL (unpacked with their dependencies nested), each with
   * bins linked into the prefix's bin folder.
   */
  @Test
  void globalSources() throws Exception {
    Path n = Files.createDirectories(tmp.resolve("npm-gs"));
    Path q = Files.createDirectories(tmp.resolve("quoll-gs"));
    String cli = "#!/usr/bin/env node\nconsole.log('x')\n";
    for (Path p : List.of(n, q)) {
      // the folder sits inside each prefix, so both links read ../../src/fol
      Path fol = Files.createDirectories(p.resolve("src/fol"));
      Files.writeString(
          fol.resolve("package.json"),
          """
          {"name":"fol","version":"1.0.0","bin":{"folb":"cli.js"},
           "dependencies":{"e":"^1.0.0"},
           "scripts":{"prepare":"node -e \\"require('fs').appendFileSync('prep.txt','p')\\""}}
          """);
      Files.writeString(fol.resolve("cli.js"), cli);
    }
    Path tb = Files.createDirectories(tmp.resolve("gs-tarball"));
    Files.writeString(
        tb.resolve("package.json"),
        "{\"name\":\"tb\",\"version\":\"2.0.0\",\"bin\":\"cli.js\","
            + "\"dependencies\":{\"e\":\"^1.0.0\"}}\n");
    Files.writeString(tb.resolve("cli.js"), cli);
    Path tgz = tmp.resolve("tb-2.0.0.tgz");
    Files.write(tgz, dev.quoll.core.tarball.Pack.pack(tb).bytes());
    String git =
        gitRepo(
            "gg",
            Map.of(
                "package.json",
                "{\"name\":\"gg\",\"version\":\"0.1.0\",\"bin\":{\"ggb\":\"cli.js\"},"
                    + "\"dependencies\":{\"f\":\"^1.0.0\"}}\n",
                "cli.js",
                cli));
    for (String spec :
        List.of(
            "{p}/src/fol",
            tgz.toString(),
            registry.url().replaceAll("/$", "") + "/gx/-/gx-1.0.0.tgz",
            git)) {
      Out npm = global(n, q, true, "install", "-g", spec);
      if (npm.code() != 0 || !npm.stdout().contains("added")) {
        fail("npm install -g " + spec + " failed, so this test shows nothing:\n" + npm);
      }
    }
    global(n, q, false, "ls", "-g");
    global(n, q, false, "ls", "-g", "--all", "--json");
    global(n, q, true, "uninstall", "-g", "fol", "tb");
    global(n, q, false, "ls", "-g");
    report();
  }

  /**
   * {@code install -g} of a git URL whose package must be prepared (a {@code prepare} script that
   * needs its dev dependency): Quoll prepares the checkout as for a project dependency, then
   * installs the packed package. Quoll only: npm 11.19.1 exports {@code global} to the nested
   * {@code npm install} it runs in the checkout, which then links the temporary checkout into the
   * prefix, and the prefix ends with a link to a deleted folder.
   */
  @Test
  void globalGitPrepared() throws Exception {
    Path q = Files.createDirectories(tmp.resolve("quoll-gp"));
    String git =
        gitRepo(
            "gp",
            Map.of(
                "package.json",
                """
                {"name":"gp","version":"1.0.0","bin":{"gpb":"cli.js"},"files":["cli.js","built.js"],
                 "devDependencies":{"f":"^1.0.0"},
                 "scripts":{"prepare":"node -e \\"require('fs').appendFileSync('built.js',\
                'f '+require('f/package.json').version+'\\\\n')\\""}}
                """,
                "cli.js",
                "#!/usr/bin/env node\n"));
    Out out = quoll(tmp, List.of("--prefix", q.toString()), "install", "-g", git);
    if (out.code() != 0) {
      fail("quoll install -g " + git + ": " + out);
    }
    Path pkg = q.resolve("lib/node_modules/gp");
    // prepare ran twice (the nested install's and DirFetcher's), as for a project dependency
    org.junit.jupiter.api.Assertions.assertEquals(
        "f 1.0.0\nf 1.0.0\n", Files.readString(pkg.resolve("built.js")));
    org.junit.jupiter.api.Assertions.assertFalse(Files.exists(pkg.resolve("node_modules")));
    org.junit.jupiter.api.Assertions.assertEquals(
        Path.of("../lib/node_modules/gp/cli.js"), Files.readSymbolicLink(q.resolve("bin/gpb")));
  }

  private void report() {
    if (!diffs.isEmpty()) {
      fail(diffs.size() + " differences from npm:\n\n" + String.join("\n\n", diffs));
    }
  }

  private static void edit(Path n, Path q, String from, String to) throws IOException {
    for (Path p : List.of(n, q)) {
      Path f = p.resolve("package.json");
      String s = Files.readString(f);
      if (!s.contains(from)) {
        throw new AssertionError("no " + from + " in " + f + ":\n" + s);
      }
      Files.writeString(f, s.replace(from, to));
    }
  }

  /**
   * The read-only reports, compared in both projects: {@code outdated} and {@code ls} ({@code
   * --all}), as text and as {@code --json}.
   */
  private void reports(Path n, Path q) throws Exception {
    for (String[] args :
        List.of(
            new String[] {"outdated"},
            new String[] {"outdated", "--json"},
            new String[] {"ls"},
            new String[] {"ls", "--all"},
            new String[] {"ls", "--json"},
            new String[] {"ls", "--all", "--json"})) {
      step(n, q, false, args);
    }
  }

  /** Runs a command in both projects and compares. */
  private Out step(Path n, Path q, boolean changes, String... args) throws Exception {
    Out no = npm(n, args);
    Out qo = quoll(q, List.of("--prefix", q.toString()), args);
    String label = String.join(" ", args);
    compareOutput(label, n, q, no, qo);
    if (changes) {
      for (String f : List.of("package.json", "package-lock.json")) {
        compare(label, f, read(n.resolve(f)), read(q.resolve(f)), no, qo);
      }
      compare(label, "node_modules", paths(n), paths(q), no, qo);
      compare(label, "warnings", warnings(no.stderr()), warnings(qo.stderr()), no, qo);
    }
    return no;
  }

  /** Compares the exit codes and the stdout (with each side's directory as {@code {dir}}). */
  private void compareOutput(String label, Path n, Path q, Out no, Out qo) {
    compare(label, "exit code", String.valueOf(no.code()), String.valueOf(qo.code()), no, qo);
    compare(label, "stdout", normal(no.stdout(), n), normal(qo.stdout(), q), no, qo);
  }

  /** The {@code npm warn} lines of stderr. */
  private static String warnings(String stderr) {
    return String.join("\n", stderr.lines().filter(l -> l.startsWith("npm warn")).toList());
  }

  /** Runs a {@code -g} command with {@code --prefix} in both prefixes and compares. */
  private Out global(Path n, Path q, boolean changes, String... args) throws Exception {
    List<String> withPrefix = new ArrayList<>(List.of(args));
    // "{p}" in an argument stands for each side's own prefix
    String[] nArgs =
        List.of(args).stream()
            .map(a -> a.replace("{p}", n.toString()))
            .toList()
            .toArray(String[]::new);
    String[] qArgs =
        List.of(args).stream()
            .map(a -> a.replace("{p}", q.toString()))
            .toList()
            .toArray(String[]::new);
    Out no = npm(tmp, concat(nArgs, "--prefix", n.toString()));
    Out qo = quoll(tmp, List.of("--prefix", q.toString()), qArgs);
    String label = String.join(" ", withPrefix);
    compareOutput(label, n, q, no, qo);
    if (changes) {
      compare(label, "prefix", tree(n), tree(q), no, qo);
    }
    return no;
  }

  private static String[] concat(String[] a, String... b) {
    List<String> l = new ArrayList<>(List.of(a));
    l.addAll(List.of(b));
    return l.toArray(String[]::new);
  }

  private void compare(String step, String what, String npm, String quoll, Out no, Out qo) {
    if (!Objects.equals(npm, quoll)) {
      diffs.add(
          "["
              + step
              + "] "
              + what
              + ":\n--- npm:\n"
              + npm
              + "\n--- quoll:\n"
              + quoll
              + "\n--- npm stderr:\n"
              + no.stderr()
              + "\n--- quoll stderr:\n"
              + qo.stderr());
    }
  }

  private static String read(Path f) throws IOException {
    return Files.exists(f) ? Files.readString(f) : "(absent)";
  }

  /** node_modules paths (links as links), without npm's hidden lockfile. */
  private static String paths(Path project) {
    Map<String, String> s =
        TreeSnapshot.of(
            project.resolve("node_modules"),
            false,
            // Quoll's no-op stamp (NoOpStamp) is Quoll's own file
            rel -> rel.equals(".package-lock.json") || rel.equals(".quoll-noop"));
    return String.join("\n", new TreeSet<>(s.keySet()));
  }

  /** The global prefix: paths and link targets. */
  private static String tree(Path prefix) {
    StringBuilder b = new StringBuilder();
    TreeSnapshot.of(prefix, false, rel -> false)
        .forEach((k, v) -> b.append(k).append(v.startsWith("link") ? " " + v : "").append('\n'));
    return b.toString();
  }

  /** The project path as {@code {dir}}, timings as {@code in {t}}. */
  private static String normal(String s, Path dir) {
    return s.replace(dir.toString(), "{dir}").replaceAll(" in [0-9.]+m?s\\n", " in {t}\n");
  }

  private static Out npm(Path dir, String... args) throws Exception {
    NpmCommand.Result r =
        NpmCommand.run(
            registry,
            tmp,
            dir,
            args[0],
            List.of(args).subList(1, args.length).toArray(String[]::new));
    if (r.exit() == -1) {
      fail("npm " + String.join(" ", args) + " timed out");
    }
    return new Out(r.exit(), r.stdout(), r.stderr());
  }

  /**
   * Runs {@code quoll <args>} in this JVM with npm's test flags, {@code --cache} pointing at
   * Quoll's own cache, and the extra flags; stdout and stderr captured.
   */
  private static synchronized Out quoll(Path unusedDir, List<String> extra, String... args)
      throws IOException {
    Captured.Output o = Captured.quollLikeNpm(registry, tmp, extra, args);
    return new Out(o.code(), o.out(), o.err());
  }
}
