package dev.quoll.core.tarball;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the machine's real {@code npm pack} (npm 11), the oracle of the pack tests. */
final class NpmPackCli {
  private NpmPackCli() {}

  /**
   * Runs {@code npm pack --json --ignore-scripts --pack-destination dest specs...} in {@code cwd}.
   *
   * @return npm's JSON report, one object per spec
   */
  static JsonNode pack(Path cwd, Path dest, List<String> specs) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "npm",
                "pack",
                "--json",
                "--ignore-scripts",
                "--loglevel=error",
                "--pack-destination",
                dest.toString()));
    cmd.addAll(specs);
    return Json.parse(run(cwd, cmd));
  }

  static String run(Path cwd, List<String> cmd) {
    try {
      Path out = Files.createTempFile("npm-out", ".txt");
      Path err = Files.createTempFile("npm-err", ".txt");
      try {
        Process p =
            new ProcessBuilder(cmd)
                .directory(cwd.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          throw new IllegalStateException("timed out: " + cmd);
        }
        if (p.exitValue() != 0) {
          throw new IllegalStateException(
              cmd + " failed: " + Files.readString(err, StandardCharsets.UTF_8));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
