package dev.quoll.cli;

import dev.quoll.client.config.ConfigLoader;
import dev.quoll.client.config.NpmConfig;
import dev.quoll.client.install.InstallRequest;
import dev.quoll.client.install.InstallResult;
import dev.quoll.client.install.Installer;
import dev.quoll.client.install.Omit;
import dev.quoll.client.install.Operation;
import dev.quoll.client.tree.IdealTreeRequest.ResolveOptions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The shared part of the commands that change node_modules ({@code install}, {@code ci}, {@code
 * uninstall}, {@code update}, {@code dedupe}, {@code prune}): the npm flags they share, the
 * session, and npm's output (warnings on stderr as {@code npm warn}-style lines, then a blank line
 * and the summary on stdout, e.g. {@code added 3 packages in 2s}).
 */
abstract class ReifyCommand implements Callable<Integer> {
  @Mixin ClientOptions client;

  @Option(
      names = "--omit",
      paramLabel = "<type>",
      description = "Dependency types not to install: dev, optional, peer (repeatable).")
  List<String> omit = new ArrayList<>();

  @Option(names = "--ignore-scripts", description = "Run no lifecycle scripts.")
  boolean ignoreScripts;

  @Option(names = "--legacy-peer-deps", description = "Ignore peer dependencies (npm 6 style).")
  boolean legacyPeerDeps;

  @Option(names = "--strict-peer-deps", description = "Fail on every peer conflict.")
  boolean strictPeerDeps;

  @Option(names = "--force", description = "Accept peer conflicts with a warning.")
  boolean force;

  @Option(names = "--dry-run", description = "Report what would change; change nothing.")
  boolean dryRun;

  @Option(
      names = "--no-link",
      description =
          "Unpack every package into node_modules instead of hard-linking it from the unpacked"
              + " store (config quoll-link=false).")
  boolean noLink;

  /** The operation this command runs. */
  abstract Operation operation();

  /** Whether package.json and the lockfile are saved. */
  boolean save() {
    return true;
  }

  @Override
  public Integer call() {
    long start = System.nanoTime();
    Map<String, String> extra = new LinkedHashMap<>();
    if (legacyPeerDeps) {
      extra.put("legacy-peer-deps", "true");
    }
    if (ignoreScripts) {
      extra.put("ignore-scripts", "true");
    }
    if (noLink) {
      extra.put("quoll-link", "false");
    }
    ConfigLoader loader = ConfigLoader.forProcess(client.flags(extra));
    NpmConfig config = loader.load();
    boolean legacy = legacyPeerDeps || config.bool("legacy-peer-deps");
    InstallRequest request =
        new InstallRequest(
            loader.localPrefix(),
            operation(),
            save(),
            Omit.parse(ClientOptions.split(omit)),
            ignoreScripts || config.bool("ignore-scripts"),
            dryRun,
            new ResolveOptions(legacy, force, strictPeerDeps, false));
    Optional<InstallResult> noop = Installer.upToDate(request);
    if (noop.isPresent()) {
      report(noop.get(), start, System.out, System.err);
      return 0;
    }
    try (ClientSession session = ClientSession.open(config, loader.localPrefix())) {
      InstallResult result = session.installer().run(request);
      report(result, start, System.out, System.err);
    }
    return 0;
  }

  private void report(InstallResult r, long start, PrintStream out, PrintStream err) {
    for (String w : r.warnings()) {
      err.println("quoll warn " + w);
    }
    if (dryRun) {
      r.actions().forEach(out::println);
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    out.println();
    out.println(r.summary(InstallResult.ms(ms)));
  }
}
