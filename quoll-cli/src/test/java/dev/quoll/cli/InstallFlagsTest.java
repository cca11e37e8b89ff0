package dev.quoll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.client.install.InstallChanges;
import dev.quoll.client.install.InstallResult;
import dev.quoll.client.install.Operation;
import dev.quoll.core.manifest.DependencyType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The npm install flags of issue 7 as {@code quoll install} and {@code ci} parse them (each one is
 * accepted and lands where the install reads it), and the output rules: npm's warning prefix,
 * {@code --json}, {@code --silent}, {@code --loglevel}.
 */
class InstallFlagsTest {
  private static InstallCommand install(String... args) {
    InstallCommand c = new InstallCommand();
    new CommandLine(c).parseArgs(args);
    return c;
  }

  @Test
  void saveFlags() {
    assertEquals(
        new Operation.Install(List.of("a"), DependencyType.DEV, false),
        install("-D", "a").operation());
    assertEquals(
        new Operation.Install(List.of("a"), DependencyType.OPTIONAL, true),
        install("-O", "-E", "a").operation());
    assertEquals(
        new Operation.Install(List.of("a"), DependencyType.DEV, true),
        install("--save-dev", "--save-exact", "a").operation());
    assertFalse(install("--no-save", "a").save());
    assertTrue(install("a").save());
    assertTrue(install("-g", "a").global);
    UninstallCommand u = new UninstallCommand();
    new CommandLine(u).parseArgs("--no-save", "a");
    assertFalse(u.save());
  }

  @Test
  void treeAndScriptFlags() {
    InstallCommand c =
        install(
            "--omit=dev",
            "--omit",
            "optional,peer",
            "--ignore-scripts",
            "--legacy-peer-deps",
            "--force",
            "--dry-run",
            "--engine-strict",
            "--json");
    assertEquals(List.of("dev", "optional", "peer"), ClientOptions.split(c.omit));
    assertTrue(c.ignoreScripts && c.legacyPeerDeps && c.force && c.dryRun && c.engineStrict);
    assertTrue(c.json);
  }

  @Test
  void fetchFlagsBecomeConfig() {
    InstallCommand c =
        install(
            "--prefer-offline",
            "--prefer-online",
            "--offline",
            "--before",
            "2020-01-01",
            "--registry",
            "http://r.example/x",
            "--cache",
            "/tmp/qc");
    Map<String, String> f = c.client.flags(Map.of());
    assertEquals("true", f.get("prefer-offline"));
    assertEquals("true", f.get("prefer-online"));
    assertEquals("true", f.get("offline"));
    assertEquals("2020-01-01", f.get("before"));
    assertEquals("http://r.example/x/", f.get("registry"));
    assertEquals(Path.of("/tmp/qc").toAbsolutePath().toString(), f.get("cache"));
  }

  @Test
  void ciNamesItsCommand() {
    CiCommand c = new CiCommand();
    new CommandLine(c).parseArgs("--ignore-scripts", "--omit=dev", "--loglevel=warn");
    assertEquals("ci", c.npmCommand());
    assertEquals("install", install().npmCommand());
  }

  private static String[] print(InstallOutput o, InstallResult r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    o.print(
        r,
        1500,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {
      out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)
    };
  }

  @Test
  void outputFollowsNpm() {
    InstallResult r =
        new InstallResult(
            1,
            0,
            0,
            1,
            false,
            List.of("deprecated a@1.0.0: old", "ERESOLVE overriding peer dependency\n\nWhile x"),
            List.of(),
            new InstallChanges(
                List.of(new InstallChanges.Ref("a", "1.0.0", Path.of("/p/node_modules/a"))),
                List.of(),
                List.of()));
    String[] text = print(new InstallOutput(false, "notice", false), r);
    assertEquals("\nadded 1 package in 2s\n", text[0].replace("\r", ""));
    assertEquals(
        "npm warn deprecated a@1.0.0: old\nnpm warn ERESOLVE overriding peer dependency\n"
            + "npm warn\nnpm warn While x\n",
        text[1].replace("\r", ""));
    String[] json = print(new InstallOutput(true, "notice", false), r);
    assertTrue(json[0].startsWith("{\n  \"add\": [\n    {\n      \"name\": \"a\","), json[0]);
    assertTrue(json[0].contains("\"added\"") && json[0].contains("\"funding\""));
    String[] silent = print(new InstallOutput(false, "silent", false), r);
    assertEquals("", silent[0] + silent[1]);
    String[] error = print(new InstallOutput(false, "error", false), r);
    assertEquals("", error[1]);
    assertTrue(error[0].contains("added 1 package"));
    assertThrows(
        dev.quoll.client.ClientException.class, () -> new InstallOutput(false, "loud", false));
  }
}
