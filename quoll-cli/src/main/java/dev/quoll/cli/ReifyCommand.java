package dev.quoll.cli;

import dev.quoll.client.config.ConfigLoader;
import dev.quoll.client.config.NpmConfig;
import dev.quoll.client.install.InstallRequest;
import dev.quoll.client.install.InstallResult;
import dev.quoll.client.install.Installer;
import dev.quoll.client.install.Omit;
import dev.quoll.client.install.Operation;
import dev.quoll.client.install.Phases;
import dev.quoll.client.reify.ProjectScripts;
import dev.quoll.client.reify.ReifyOptions;
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

  @Option(names = "--engine-strict", description = "Fail instead of warning on engines.")
  boolean engineStrict;

  @Option(names = "--json", description = "Print npm's JSON summary instead of text.")
  boolean json;

  @Option(
      names = {"-s", "--silent"},
      description = "Print nothing but errors (--loglevel=silent).")
  boolean silent;

  /** The operation this command runs. */
  abstract Operation operation();

  /** Whether package.json and the lockfile are saved. */
  boolean save() {
    return true;
  }

  /** npm's command name, for {@code npm_command} in scripts. */
  String npmCommand() {
    return switch (operation()) {
      case Operation.Install i -> "install";
      case Operation.Ci c -> "ci";
      case Operation.Uninstall u -> "uninstall";
      case Operation.Update u -> "update";
      case Operation.Dedupe d -> "dedupe";
      case Operation.Prune p -> "prune";
    };
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
    if (engineStrict) {
      extra.put("engine-strict", "true");
    }
    if (json) {
      extra.put("json", "true");
    }
    ConfigLoader loader = ConfigLoader.forProcess(client.flags(extra));
    NpmConfig config = loader.load();
    Phases.mark("config");
    InstallOutput output =
        new InstallOutput(
            json || config.bool("json"),
            silent ? "silent" : client.loglevel != null ? client.loglevel : level(config),
            dryRun);
    boolean legacy = legacyPeerDeps || config.bool("legacy-peer-deps");
    if ((force || config.bool("force")) && output.warns()) {
      // npm 11 lib/npm.js warns at start-up whenever force is set
      System.err.println("npm warn using --force Recommended protections disabled.");
    }
    InstallRequest request =
        new InstallRequest(
            loader.localPrefix(),
            operation(),
            save(),
            Omit.parse(ClientOptions.split(omit)),
            ignoreScripts || config.bool("ignore-scripts"),
            dryRun,
            new ResolveOptions(legacy, force || config.bool("force"), strictPeerDeps, false));
    Optional<PrintStream> banner = output.silent() ? Optional.empty() : Optional.of(System.out);
    try (Spinner spinner =
        Spinner.start(!output.json() && !output.silent() && !client.quiet, System.err)) {
      Optional<InstallResult> noop = Installer.upToDate(request);
      if (noop.isPresent()) {
        if (Installer.runsProjectScripts(request)) {
          ReifyOptions opts =
              ClientSession.reifyOptions(
                  config,
                  loader.localPrefix(),
                  npmCommand(),
                  ReifyOptions.defaults().fetchConcurrency());
          new ProjectScripts(opts, banner).run(request.project());
        }
        spinner.close();
        output.print(noop.get(), elapsed(start), System.out, System.err);
        return 0;
      }
      Phases.mark("up-to-date check");
      try (ClientSession session = ClientSession.open(config, loader.localPrefix(), npmCommand())) {
        Phases.mark("session");
        InstallResult result = runInstall(session.installer().withScriptBanner(banner), request);
        spinner.close();
        output.print(result, elapsed(start), System.out, System.err);
      }
    }
    return 0;
  }

  /** Runs the install; {@code install -w} adds specs to workspaces instead. */
  InstallResult runInstall(Installer installer, InstallRequest request) {
    return installer.run(request);
  }

  private static long elapsed(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** The {@code loglevel} config, or npm's {@code silent}/{@code notice} from {@code silent}. */
  private static String level(NpmConfig config) {
    return config.get("loglevel").orElse(config.bool("silent") ? "silent" : "notice");
  }
}
