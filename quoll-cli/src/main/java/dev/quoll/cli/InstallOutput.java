package dev.quoll.cli;

import dev.quoll.client.install.InstallResult;
import dev.quoll.core.json.Json;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * What the commands that change node_modules print, as npm 11 prints it (its {@code display} and
 * {@code reify-output}).
 *
 * <p>Contract: warnings go to stderr, each line prefixed {@code npm warn } (an empty line as {@code
 * npm warn}), unless the log level is below {@code warn}. Then, unless the level is {@code silent}:
 * with {@code --json} npm's summary object ({@code add}, {@code added}, {@code audited}, {@code
 * change}, {@code changed}, {@code funding}, {@code remove}, {@code removed}) as two-space-indented
 * JSON on stdout; otherwise the {@code --dry-run} lines ({@code add a 1.0.0}, ...), a blank line
 * and the summary ({@code added 3 packages in 2s}, {@code up to date in 300ms}). Log levels are
 * npm's: {@code silent}, {@code error}, {@code warn}, {@code notice} (default), {@code http},
 * {@code info}, {@code verbose}, {@code silly}; an unknown level is a usage error ({@code EUSAGE}).
 *
 * @param json {@code --json}
 * @param level the log level
 * @param dryRun {@code --dry-run}: the change lines are printed
 */
record InstallOutput(boolean json, String level, boolean dryRun) {
  private static final List<String> LEVELS =
      List.of("silent", "error", "warn", "notice", "http", "info", "verbose", "silly");

  /** Checks the level. */
  InstallOutput {
    level = level.toLowerCase(Locale.ROOT);
    if (!LEVELS.contains(level)) {
      throw new dev.quoll.client.ClientException(
          "EUSAGE",
          "Invalid value for loglevel: " + level + " (one of " + String.join(", ", LEVELS) + ")");
    }
  }

  /** Whether anything but errors may be printed. */
  boolean silent() {
    return level.equals("silent");
  }

  /** Whether warnings are printed. */
  boolean warns() {
    return LEVELS.indexOf(level) >= LEVELS.indexOf("warn");
  }

  /**
   * Prints a result.
   *
   * @param r the result
   * @param elapsedMillis the run time
   * @param out stdout
   * @param err stderr
   */
  void print(InstallResult r, long elapsedMillis, PrintStream out, PrintStream err) {
    if (warns()) {
      for (String w : r.warnings()) {
        for (String line : w.split("\n", -1)) {
          err.println(line.isEmpty() ? "npm warn" : "npm warn " + line);
        }
      }
    }
    if (silent()) {
      return;
    }
    if (json) {
      out.println(Json.stringify(r.changes().json(0, 0), "  "));
      return;
    }
    if (dryRun) {
      r.actions().forEach(out::println);
    }
    out.println();
    out.println(r.summary(InstallResult.ms(elapsedMillis)));
  }
}
