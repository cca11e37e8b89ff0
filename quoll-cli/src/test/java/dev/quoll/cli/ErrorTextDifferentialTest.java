package dev.quoll.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.testing.FakeRegistry;
import dev.quoll.client.testing.NpmCommand;
import dev.quoll.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The error texts of a failed {@code install} against the real npm 11 CLI: npm and {@code quoll}
 * (in-process, through {@link Quoll#run}) install the same spec into twin empty projects from one
 * {@link FakeRegistry} that answers the status under test: 401s with and without {@code
 * WWW-Authenticate} (Basic, Bearer, an unknown scheme, OTP, IP address, a one-time-pass body, the
 * web OTP URLs), 403s, 404s for valid names and for names npm's rules reject, tarballs that answer
 * 404/401/403 (also under an alias), and a range no version matches; a {@code ci} whose lockfile's
 * tarball answers 404; remote tarball specs (with and without a name) that answer 404; and a scoped
 * registry whose host does not resolve ({@code ENOTFOUND}, no retries). For each case the test
 * checks that npm failed, then compares the exit code, the error code ({@code npm error code X}
 * against {@code quoll <command>: ... (X)}) and the error lines: npm's {@code npm error} lines
 * without that prefix and without npm's own prefix word ({@code 404}, {@code 403}, {@code
 * notarget}), against Quoll's summary and the lines under it, each stripped of surrounding white
 * space (npm's {@code E404} summary drops the leading {@code 404 } of the message, as
 * error-message.js does). Every difference is reported at the end.
 */
class ErrorTextDifferentialTest {
  private static final Pattern NPM_PREFIX = Pattern.compile("^(404|403|notarget|network)(?: |$)");

  @TempDir static Path tmp;
  private static FakeRegistry registry;
  private static int projects;

  @BeforeAll
  static void start() {
    registry = new FakeRegistry();
    registry.maxAge(0);
    String nope = "{\"error\":\"nope\"}";
    answer("/e401", 401, Map.of(), nope);
    answer("/e401-basic", 401, Map.of("WWW-Authenticate", List.of("Basic realm=\"x\"")), nope);
    answer("/e401-bearer", 401, Map.of("WWW-Authenticate", List.of("Bearer realm=\"x\"")), nope);
    answer("/e401-negotiate", 401, Map.of("WWW-Authenticate", List.of("Negotiate")), nope);
    answer("/e401-mixed", 401, Map.of("WWW-Authenticate", List.of("Negotiate, Basic")), nope);
    String otp = "{\"error\":\"You must provide a one-time pass. Upgrade your client.\"}";
    answer("/e401-otp", 401, Map.of("WWW-Authenticate", List.of("OTP")), otp);
    answer("/e401-otp-body", 401, Map.of(), otp);
    answer(
        "/e401-web-otp",
        401,
        Map.of("WWW-Authenticate", List.of("OTP")),
        "{\"error\":\"otp\",\"authUrl\":\"https://r.example/auth/1\","
            + "\"doneUrl\":\"https://r.example/done/1\"}");
    answer("/e401-ip", 401, Map.of("WWW-Authenticate", List.of("ipaddress")), nope);
    answer("/e403", 403, Map.of(), "{\"error\":\"forbidden by policy\"}");
    answer("/e403-text", 403, Map.of("content-type", List.of("text/plain")), "no");
    answer("/e403-message", 403, Map.of(), "{\"message\":\"only a message\"}");
    answer("/@s%2fhidden", 403, Map.of(), "{\"error\":\"scoped\"}");
    for (String p : List.of("tgz404", "tgz401", "tgz403", "target")) {
      registry.publish(p, "1.0.0", Json.object(), Map.of("index.js", "module.exports = 1\n"));
    }
    answer("/tgz404/-/tgz404-1.0.0.tgz", 404, Map.of(), "{\"error\":\"Not found\"}");
    answer("/tgz401/-/tgz401-1.0.0.tgz", 401, Map.of("WWW-Authenticate", List.of("Basic")), nope);
    answer("/tgz403/-/tgz403-1.0.0.tgz", 403, Map.of(), "{\"error\":\"no tarball for you\"}");
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  private static void answer(String path, int status, Map<String, List<String>> h, String body) {
    registry.answer(path, status, h, body);
  }

  /** The result of one command. */
  private record Out(int code, String stderr) {}

  /** What a run says: exit code, error code, error lines. */
  private record Said(int exit, String code, List<String> lines) {}

  @Test
  void failedInstallsPrintNpmsErrorTexts() throws Exception {
    List<String> specs =
        List.of(
            "e401",
            "e401-basic",
            "e401-bearer",
            "e401-negotiate",
            "e401-mixed",
            "e401-otp",
            "e401-otp-body",
            "e401-web-otp",
            "e401-ip",
            "e403",
            "e403-text",
            "e403-message",
            "@s/hidden",
            "gone",
            "@s/gone@^1.0.0",
            "UpperCase",
            "http",
            "excited!",
            "tgz404",
            "tgz401",
            "tgz403",
            "renamed@npm:tgz404@1.0.0",
            "target@^2.0.0",
            "target@nosuchtag");
    List<String> diffs = new ArrayList<>();
    for (String spec : specs) {
      compare(diffs, "{}", "", "install", spec);
    }
    assertTrue(diffs.isEmpty(), diffs.size() + " differences:\n" + String.join("\n", diffs));
  }

  @Test
  void ciOfALockfileWhoseTarballIsGonePrintsNpmsE404() throws Exception {
    FakeRegistry.Published p =
        registry.publish("@s/lost", "1.0.0", Json.object(), Map.of("index.js", "1\n"));
    answer("/@s/lost/-/lost-1.0.0.tgz", 404, Map.of(), "{\"error\":\"Not found\"}");
    ObjectNode lock = Json.object();
    lock.put("name", "app");
    lock.put("version", "1.0.0");
    lock.put("lockfileVersion", 3);
    lock.put("requires", true);
    ObjectNode packages = lock.putObject("packages");
    ObjectNode root = packages.putObject("");
    root.put("name", "app");
    root.put("version", "1.0.0");
    root.putObject("dependencies").put("@s/lost", "1.0.0");
    ObjectNode entry = packages.putObject("node_modules/@s/lost");
    entry.put("version", "1.0.0");
    entry.put("resolved", p.url());
    entry.put("integrity", p.integrity().toString());
    List<String> diffs = new ArrayList<>();
    compare(diffs, Json.stringify(lock, "  ") + "\n", "", "ci");
    assertTrue(diffs.isEmpty(), String.join("\n", diffs));
  }

  @Test
  void aRegistryHostThatDoesNotResolveIsNpmsEnotfound() throws Exception {
    List<String> diffs = new ArrayList<>();
    String npmrc = "@nx:registry=http://no-such-host.invalid/\nfetch-retries=0\n";
    compare(diffs, "{}", npmrc, "install", "@nx/pkg");
    assertTrue(diffs.isEmpty(), String.join("\n", diffs));
  }

  @Test
  void aRemoteTarballThatIsNotThereIsNpmsE404() throws Exception {
    List<String> diffs = new ArrayList<>();
    compare(diffs, "{}", "", "install", registry.url() + "nowhere/x-1.0.0.tgz");
    compare(diffs, "{}", "", "install", "named@" + registry.url() + "nowhere/y-1.0.0.tgz");
    assertTrue(diffs.isEmpty(), String.join("\n", diffs));
  }

  /**
   * Runs {@code npm <args>} and {@code quoll <args>} in twin projects (with this lockfile unless it
   * is {@code {}}, and this project .npmrc unless it is empty), checks that npm failed, and adds a
   * difference of what they said to {@code diffs}.
   */
  private void compare(List<String> diffs, String lockfile, String npmrc, String... args)
      throws Exception {
    int i = projects++;
    Path n = project("npm-" + i, lockfile, npmrc);
    Path q = project("quoll-" + i, lockfile, npmrc);
    String[] rest = List.of(args).subList(1, args.length).toArray(String[]::new);
    NpmCommand.Result nr = NpmCommand.run(registry, tmp, n, args[0], rest);
    Said npm = npm(nr);
    String label = String.join(" ", args);
    if (npm.exit() <= 0) {
      fail("npm " + label + " must fail:\n" + nr.stdout() + nr.stderr());
    }
    Out qo = quoll(q, args);
    Said quoll = quoll(qo, args[0]);
    if (!npm.equals(quoll)) {
      diffs.add(
          label
              + ":\n  npm:   "
              + npm
              + "\n  quoll: "
              + quoll
              + "\n  quoll's stderr:\n"
              + qo.stderr());
    }
  }

  private static Path project(String name, String lockfile, String npmrc) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    if (!npmrc.isEmpty()) {
      Files.writeString(dir.resolve(".npmrc"), npmrc);
    }
    ObjectNode pj = Json.object();
    pj.put("name", "app");
    pj.put("version", "1.0.0");
    if (!lockfile.equals("{}")) {
      pj.putObject("dependencies")
          .setAll((ObjectNode) Json.parse(lockfile).at("/packages//dependencies"));
      Files.writeString(dir.resolve("package-lock.json"), lockfile);
    }
    Files.writeString(dir.resolve("package.json"), Json.stringify(pj, "  ") + "\n");
    return dir;
  }

