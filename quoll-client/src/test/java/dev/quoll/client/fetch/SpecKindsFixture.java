package dev.quoll.client.fetch;

import static org.junit.jupiter.api.Assertions.fail;

import dev.quoll.client.testing.FakeRegistry;
import dev.quoll.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The material of the spec-kind tests, all local: a fake registry ({@code b} 1.0.0 and 1.1.0), a
 * second HTTP server serving a tarball at a plain URL, a folder inside the project and one beside
 * it, a tarball file, and bare git repositories reached by {@code git+file://} (one with tags
 * {@code v3.0.0}, {@code v3.1.0}, {@code v4.0.0}, one with a single commit on its default branch).
 */
final class SpecKindsFixture implements AutoCloseable {
  final FakeRegistry registry = new FakeRegistry();
  final FakeRegistry tarballHost = new FakeRegistry();
  final Path base;
  final String remoteUrl;
  final String tagsRepo;
  final String plainRepo;

  SpecKindsFixture(Path base) throws IOException {
    this.base = base;
    registry.maxAge(0);
    registry.publish("b", "1.0.0", Json.parseObject("{}"), Map.of("index.js", "module.exports=1"));
    registry.publish("b", "1.1.0", Json.parseObject("{}"), Map.of("index.js", "module.exports=2"));
    remoteUrl =
        tarballHost
            .publish(
                "remote-pkg",
                "1.2.0",
                Json.parseObject("{\"dependencies\":{\"b\":\"1.0.0\"}}"),
                Map.of("index.js", "module.exports='remote'"))
            .url();
    Path ext = Files.createDirectories(base.resolve("ext-folder"));
    Files.writeString(
        ext.resolve("package.json"),
        "{\"name\":\"ext-folder\",\"version\":\"0.1.0\",\"dependencies\":{\"b\":\"^1.0.0\"}}");
    tagsRepo = gitRepo("tags", "git-tags", List.of("3.0.0", "3.1.0", "4.0.0"));
    plainRepo = gitRepo("plain", "git-plain", List.of("0.5.0"));
  }

  /** Writes the project files (folder dependency and tarball) into {@code dir}. */
  void writeProject(Path dir, String packageJson) throws IOException {
    Files.createDirectories(dir.resolve("dep-folder"));
    Files.writeString(
        dir.resolve("dep-folder/package.json"),
        "{\"name\":\"dep-folder\",\"version\":\"1.2.3\",\"dependencies\":{\"b\":\"^1.1.0\"}}");
    Files.writeString(dir.resolve("dep-folder/index.js"), "module.exports='folder'");
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(
        "package/package.json",
        "{\"name\":\"tarpkg\",\"version\":\"2.0.0\",\"bin\":{\"tarpkg\":\"cli.js\"}}"
            .getBytes(StandardCharsets.UTF_8));
    files.put("package/cli.js", "#!/usr/bin/env node\n".getBytes(StandardCharsets.UTF_8));
    Files.write(dir.resolve("tarpkg-2.0.0.tgz"), FakeRegistry.tgz(files, Map.of()));
    Files.writeString(dir.resolve("package.json"), packageJson);
  }

  /** A bare repository with one commit per version (each tagged {@code v<version>}). */
  private String gitRepo(String id, String name, List<String> versions) throws IOException {
    List<String> manifests = new ArrayList<>();
    for (String v : versions) {
      manifests.add(
          "{\"name\":\"" + name + "\",\"version\":\"" + v + "\",\"files\":[\"index.js\"]}\n");
    }
    return gitRepo(base, id, manifests);
  }

  /**
   * A bare repository {@code <base>/<id>.git} with one commit per package.json text (each tagged
   * {@code v<version>}, with an index.js and a notes.txt), made from {@code <base>/git-work-<id>}.
   *
   * @return its {@code git+file://} URL
   */
  static String gitRepo(Path base, String id, List<String> manifests) throws IOException {
    Path work = Files.createDirectories(base.resolve("git-work-" + id));
    git(work, "init", "-q", "-b", "main");
    for (String m : manifests) {
      String v = Json.parse(m).path("version").asText();
      Files.writeString(work.resolve("package.json"), m);
      Files.writeString(work.resolve("index.js"), "module.exports='" + v + "'\n");
      Files.writeString(work.resolve("notes.txt"), "not packed\n");
      git(work, "add", "-A");
      git(work, "commit", "-q", "-m", "v" + v);
      git(work, "tag", "v" + v);
    }
    Path bare = base.resolve(id + ".git");
    git(base, "clone", "-q", "--bare", work.toString(), bare.toString());
    return "git+file://" + bare;
  }

  static void git(Path dir, String... args) {
    gitOutput(dir, args);
  }

  /** Runs git in {@code dir}; its output. */
  static String gitOutput(Path dir, String... args) {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@t"));
    cmd.addAll(List.of(args));
    return run(dir, cmd, Map.of());
  }

  /** Skips the test without npm and git (fails instead with {@code QUOLL_REQUIRE_NPM=1}). */
  static void requireTools() {
    requireTools(List.of("npm", "git"));
  }

  /** Skips the test without these tools (fails instead with {@code QUOLL_REQUIRE_NPM=1}). */
  static void requireTools(List<String> tools) {
    for (String tool : tools) {
      boolean ok;
      try {
        Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
      } catch (IOException e) {
        ok = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ok = false;
      }
      if (!ok && "1".equals(System.getenv("QUOLL_REQUIRE_NPM"))) {
        fail(tool + " is not on PATH and QUOLL_REQUIRE_NPM=1 requires it");
      }
      Assumptions.assumeTrue(ok, tool + " is not on PATH");
    }
  }

  /** Runs the real npm CLI in {@code dir} against the fake registry, with its own cache. */
  String npm(Path dir, String... args) throws IOException {
    Path rc = base.resolve("npmrc");
    Path grc = base.resolve("global-npmrc");
    if (!Files.exists(rc)) {
      Files.writeString(rc, "");
      Files.writeString(grc, "");
    }
    List<String> cmd = new ArrayList<>(List.of("npm"));
    cmd.addAll(List.of(args));
    cmd.addAll(
        List.of(
            "--ignore-scripts",
            "--no-audit",
            "--no-fund",
            "--no-update-notifier",
            "--loglevel=warn",
            "--registry=" + registry.url(),
            "--cache=" + base.resolve("npm-cache"),
            "--userconfig=" + rc,
            "--globalconfig=" + grc));
    return run(dir, cmd, Map.of());
  }

  private static String run(Path dir, List<String> cmd, Map<String, String> env) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
      pb.environment().keySet().removeIf(k -> k.toLowerCase().startsWith("npm_config_"));
      pb.environment().putAll(env);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        fail(String.join(" ", cmd) + " failed in " + dir + ":\n" + out);
      }
      return out;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    registry.close();
    tarballHost.close();
  }
}
