package dev.quoll.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The start-up fast path of {@code quoll install} and {@code quoll ci}: parses their common command
 * lines by hand, so that an install does not load picocli (whose Java 5 class files the JDK's AOT
 * cache cannot hold) nor build the option model of every subcommand by reflection, which together
 * cost more CPU than reading a 1,000-entry lockfile.
 *
 * <p>Contract: {@link #parse} either declines (empty) or gives the command object picocli would
 * have built from the same arguments, field for field (checked against picocli by {@code
 * ReifyArgsTest}); {@link Direct#execute} then runs it with {@link Quoll}'s exit codes and error
 * lines. It accepts only {@code install} (aliases {@code i}, {@code add}) and {@code ci} (aliases
 * {@code clean-install}, {@code install-clean}, {@code isntall-clean}) followed by:
 *
 * <ul>
 *   <li>each at most once, as one exact word: the boolean flags of {@link ClientOptions} and {@link
 *       ReifyCommand}, and for {@code install} {@code -D}, {@code -O}, {@code -E}, {@code -P} and
 *       their long forms, {@code --save}, {@code --no-save};
 *   <li>each at most once, as {@code --flag value} or {@code --flag=value} with a non-empty value
 *       not starting with {@code -}: {@code --registry}, {@code --cache}, {@code --prefix}, {@code
 *       --userconfig}, {@code --loglevel}, {@code --before}; {@code --omit} any number of times;
 *   <li>for {@code install}, package specs: words not starting with {@code -}.
 * </ul>
 *
 * Everything else declines, and picocli then parses the line with its own rules and messages: help
 * and version options, {@code -g}, the workspace options, clustered short options, a repeated
 * single-valued option (picocli's "should be specified only once"), {@code --}, an empty word, and
 * any word starting with {@code @} (picocli reads {@code @file} arguments).
 */
final class ReifyArgs {
  private static final Set<String> INSTALL = Set.of("install", "i", "add");
  private static final Set<String> CI =
      Set.of("ci", "clean-install", "install-clean", "isntall-clean");

  private ReifyArgs() {}

  /**
   * A command parsed without picocli, ready to run.
   *
   * @param command the command object, its fields set as picocli would
   * @param name the command's name as picocli reports it in error lines ({@code install}, {@code
   *     ci}), whatever alias was typed
   */
  record Direct(ReifyCommand command, String name) {
    /**
     * Runs the command as {@code picocli.CommandLine#execute} runs it under {@link
     * Quoll#commandLine}: the command's exit code; 1 with {@link Quoll#reported}'s line for a
     * {@code CoreException} or an {@code UncheckedIOException}; 1 with picocli's stack trace for
     * any other exception (errors propagate).
     *
     * @return the exit code
     */
    int execute() {
      try {
        return command.call();
      } catch (RuntimeException e) {
        PrintWriter err = stderr();
        Optional<Integer> code = Quoll.reported(e, name, err);
        if (code.isPresent()) {
          return code.get();
        }
        // picocli's handling of an exception its handler rethrows (CommandLine.handleUnhandled)
        err.print(
            picocli.CommandLine.Help.defaultColorScheme(picocli.CommandLine.Help.Ansi.AUTO)
                .richStackTraceString(e));
        err.flush();
        return 1;
      }
    }
  }

  /**
   * @param args the command line after {@code quoll}
   * @return the parsed command; empty when picocli must parse this line
   */
  static Optional<Direct> parse(String[] args) {
    if (args.length == 0) {
      return Optional.empty();
    }
    ReifyCommand command;
    String name;
    if (INSTALL.contains(args[0])) {
      command = new InstallCommand();
      name = "install";
    } else if (CI.contains(args[0])) {
      command = new CiCommand();
      name = "ci";
    } else {
      return Optional.empty();
    }
    ClientOptions options = new ClientOptions();
    command.client = options;
    Set<String> seen = new HashSet<>();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (a.isEmpty() || a.startsWith("@")) {
        return Optional.empty();
      }
      if (!a.startsWith("-")) {
        if (!(command instanceof InstallCommand install)) {
          return Optional.empty();
        }
        install.specs.add(a);
        continue;
      }
      int eq = a.indexOf('=');
      String flag = eq > 0 ? a.substring(0, eq) : a;
      if (valued(flag)) {
        String value;
        if (eq > 0) {
          value = a.substring(eq + 1);
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          return Optional.empty();
        }
        boolean repeatable = flag.equals("--omit");
        if (value.isEmpty()
            || value.startsWith("-")
            || value.startsWith("@")
            || !repeatable && !seen.add(flag)) {
          return Optional.empty();
        }
        setValue(command, options, flag, value);
        continue;
      }
      if (eq > 0 || !seen.add(field(a)) || !setBoolean(command, options, a)) {
        return Optional.empty();
      }
    }
    return Optional.of(new Direct(command, name));
  }

  private static boolean valued(String flag) {
    return switch (flag) {
      case "--registry",
          "--cache",
          "--prefix",
          "--userconfig",
          "--loglevel",
          "--before",
          "--omit" ->
          true;
      default -> false;
    };
  }

  private static void setValue(ReifyCommand c, ClientOptions o, String flag, String value) {
    switch (flag) {
      case "--registry" -> o.registry = value;
      case "--cache" -> o.cache = Path.of(value);
      case "--prefix" -> o.prefix = Path.of(value);
      case "--userconfig" -> o.userconfig = Path.of(value);
      case "--loglevel" -> o.loglevel = value;
      case "--before" -> o.before = value;
      case "--omit" -> c.omit.add(value);
      default -> throw new IllegalArgumentException(flag);
    }
  }

  /** The field a boolean flag sets: flags that set the same field may not both be given. */
  private static String field(String flag) {
    return switch (flag) {
      case "-s" -> "--silent";
      case "--no-progress" -> "--no-update-notifier";
      case "-D" -> "--save-dev";
      case "-O" -> "--save-optional";
      case "-E" -> "--save-exact";
      case "-P" -> "--save-prod";
      default -> flag;
    };
  }

  /** Sets a boolean flag; false when this command has no such flag. */
  private static boolean setBoolean(ReifyCommand c, ClientOptions o, String flag) {
    switch (field(flag)) {
      case "--prefer-offline" -> o.preferOffline = true;
      case "--prefer-online" -> o.preferOnline = true;
      case "--offline" -> o.offline = true;
      case "--no-audit" -> o.noAudit = true;
      case "--no-fund" -> o.noFund = true;
      case "--no-update-notifier" -> o.quiet = true;
      case "--ignore-scripts" -> c.ignoreScripts = true;
      case "--legacy-peer-deps" -> c.legacyPeerDeps = true;
      case "--strict-peer-deps" -> c.strictPeerDeps = true;
      case "--force" -> c.force = true;
      case "--dry-run" -> c.dryRun = true;
      case "--no-link" -> c.noLink = true;
      case "--engine-strict" -> c.engineStrict = true;
      case "--json" -> c.json = true;
      case "--silent" -> c.silent = true;
      default -> {
        return c instanceof InstallCommand install && setInstallBoolean(install, field(flag));
      }
    }
    return true;
  }

  private static boolean setInstallBoolean(InstallCommand c, String field) {
    switch (field) {
      case "--save-dev" -> c.saveDev = true;
      case "--save-optional" -> c.saveOptional = true;
      case "--save-exact" -> c.saveExact = true;
      case "--save-prod" -> c.saveProd = true;
      case "--save" -> c.saveFlag = true;
      case "--no-save" -> c.noSave = true;
      default -> {
        return false;
      }
    }
    return true;
  }

  /**
   * stderr as picocli's {@code CommandLine#getErr} wraps it: autoflush, in {@code
   * sun.stderr.encoding} when set (Windows' {@code cp65001} as UTF-8), else the default charset.
   */
  private static PrintWriter stderr() {
    String encoding = System.getProperty("sun.stderr.encoding");
    Charset cs = Charset.defaultCharset();
    if (encoding != null) {
      try {
        cs = Charset.forName(encoding.equalsIgnoreCase("cp65001") ? "UTF-8" : encoding);
      } catch (IllegalArgumentException e) {
        // picocli falls back to the default charset too
      }
    }
    return new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.err, cs)), true);
  }
}
