package dev.quoll.client.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.ClientException;
import dev.quoll.client.config.ConfigLoader;
import dev.quoll.client.config.ConfigSource;
import dev.quoll.client.config.NpmConfig;
import dev.quoll.client.reify.ReifyOptions;
import dev.quoll.client.reify.ScriptEnvironment;
import dev.quoll.client.testing.InstallFixture;
import dev.quoll.client.testing.NpmCommand;
import dev.quoll.client.tree.IdealTreeRequest.ResolveOptions;
import dev.quoll.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Lifecycle scripts against the real npm CLI (npm 11 on {@code PATH}) on one project served by a
 * fake registry: dependencies with preinstall/install/postinstall, a {@code binding.gyp} package
 * (the default {@code node-gyp rebuild}, answered by a fake {@code node-gyp} bin that npm and Quoll
 * both find first on {@code PATH}), an optional dependency whose script fails, a dev dependency, a
 * workspace with scripts, and the project's own seven scripts. Every script appends its event and
 * package to an order log and writes its environment to a file; npm's and Quoll's logs must be
 * equal (events of one phase compared as a set, as they run in parallel), and so must the
 * environment variables npm defines (paths relative to each project), over {@code install}, a
 * second no-op {@code install} and {@code ci}.
 */
class LifecycleDifferentialTest {
  private static final List<String> ENV_KEYS =
      List.of(
          "npm_lifecycle_event",
          "npm_lifecycle_script",
          "npm_package_name",
          "npm_package_version",
          "npm_package_json",
          "npm_package_resolved",
          "npm_package_integrity",
          "npm_package_optional",
          "npm_package_dev",
          "npm_package_peer",
          "npm_package_dev_optional",
          "npm_package_config_port",
          "npm_package_engines_node",
          "npm_package_bin_leaf",
          "npm_command",
          "npm_node_execpath",
          "npm_execpath",
          "npm_config_node_gyp",
          "npm_config_local_prefix",
          "npm_config_global_prefix",
          "NODE",
          "INIT_CWD",
          "PATH");

  /** Appends "event name" to the order log and dumps the environment. */
  private static final String SCRIPT =
      "echo \"$npm_lifecycle_event $npm_package_name\" >> \"$QLOG/order\";"
          + " env > \"$QLOG/$npm_package_name-$npm_lifecycle_event.env\"";

  @RegisterExtension final InstallFixture fx = InstallFixture.create();

  @BeforeEach
  void start() {
    ObjectNode scripts = Json.object();
    for (String e : List.of("preinstall", "install", "postinstall")) {
      scripts.put(e, SCRIPT);
    }
    ObjectNode leaf = Json.object();
    leaf.set("scripts", scripts);
    leaf.putObject("config").put("port", "8080");
    leaf.putObject("engines").put("node", ">=0.10");
    leaf.putObject("bin").put("leaf", "cli.js");
    fx.registry().publish("leaf", "1.0.0", leaf, Map.of("cli.js", "#!/usr/bin/env node\n"));
    ObjectNode mid = Json.parseObject("{\"dependencies\":{\"leaf\":\"^1.0.0\"}}");
    mid.putObject("scripts").put("postinstall", SCRIPT).put("install", SCRIPT);
    fx.registry().publish("mid", "1.0.0", mid, Map.of("index.js", ""));
    fx.registry()
        .publish("gyp", "1.0.0", Json.object(), Map.of("binding.gyp", "{}", "index.js", ""));
    ObjectNode fakeGyp = Json.object();
    fakeGyp.putObject("bin").put("node-gyp", "gyp.sh");
    fx.registry()
        .publish(
            "node-gyp",
            "1.0.0",
            fakeGyp,
            Map.of(
                "gyp.sh",
                "#!/bin/sh\nnpm_package_name=$npm_package_name-gyp; "
                    + SCRIPT.replace("$npm_package_name", "${npm_package_name}")
                    + "\n"));
    ObjectNode opt = Json.object();
    opt.putObject("scripts").put("postinstall", SCRIPT + "; exit 3");
    fx.registry().publish("optfail", "1.0.0", opt, Map.of("index.js", ""));
    ObjectNode dev = Json.object();
    dev.putObject("scripts").put("postinstall", SCRIPT);
    fx.registry().publish("devdep", "1.0.0", dev, Map.of("index.js", ""));
  }

