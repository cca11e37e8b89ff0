package dev.quoll.cli;

import dev.quoll.client.config.ConfigLoader;
import dev.quoll.client.config.NpmConfig;
import dev.quoll.client.install.InstallRequest;
import dev.quoll.client.install.InstallResult;
import dev.quoll.client.install.Installer;
import dev.quoll.client.install.Operation;
import dev.quoll.client.tree.IdealTreeRequest.ResolveOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The start-up fast path of a no-op {@code quoll install}: answers "up to date" before the command
 * line parser (picocli, whose Java 5 class files the JDK's AOT cache cannot hold) is even loaded.
 *
 * <p>Contract: {@link #tryRun} handles only a plain {@code install} (or {@code i}, {@code add})
 * with no specs whose every other argument is one of the flags below, builds the same config and
 * {@link InstallRequest} that {@link InstallCommand} would, and, when {@link Installer#upToDate}
 * says node_modules already matches, prints the same summary and returns exit code 0. In every
 * other case (any other argument, a change needed, any error) it returns empty having printed
 * nothing, and the caller runs the full command line, which then gives npm's behaviour and error
 * messages. Flags: {@code --ignore-scripts}, {@code --legacy-peer-deps}, {@code --prefer-offline},
 * {@code --prefer-online}, {@code --offline}, {@code --no-link}, {@code --no-audit}, {@code
 * --no-fund}, {@code --no-update-notifier}, {@code --no-progress}, and {@code --cache}, {@code
 * --prefix}, {@code --userconfig}, {@code --registry}, {@code --loglevel} with a value ({@code
 * --flag value} or {@code --flag=value}).
 */
final class NoOpInstall {
  private static final Set<String> COMMANDS = Set.of("install", "i", "add");
  private static final Set<String> IGNORED =
      Set.of("--no-link", "--no-audit", "--no-fund", "--no-update-notifier", "--no-progress");
  private static final Set<String> VALUED =
      Set.of("--cache", "--prefix", "--userconfig", "--registry", "--loglevel");

  private NoOpInstall() {}

  /**
   * @param args the command line after {@code quoll}
   * @param out where the summary goes
   * @return the exit code when the install was a no-op; empty when the caller must run the command
   */
  static Optional<Integer> tryRun(String[] args, PrintStream out) {
    long start = System.nanoTime();
    if (args.length == 0 || !COMMANDS.contains(args[0])) {
      return Optional.empty();
    }
    Map<String, String> values = new LinkedHashMap<>();
    boolean ignoreScripts = false;
    boolean legacy = false;
    boolean preferOffline = false;
    boolean preferOnline = false;
    boolean offline = false;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      int eq = a.indexOf('=');
      String name = eq > 0 ? a.substring(0, eq) : a;
      if (VALUED.contains(name)) {
        if (eq > 0) {
          values.put(name, a.substring(eq + 1));
        } else if (i + 1 < args.length) {
          values.put(name, args[++i]);
        } else {
          return Optional.empty();
        }
        continue;
      }
      switch (a) {
        case "--ignore-scripts" -> ignoreScripts = true;
        case "--legacy-peer-deps" -> legacy = true;
        case "--prefer-offline" -> preferOffline = true;
        case "--prefer-online" -> preferOnline = true;
        case "--offline" -> offline = true;
        default -> {
          if (!IGNORED.contains(a)) {
            return Optional.empty();
          }
        }
      }
    }
    // the same keys, in the same order, as ClientOptions.flags plus ReifyCommand's extras
    Map<String, String> flags = new LinkedHashMap<>();
    String registry = values.get("--registry");
    if (registry != null) {
      flags.put("registry", registry.endsWith("/") ? registry : registry + "/");
    }
    putPath(flags, "cache", values.get("--cache"));
    putPath(flags, "prefix", values.get("--prefix"));
    putPath(flags, "userconfig", values.get("--userconfig"));
    putTrue(flags, "prefer-offline", preferOffline);
    putTrue(flags, "prefer-online", preferOnline);
    putTrue(flags, "offline", offline);
    putTrue(flags, "legacy-peer-deps", legacy);
    putTrue(flags, "ignore-scripts", ignoreScripts);
    try {
      ConfigLoader loader = ConfigLoader.forProcess(flags);
      NpmConfig config = loader.load();
      InstallRequest request =
          new InstallRequest(
              loader.localPrefix(),
              Operation.Install.plain(),
              true,
              Set.of(),
              ignoreScripts || config.bool("ignore-scripts"),
              false,
              new ResolveOptions(legacy || config.bool("legacy-peer-deps"), false, false, false));
      Optional<InstallResult> noop = Installer.upToDate(request);
      if (noop.isEmpty()) {
        return Optional.empty();
      }
      long ms = (System.nanoTime() - start) / 1_000_000;
      out.println();
      out.println(noop.get().summary(InstallResult.ms(ms)));
      return Optional.of(0);
    } catch (RuntimeException e) {
      return Optional.empty(); // the full command reports it as npm would
    }
  }

  private static void putPath(Map<String, String> f, String key, String value) {
    if (value != null) {
      f.put(key, Path.of(value).toAbsolutePath().toString());
    }
  }

  private static void putTrue(Map<String, String> f, String key, boolean on) {
    if (on) {
      f.put(key, "true");
    }
  }
}
