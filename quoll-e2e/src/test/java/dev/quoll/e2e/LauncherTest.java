package dev.quoll.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.testkit.NpmOracle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./quoll} launcher as a user runs it from the repository root: it finds a JDK 25 by
 * itself (the test clears JAVA_HOME), builds the distribution when needed and runs the command.
 */
class LauncherTest {
  private static final Path ROOT = NpmOracle.repositoryRoot();

  @Test
  void helpListsTheCommands() throws Exception {
    Run run = quoll("--help");
    assertEquals(0, run.exit, run.output);
    assertTrue(run.output.contains("Usage: quoll"), run.output);
    assertTrue(run.output.contains("Commands:"), run.output);
  }

  @Test
  void versionPrintsTheProjectVersionAndAJdk25() throws Exception {
    Run run = quoll("--version");
    assertEquals(0, run.exit, run.output);
    String expected = System.getProperty("quoll.version");
    assertTrue(run.output.contains("quoll " + expected), run.output);
    assertTrue(
        run.output.lines().anyMatch(l -> l.matches("java (2[5-9]|[3-9][0-9]).*")), run.output);
  }

  private record Run(int exit, String output) {}

  private static Run quoll(String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of(ROOT.resolve("quoll").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
    pb.environment().remove("JAVA_HOME");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "launcher timed out");
    return new Run(p.exitValue(), out);
  }
}