  private Path project(String name) throws IOException {
    Path root = Files.createDirectories(fx.tmp().resolve(name).resolve("proj"));
    ObjectNode pj = Json.object();
    pj.put("name", "proj");
    pj.put("version", "1.0.0");
    ObjectNode s = pj.putObject("scripts");
    for (String e :
        List.of(
            "preinstall",
            "install",
            "postinstall",
            "prepublish",
            "preprepare",
            "prepare",
            "postprepare")) {
      s.put(e, SCRIPT);
    }
    pj.putObject("dependencies").put("mid", "^1.0.0").put("gyp", "1.0.0").put("node-gyp", "1");
    pj.putObject("optionalDependencies").put("optfail", "1.0.0");
    pj.putObject("devDependencies").put("devdep", "1.0.0");
    pj.putArray("workspaces").add("packages/*");
    Files.writeString(root.resolve("package.json"), Json.stringify(pj, "  "));
    Path ws = Files.createDirectories(root.resolve("packages/w"));
    ObjectNode w = Json.object();
    w.put("name", "w");
    w.put("version", "0.1.0");
    ObjectNode wsScripts = w.putObject("scripts");
    for (String e : List.of("preinstall", "install", "postinstall", "prepare", "preprepare")) {
      wsScripts.put(e, SCRIPT);
    }
    Files.writeString(ws.resolve("package.json"), Json.stringify(w, "  "));
    return root;
  }

  private static Path log(Path root, String step) throws IOException {
    Path d = root.getParent().resolve("log-" + step);
    Files.createDirectories(d);
    return d;
  }

  private void npm(Path root, Path logDir, String command) throws Exception {
    NpmCommand.Result r = fx.npm(root, Map.of("QLOG", logDir.toString()), command);
    if (r.exit() != 0) {
      fail(r.failure(command));
    }
  }

  private InstallResult quoll(Path root, Path logDir, Operation op) throws IOException {
    Path empty = fx.tmp().resolve("empty-npmrc");
    Files.writeString(empty, "");
    ConfigLoader p = ConfigLoader.forProcess(Map.of());
    NpmConfig c =
        new ConfigLoader(
                p.env(),
                root,
                p.home(),
                p.globalPrefix(),
                Map.of("registry", fx.registry().url(), "userconfig", empty.toString()),
                List.of())
            .load();
    ReifyOptions base = ReifyOptions.defaults().withScriptEnv(Map.of("QLOG", logDir.toString()));
    ReifyOptions opts =
        ScriptEnvironment.of(
                c, root, root, op instanceof Operation.Ci ? "ci" : "install", System.getenv("PATH"))
            .applyTo(base);
    Installer installer = fx.session().installer(c, opts).withScriptBanner(Optional.empty());
    return installer.run(
        new InstallRequest(root, op, true, Set.of(), false, false, ResolveOptions.DEFAULT));
  }

  @Test
  void scriptsRunInNpmsOrderWithNpmsEnvironment() throws Exception {
    Path n = project("npm");
    Path q = project("quoll");
    Operation install =
        new Operation.Install(List.of(), dev.quoll.core.manifest.DependencyType.PROD, false);

    npm(n, log(n, "1"), "install");
    quoll(q, log(q, "1"), install);
    compare(n, q, "1");
    assertFalse(Files.exists(q.resolve("node_modules/optfail")), "failed optional dropped");
    assertEquals(
        Files.exists(n.resolve("node_modules/optfail")),
        Files.exists(q.resolve("node_modules/optfail")));

    npm(n, log(n, "2"), "install");
    quoll(q, log(q, "2"), install);
    compare(n, q, "2");

    npm(n, log(n, "3"), "ci");
    quoll(q, log(q, "3"), new Operation.Ci());
    // Known difference: npm gives packages loaded from the lockfile no npm_package_config_*
    // (the lockfile does not keep "config"); Quoll reads the installed package.json.
    compare(n, q, "3", "npm_package_config_port");
  }