  /** npm's {@code npm error} lines: the code, then the text after npm's prefixes. */
  private static Said npm(NpmCommand.Result r) {
    String code = "";
    List<String> lines = new ArrayList<>();
    for (String l : r.stderr().lines().toList()) {
      if (!l.equals("npm error") && !l.startsWith("npm error ")) {
        continue;
      }
      String text = l.equals("npm error") ? "" : l.substring("npm error ".length());
      if (text.startsWith("code ")) {
        code = text.substring(5);
      } else if (lines.isEmpty() && text.matches("(syscall|errno) \\S+")) {
        continue; // npm's fields of a system error, printed before its message
      } else if (!text.startsWith("A complete log of this run can be found in")) {
        lines.add(NPM_PREFIX.matcher(text).replaceFirst("").strip());
      }
    }
    return new Said(r.exit(), code, lines);
  }

  /** Quoll's {@code quoll <command>: <summary> (<code>)} and the lines after it. */
  private static Said quoll(Out o, String command) {
    Pattern head = Pattern.compile("^quoll " + command + ": (.*) \\(([A-Z0-9]+)\\)$");
    List<String> all = o.stderr().lines().toList();
    String code = "";
    List<String> lines = new ArrayList<>();
    boolean seen = false;
    for (String l : all) {
      Matcher m = head.matcher(l);
      if (!seen && m.matches()) {
        seen = true;
        code = m.group(2);
        String summary = m.group(1);
        lines.add((code.equals("E404") ? summary.replaceFirst("^404\\s+", "") : summary).strip());
      } else if (seen) {
        lines.add(l.strip());
      }
    }
    return new Said(o.code(), code, lines);
  }

  /**
   * Runs {@code quoll <args>} in this JVM with npm's test flags, {@code --cache} pointing at
   * Quoll's own cache and {@code --prefix} at the project; stderr captured.
   */
  private static synchronized Out quoll(Path project, String... args) throws IOException {
    Captured.Output o =
        Captured.quollLikeNpm(registry, tmp, List.of("--prefix", project.toString()), args);
    return new Out(o.code(), o.err());
  }
}
