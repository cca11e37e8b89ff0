package dev.quoll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link NoOpInstall}: answers only a plain no-op install and falls back for everything else. */
class NoOpInstallTest {
  @TempDir Path tmp;

  private Optional<Integer> run(ByteArrayOutputStream out, String... args) {
    return NoOpInstall.tryRun(args, new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  private String[] args(Path project, String... more) {
    String[] base = {
      "install",
      "--prefix",
      project.toString(),
      "--userconfig=" + tmp.resolve("npmrc"),
      "--cache",
      tmp.resolve("cache").toString(),
      "--ignore-scripts"
    };
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void answersAnInstalledProjectAndFallsBackOtherwise() throws IOException {
    Files.writeString(tmp.resolve("npmrc"), "");
    Path p = Files.createDirectories(tmp.resolve("project"));
    Files.writeString(p.resolve("package.json"), "{\"name\":\"p\",\"version\":\"1.0.0\"}");
    Files.writeString(
        p.resolve("package-lock.json"),
        "{\"name\":\"p\",\"version\":\"1.0.0\",\"lockfileVersion\":3,\"requires\":true,"
            + "\"packages\":{\"\":{\"name\":\"p\",\"version\":\"1.0.0\"}}}");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(Optional.empty(), run(out, args(p))); // no node_modules yet
    Files.createDirectories(p.resolve("node_modules"));
    Files.writeString(
        p.resolve("node_modules/.package-lock.json"),
        "{\"name\":\"p\",\"version\":\"1.0.0\",\"lockfileVersion\":3,\"requires\":true,"
            + "\"packages\":{}}");
    assertEquals(Optional.of(0), run(out, args(p)));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertTrue(printed.matches("(?s)\\Rup to date in \\d+(ms|s)\\R"), printed);

    out.reset();
    for (String[] other :
        new String[][] {
          args(p, "express"),
          args(p, "--omit=dev"),
          args(p, "--dry-run"),
          args(p, "-g"),
          args(p, "--cache"),
          {"ci", "--prefix", p.toString()},
          {"install", "--help"},
          {}
        }) {
      assertEquals(Optional.empty(), run(out, other), String.join(" ", other));
    }
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }
}