  @Test
  void failingScriptOfARequiredDependencyFailsAndRollsBack() throws Exception {
    ObjectNode bad = Json.object();
    bad.putObject("scripts").put("install", "exit 7");
    fx.registry().publish("bad", "1.0.0", bad, Map.of("index.js", ""));
    Path q =
        fx.project(
            "bad/proj",
            "{\"name\":\"b\",\"version\":\"1.0.0\",\"dependencies\":{\"bad\":\"1.0.0\"}}");
    ClientException e =
        assertThrows(
            ClientException.class,
            () ->
                quoll(
                    q,
                    log(q, "x"),
                    new Operation.Install(
                        List.of(), dev.quoll.core.manifest.DependencyType.PROD, false)));
    assertEquals("ELIFECYCLE", e.code());
    assertFalse(Files.exists(q.resolve("node_modules/bad")));
    assertFalse(Files.exists(q.resolve("package-lock.json")));
  }

  @Test
  void ignoreScriptsRunsNone() throws Exception {
    Path q = project("ignored");
    Path logDir = log(q, "i");
    NpmConfig c = new NpmConfig(Map.of(ConfigSource.USER, Map.of("registry", fx.registry().url())));
    Installer installer =
        fx.session()
            .installer(c, ReifyOptions.defaults().withScriptEnv(Map.of("QLOG", logDir.toString())))
            .withScriptBanner(Optional.empty());
    installer.run(
        new InstallRequest(
            q,
            new Operation.Install(List.of(), dev.quoll.core.manifest.DependencyType.PROD, false),
            true,
            Set.of(),
            true,
            false,
            ResolveOptions.DEFAULT));
    assertFalse(Files.exists(logDir.resolve("order")));
    assertTrue(Files.exists(q.resolve("node_modules/.bin/leaf")), "bins still linked");
  }

  private static void compare(Path n, Path q, String step, String... skip) throws IOException {
    Path nl = n.getParent().resolve("log-" + step);
    Path ql = q.getParent().resolve("log-" + step);
    assertEquals(phases(nl.resolve("order")), phases(ql.resolve("order")), "order, step " + step);
    Map<String, Map<String, String>> ne = envs(nl, n);
    Map<String, Map<String, String>> qe = envs(ql, q);
    assertEquals(ne.keySet(), qe.keySet(), "scripts that ran, step " + step);
    List<String> mismatches = new ArrayList<>();
    for (String k : ne.keySet()) {
      for (String key : ENV_KEYS) {
        if (List.of(skip).contains(key)) {
          continue;
        }
        String a = ne.get(k).get(key);
        String b = qe.get(k).get(key);
        if (!java.util.Objects.equals(a, b)) {
          mismatches.add(k + " " + key + ": npm=" + a + " quoll=" + b);
        }
      }
    }
    if (!mismatches.isEmpty()) {
      fail(
          mismatches.size()
              + " environment differences, step "
              + step
              + ":\n"
              + String.join("\n", mismatches.subList(0, Math.min(20, mismatches.size()))));
    }
  }

  /** The order log as phases: consecutive lines of one event, sorted within the phase. */
  private static List<List<String>> phases(Path order) throws IOException {
    List<List<String>> out = new ArrayList<>();
    String last = null;
    for (String line : Files.readAllLines(order)) {
      String event = line.split(" ")[0];
      if (!event.equals(last)) {
        out.add(new ArrayList<>());
        last = event;
      }
      out.getLast().add(line);
    }
    out.forEach(java.util.Collections::sort);
    return out;
  }

  private static Map<String, Map<String, String>> envs(Path dir, Path root) throws IOException {
    Map<String, Map<String, String>> out = new TreeMap<>();
    String base = root.getParent().toString();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".env")).toList()) {
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(f)) {
          int i = line.indexOf('=');
          if (i > 0) {
            env.put(line.substring(0, i), line.substring(i + 1).replace(base, "<base>"));
          }
        }
        out.put(f.getFileName().toString(), env);
      }
    }
    return out;
  }
}
