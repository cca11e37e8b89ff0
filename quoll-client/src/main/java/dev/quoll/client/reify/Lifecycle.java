package dev.quoll.client.reify;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one lifecycle script of an installed package with npm's environment (@npmcli/run-script 10,
 * arborist's {@code rebuild}).
 *
 * <p>Contract: the script runs as {@code <shell> -c <script>} in the package folder with the
 * process environment plus the options' extra variables, then {@code npm_package_name}, {@code
 * _version}, and the flattened {@code config}, {@code engines} and {@code bin} objects ({@code
 * npm_package_config_port}, ...; run-script's {@code package-envs}), {@code npm_package_json},
 * {@code npm_package_resolved}, {@code _integrity}, {@code _optional}, {@code _dev}, {@code _peer},
 * {@code _dev_optional} ("1" or empty), {@code npm_lifecycle_event}, {@code npm_lifecycle_script}
 * and {@code INIT_CWD} (npm's working folder: the options' {@code INIT_CWD}, else the project
 * root). {@code PATH} starts with {@code node_modules/.bin} of the package folder and of every
 * folder above it up to {@code /}, then the options' extra folders, then the inherited {@code
 * PATH}. stdout and stderr are captured together (npm's {@code stdio: 'pipe'} for dependency
 * scripts).
 */
final class Lifecycle {
  /** What npm runs for a package with {@code binding.gyp} and no install script. */
  static final String NODE_GYP_DEFAULT = "node-gyp rebuild";

  private final Path root;
  private final ReifyOptions options;

  Lifecycle(Path root, ReifyOptions options) {
    this.root = root;
    this.options = options;
  }

  ScriptRun run(PlacedPackage p, Path dir, JsonNode pkg, String event, String script)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(options.scriptShell(), "-c", script);
    pb.directory(dir.toFile());
    pb.redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.putAll(options.scriptEnv());
    env.putAll(environment(p, dir, pkg, event, script, env.getOrDefault("PATH", "")));
    Process proc = pb.start();
    proc.getOutputStream().close();
    String out;
    try (InputStream in = proc.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int code = proc.waitFor();
    return new ScriptRun(p.location(), event, script, code, out);
  }

  Map<String, String> environment(
      PlacedPackage p, Path dir, JsonNode pkg, String event, String script, String inheritedPath) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("npm_package_name", pkg.path("name").asText(p.name()));
    env.put("npm_package_version", pkg.path("version").asText(p.version()));
    for (String field : List.of("config", "engines", "bin")) {
      flatten(pkg.get(field), "npm_package_" + field + "_", env);
    }
    env.put("npm_package_json", dir.resolve("package.json").toString());
    switch (p.source()) {
      case PackageSource.Tarball t -> {
        env.put("npm_package_resolved", t.resolved());
        env.put("npm_package_integrity", t.integrity().toString());
      }
      case PackageSource.Git g -> env.put("npm_package_resolved", g.resolved());
      case PackageSource.Link l -> {
        // arborist passes the target's null resolved and integrity; node's spawn writes "null"
        env.put("npm_package_resolved", "null");
        env.put("npm_package_integrity", "null");
      }
    }
    env.put("npm_package_optional", p.optional() ? "1" : "");
    env.put("npm_package_dev", p.dev() ? "1" : "");
    env.put("npm_package_peer", p.peer() ? "1" : "");
    env.put("npm_package_dev_optional", "");
    env.put("npm_lifecycle_event", event);
    env.put("npm_lifecycle_script", script);
    env.put("INIT_CWD", options.scriptEnv().getOrDefault("INIT_CWD", root.toString()));
    env.put("PATH", searchPath(dir, options.extraPath(), inheritedPath));
    return env;
  }

  /**
   * run-script's {@code setPATH}: {@code node_modules/.bin} of the folder and of every folder above
   * it, then the extra folders (npm's {@code node-gyp-bin}), then the inherited {@code PATH}.
   */
  static String searchPath(Path dir, List<String> extra, String inheritedPath) {
    List<String> path = new ArrayList<>();
    for (Path d = dir; d != null; d = d.getParent()) {
      path.add(d.resolve("node_modules").resolve(".bin").toString());
    }
    path.addAll(extra);
    if (!inheritedPath.isEmpty()) {
      path.add(inheritedPath);
    }
    return String.join(":", path);
  }

  /** run-script's {@code packageEnvs}: objects nest with {@code _}, arrays by index. */
  static void flatten(JsonNode v, String prefix, Map<String, String> env) {
    if (v == null || v.isMissingNode()) {
      return;
    }
    String key = prefix.substring(0, prefix.length() - 1);
    if (v.isNull() || v.isBoolean() && !v.booleanValue()) {
      env.put(key, "");
    } else if (v.isArray()) {
      for (int i = 0; i < v.size(); i++) {
        flatten(v.get(i), key + "_" + i + "_", env);
      }
    } else if (v.isObject()) {
      v.properties().forEach(e -> flatten(e.getValue(), prefix + e.getKey() + "_", env));
    } else {
      env.put(key, v.asText());
    }
  }

  /**
   * Whether npm would run {@code node-gyp rebuild}: a {@code *.gyp}... here {@code binding.gyp}.
   */
  static boolean isGyp(Path dir, JsonNode pkg) {
    JsonNode gypfile = pkg.get("gypfile");
    return !(gypfile != null && gypfile.isBoolean() && !gypfile.booleanValue())
        && Files.isRegularFile(dir.resolve("binding.gyp"));
  }
}
