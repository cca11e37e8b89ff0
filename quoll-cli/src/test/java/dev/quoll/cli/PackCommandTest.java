package dev.quoll.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code quoll pack} next to the real {@code npm pack} on the same folder. */
class PackCommandTest {
  @TempDir Path dir;

  @Test
  void packWritesTheTarballNpmPackWrites() throws Exception {
    Path pkg = Files.createDirectories(dir.resolve("pkg"));
    Files.writeString(
        pkg.resolve("package.json"),
        "{\n  \"name\": \"@demo/widget\",\n  \"version\": \"1.2.3\",\n  \"bin\": \"cli.js\",\n"
            + "  \"files\": [\"lib\", \"cli.js\"]\n}\n");
    Files.writeString(pkg.resolve("README.md"), "# widget\n");
    Files.writeString(pkg.resolve("cli.js"), "#!/usr/bin/env node\n");
    Files.createDirectories(pkg.resolve("lib/deep"));
    Files.writeString(pkg.resolve("lib/index.js"), "module.exports = 1\n");
    Files.writeString(pkg.resolve("lib/deep/Z.js"), "\n");
    Files.writeString(pkg.resolve("secret.txt"), "not in files\n");
    Path quollOut = Files.createDirectories(dir.resolve("quoll-out"));
    Path npmOut = Files.createDirectories(dir.resolve("npm-out"));

    Run run = quoll("pack", pkg.toString(), "--pack-destination", quollOut.toString());
    assertEquals(0, run.exit, run.err);
    assertEquals("demo-widget-1.2.3.tgz", run.out.strip());

    Process npm =
        new ProcessBuilder(
                "npm",
                "pack",
                "--ignore-scripts",
                "--pack-destination",
                npmOut.toString(),
                "--json")
            .directory(pkg.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String npmJson = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(npm.waitFor(2, TimeUnit.MINUTES));
    assertEquals(0, npm.exitValue(), npmJson);

    assertArrayEquals(
        gunzip(npmOut.resolve("demo-widget-1.2.3.tgz")),
        gunzip(quollOut.resolve("demo-widget-1.2.3.tgz")),
        "the tar inside the .tgz must be byte-identical to npm pack's");

    Run inPlace = quoll("pack", pkg.toString(), "--pack-destination", pkg.toString());
    assertEquals(0, inPlace.exit, inPlace.err);
    assertArrayEquals(
        gunzip(npmOut.resolve("demo-widget-1.2.3.tgz")),
        gunzip(pkg.resolve("demo-widget-1.2.3.tgz")),
        "packing into the package folder itself must not pack anything extra");

    Run json = quoll("pack", pkg.toString(), "--dry-run", "--json");
    assertEquals(0, json.exit, json.err);
    JsonNode ours = Json.parse(json.out).get(0);
    JsonNode theirs = Json.parse(npmJson).get(0);
    for (String field :
        List.of(
            "id",
            "name",
            "version",
            "filename",
            "files",
            "entryCount",
            "unpackedSize",
            "bundled")) {
      assertEquals(theirs.get(field), ours.get(field), field);
    }
  }

  @Test
  void aFolderWithoutPackageJsonIsAOneLineError() {
    Run run = quoll("pack", dir.resolve("nothing-here").toString(), "--dry-run");
    assertEquals(1, run.exit);
    assertEquals(1, run.err.strip().lines().count(), run.err);
    assertTrue(run.err.startsWith("quoll pack: "), run.err);
  }

  private record Run(int exit, String out, String err) {}

  private static Run quoll(String... args) {
    StringWriter err = new StringWriter();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    PrintStream originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(OutputStream.nullOutputStream()));
    try {
      CommandLine cmd = QuollCommand.commandLine();
      cmd.setErr(new PrintWriter(err, true));
      int exit = cmd.execute(args);
      return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString());
    } finally {
      System.setOut(original);
      System.setErr(originalErr);
    }
  }

  private static byte[] gunzip(Path tgz) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz))) {
      return in.readAllBytes();
    }
  }
}
